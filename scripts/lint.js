'use strict';
/**
 * `npm run lint`: n8n's community-node lint rules (the config `n8n-node lint` uses,
 * `@n8n/node-cli/eslint`) on what the package ships: nodes/, credentials/ and package.json.
 * Installs the pinned tooling into .cache/verify/ first if it is missing (see scripts/verify/tools.js).
 * Exits non-zero when ESLint reports an error. `--fix` applies ESLint's automatic fixes.
 *
 * Inline `eslint-disable` comments are not honoured (`allowInlineConfig: false`), as in n8n's
 * community package scanner: a finding has to be fixed, not silenced.
 */
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { createRequire } = require('node:module');
const { ROOT, DIR, ensureVerifyTools, requireProjectInstall } = require('./verify/tools');

const TARGETS = ['nodes', 'credentials', 'package.json'];

async function main() {
	const fix = process.argv.includes('--fix');
	requireProjectInstall();
	ensureVerifyTools();
	const { ESLint } = createRequire(path.join(DIR, 'package.json'))('eslint');
	// The config file sits beside the installed tooling so that its bare import resolves there.
	// Its `files` patterns (`./nodes/**`, `./credentials/**`) are relative to the base path, so
	// the config is passed as an object with the repository root as `cwd`.
	const { default: config } = await import(pathToFileURL(path.join(DIR, 'eslint.config.mjs')).href);
	const eslint = new ESLint({
		cwd: ROOT,
		overrideConfigFile: true,
		overrideConfig: config,
		allowInlineConfig: false,
		errorOnUnmatchedPattern: false,
		fix,
	});
	const results = await eslint.lintFiles(TARGETS);
	if (fix) await ESLint.outputFixes(results);
	const formatter = await eslint.loadFormatter('stylish');
	const text = await formatter.format(results);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	if (text) process.stdout.write(text);
	console.log(`lint: ${results.length} files, ${errors} errors, ${warnings} warnings`);
	process.exitCode = errors > 0 ? 1 : 0;
}

main().catch((err) => {
	console.error(err?.stack ?? err);
	process.exit(2);
});
