'use strict';
/**
 * `npm run lint [package...]`: n8n's community-node lint rules with n8n Cloud support on (`config`
 * of `@n8n/node-cli/eslint`, what `n8n-node lint` runs in strict mode; `configWithoutCloudSupport`
 * is the other export) for each package of this repository (root index.js), with the package
 * folder as ESLint's cwd: its nodes/, credentials/ and package.json. ESLint's own file walk does
 * not enter symlinked folders, so the files are listed here, following the package's nodes/shared
 * and credentials/shared links: the shared core is linted once per package, under the package's
 * paths, as the package compiles it. Installs the pinned tooling into .cache/verify/ first if it
 * is missing (see scripts/verify/tools.js). Exits non-zero on any error or warning. `--fix`
 * applies ESLint's automatic fixes.
 *
 * Inline `eslint-disable` comments are not honoured (`allowInlineConfig: false`), as in n8n's
 * community package scanner: a finding has to be fixed, not silenced.
 */
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { createRequire } = require('node:module');
const { DIR, ensureVerifyTools, requireProjectInstall } = require('./verify/tools');
const { selectedPackages, walk } = require('./verify/packages');

async function main() {
	const fix = process.argv.includes('--fix');
	const packages = selectedPackages();
	requireProjectInstall();
	ensureVerifyTools();
	const { ESLint } = createRequire(path.join(DIR, 'package.json'))('eslint');
	// The config file sits beside the installed tooling so that its bare import resolves there.
	// Its `files` patterns (`./nodes/**`, `./credentials/**`) are relative to the base path, so
	// the config is passed as an object with the package folder as `cwd`.
	const { default: config } = await import(pathToFileURL(path.join(DIR, 'eslint.config.mjs')).href);
	let failed = false;
	for (const p of packages) {
		const targets = [
			'package.json',
			...walk(p.dir)
				.filter((f) => /^(nodes|credentials)\//.test(f) && /\.(ts|js|json)$/.test(f) && !f.endsWith('.d.ts'))
				.filter((f) => !f.endsWith('.node.json')),
		];
		const eslint = new ESLint({
			cwd: p.dir,
			overrideConfigFile: true,
			overrideConfig: config,
			allowInlineConfig: false,
			errorOnUnmatchedPattern: false,
			fix,
		});
		const results = await eslint.lintFiles(targets);
		if (fix) await ESLint.outputFixes(results);
		const text = await (await eslint.loadFormatter('stylish')).format(results);
		const errors = results.reduce((n, r) => n + r.errorCount, 0);
		const warnings = results.reduce((n, r) => n + r.warningCount, 0);
		const core = results.filter((r) => /^(nodes|credentials)[\\/]shared[\\/]/.test(path.relative(p.dir, r.filePath))).length;
		if (text) process.stdout.write(text);
		console.log(`lint ${p.name}: ${results.length} files (${core} of the shared core), ${errors} errors, ${warnings} warnings`);
		if (errors > 0 || warnings > 0 || results.length < 2 || core === 0) failed = true;
	}
	process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
	console.error(err?.stack ?? err);
	process.exit(2);
});
