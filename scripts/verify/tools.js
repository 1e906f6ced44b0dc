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
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { lockDirSync } = require('../lib/dirLock');

const ROOT = path.resolve(__dirname, '..', '..');
const SRC_DIR = path.join(ROOT, 'tools', 'verify');
const DIR = path.join(ROOT, '.cache', 'verify');
const FILES = ['package.json', 'package-lock.json', '.npmrc', 'eslint.config.mjs'];
const STAMP = '.installed.json';

function definitionHash() {
	const h = crypto.createHash('sha256');
	for (const f of FILES) {
		const p = path.join(SRC_DIR, f);
		if (fs.existsSync(p)) h.update(f).update(fs.readFileSync(p));
	}
	return h.digest('hex');
}

function isReady(hash) {
	try {
		const stamp = JSON.parse(fs.readFileSync(path.join(DIR, STAMP), 'utf8'));
		return stamp.hash === hash && fs.existsSync(path.join(DIR, 'node_modules', '@n8n', 'node-cli', 'package.json'));
	} catch {
		return false;
	}
}

/**
 * Makes sure the tools are installed (npm ci from the committed lockfile) and returns the folder.
 * @param {{ log?: (msg: string) => void }} [opts]
 * @returns {string} the install folder (`.cache/verify`)
 */
function ensureVerifyTools(opts = {}) {
	const log = opts.log ?? ((m) => console.error(`[verify tools] ${m}`));
	const hash = definitionHash();
	if (isReady(hash)) return DIR;
	fs.mkdirSync(path.dirname(DIR), { recursive: true });
	const release = lockDirSync(`${DIR}.lock`, {
		timeoutMs: 10 * 60 * 1000,
		onWait: (owner) => log(`waiting for another process (pid ${owner}) installing the tools...`),
	});
	try {
		if (isReady(hash)) return DIR;
		const started = Date.now();
		log(`installing n8n's lint and scan tooling into ${path.relative(ROOT, DIR)} (about a minute the first time)...`);
		fs.rmSync(DIR, { recursive: true, force: true });
		fs.mkdirSync(DIR, { recursive: true });
		for (const f of FILES) {
			const p = path.join(SRC_DIR, f);
			if (fs.existsSync(p)) fs.copyFileSync(p, path.join(DIR, f));
		}
		const res = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: DIR,
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, npm_config_update_notifier: 'false' },
		});
		if (res.status !== 0) throw new Error(`npm ci in ${path.relative(ROOT, DIR)} failed (exit ${res.status ?? res.signal})`);
		fs.writeFileSync(path.join(DIR, STAMP), JSON.stringify({ hash, installedAt: new Date().toISOString() }, null, 2));
		log(`installed in ${Math.round((Date.now() - started) / 1000)}s`);
		return DIR;
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

module.exports = { ROOT, DIR, ensureVerifyTools, requireProjectInstall };

// `node scripts/verify/tools.js` installs ahead of time.
if (require.main === module) {
	try {
		console.log(path.relative(ROOT, ensureVerifyTools()));
	} catch (err) {
		console.error(err.message);
		process.exit(1);
	}
}
