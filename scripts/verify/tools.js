'use strict';
/**
 * n8n's verification tooling (the community-node lint config of `@n8n/node-cli` and the community
 * package scanner), installed on demand into the git-ignored `.cache/verify/` from the committed
 * `tools/verify/` definition (package.json, package-lock.json with no download URLs, .npmrc).
 *
 * It is a separate install, not part of the package's devDependencies: the lint plugin's peer is
 * `n8n-workflow >=2`, while this package pins n8n-workflow 1.x for its tests, and the published
 * package.json may carry no `overrides`. `.npmrc` there sets `ignore-scripts`: the tree holds
 * n8n-workflow 2.x and with it isolated-vm, whose native build fails on Node 20; linting never
 * loads it.
 *
 * `tools/actionlint/` is a second such set (the GitHub workflow linter scripts/lint-workflows.js
 * runs), installed the same way into `.cache/actionlint/`.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { lockDirSync } = require('../lib/dirLock');

const ROOT = path.resolve(__dirname, '..', '..');
const FILES = ['package.json', 'package-lock.json', '.npmrc', 'eslint.config.mjs'];
const STAMP = '.installed.json';

/**
 * A pinned tool install: its committed definition in `tools/<name>/`, installed into
 * `.cache/<name>/`, ready when `marker` (a path below its node_modules) exists.
 * @typedef {{ name: string, label: string, marker: string[] }} ToolSet
 */

/** @type {ToolSet} n8n's lint config and community package scanner. */
const VERIFY = { name: 'verify', label: "n8n's lint and scan tooling", marker: ['@n8n', 'node-cli', 'package.json'] };
/** @type {ToolSet} actionlint, for .github/workflows (see tools/actionlint/package.json). */
const ACTIONLINT = { name: 'actionlint', label: 'actionlint', marker: ['@tktco', 'node-actionlint', 'main.wasm'] };

const DIR = path.join(ROOT, '.cache', VERIFY.name);

function definitionHash(srcDir) {
	const h = crypto.createHash('sha256');
	for (const f of FILES) {
		const p = path.join(srcDir, f);
		if (fs.existsSync(p)) h.update(f).update(fs.readFileSync(p));
	}
	return h.digest('hex');
}

function isReady(tools, dir, hash) {
	try {
		const stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP), 'utf8'));
		return stamp.hash === hash && fs.existsSync(path.join(dir, 'node_modules', ...tools.marker));
	} catch {
		return false;
	}
}

/**
 * Makes sure the lint and scan tools are installed (npm ci from the committed lockfile) and
 * returns the folder.
 * @param {{ log?: (msg: string) => void }} [opts]
 * @returns {string} the install folder (`.cache/verify`)
 */
function ensureVerifyTools(opts = {}) {
	return ensureTools(VERIFY, { log: (m) => console.error(`[verify tools] ${m}`), ...opts });
}

/**
 * Makes sure a pinned tool set is installed and returns its folder (`.cache/<name>`).
 * @param {ToolSet} tools
 * @param {{ log?: (msg: string) => void }} [opts]
 */
function ensureTools(tools, opts = {}) {
	const srcDir = path.join(ROOT, 'tools', tools.name);
	const dir = path.join(ROOT, '.cache', tools.name);
	const log = opts.log ?? ((m) => console.error(`[${tools.name} tools] ${m}`));
	const hash = definitionHash(srcDir);
	if (isReady(tools, dir, hash)) return dir;
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	const release = lockDirSync(`${dir}.lock`, {
		timeoutMs: 10 * 60 * 1000,
		onWait: (owner) => log(`waiting for another process (pid ${owner}) installing the tools...`),
	});
	try {
		if (isReady(tools, dir, hash)) return dir;
		const started = Date.now();
		log(`installing ${tools.label} into ${path.relative(ROOT, dir)} (about a minute the first time)...`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const f of FILES) {
			const p = path.join(srcDir, f);
			if (fs.existsSync(p)) fs.copyFileSync(p, path.join(dir, f));
		}
		const res = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, npm_config_update_notifier: 'false' },
		});
		if (res.status !== 0) throw new Error(`npm ci in ${path.relative(ROOT, dir)} failed (exit ${res.status ?? res.signal})`);
		fs.writeFileSync(path.join(dir, STAMP), JSON.stringify({ hash, installedAt: new Date().toISOString() }, null, 2));
		log(`installed in ${Math.round((Date.now() - started) / 1000)}s`);
		return dir;
	} finally {
		release();
	}
}

/** The package's own dependencies (n8n-workflow 1.x types, typescript) must be there for import resolution. */
function requireProjectInstall() {
	if (!fs.existsSync(path.join(ROOT, 'node_modules', 'n8n-workflow', 'package.json'))) {
		throw new Error('node_modules is missing: run `npm ci` first');
	}
}

module.exports = { ROOT, DIR, ACTIONLINT, ensureVerifyTools, ensureTools, requireProjectInstall };

// `node scripts/verify/tools.js` installs ahead of time (`--actionlint`: the workflow linter too).
if (require.main === module) {
	try {
		console.log(path.relative(ROOT, ensureVerifyTools()));
		if (process.argv.includes('--actionlint')) console.log(path.relative(ROOT, ensureTools(ACTIONLINT)));
	} catch (err) {
		console.error(err.message);
		process.exit(1);
	}
}
