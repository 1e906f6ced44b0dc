#!/usr/bin/env node
// `npm test`: builds what the tests load (the package's dist/ for real n8n, the sandbox's build/),
// runs every jest project (unit, integration, end-to-end in real n8n) and ends with the plain
// summary line CI reads: "N passed, N failed".
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
	return result.status ?? 1;
}

for (const script of ['build', 'build:tools']) {
	if (run(npm, ['run', '--silent', script]) !== 0) {
		console.log(`npm run ${script} failed`);
		console.log('0 passed, 1 failed');
		process.exit(1);
	}
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-report-')), 'report.json');
const jestArgs = ['--json', `--outputFile=${report}`, ...process.argv.slice(2)];
const status = run(process.execPath, [require.resolve('jest/bin/jest'), ...jestArgs]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
	const results = JSON.parse(fs.readFileSync(report, 'utf8'));
	passed = results.numPassedTests;
	failed = results.numFailedTests;
	skipped = results.numPendingTests + results.numTodoTests;
	// A suite that fails to load has no failed tests of its own but must count.
	failed += results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
} catch {
	failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
