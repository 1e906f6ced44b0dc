'use strict';
/**
 * Builds this package and packs it with `npm pack`: n8n gets exactly the files a user would
 * install from the registry (package.json `files`), not the work tree.
 *
 * The tarball is cached per content of the sources, so the several end-to-end test files (run in
 * parallel jest workers) and `npm start` build and pack once, under a lock.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, cacheDir } = require('./versions');
const { withDirLock } = require('../lib/dirLock');
const { runOk } = require('./proc');

const SOURCES = ['package.json', 'tsconfig.json', 'gulpfile.js', 'index.js', 'nodes', 'credentials'];
const SANDBOX_SOURCES = ['tsconfig.json', 'tsconfig.tools.json', 'sandbox'];

/** A fingerprint of the given files and folders (paths and contents). */
function sourceHash(sources = SOURCES) {
	const h = crypto.createHash('sha256');
	const walk = (p) => {
		const full = path.join(ROOT, p);
		if (!fs.existsSync(full)) return;
		const st = fs.statSync(full);
		if (st.isDirectory()) {
			for (const e of fs.readdirSync(full).sort()) walk(path.join(p, e));
		} else {
			h.update(p).update(fs.readFileSync(full));
		}
	};
	sources.forEach(walk);
	return h.digest('hex').slice(0, 16);
}


/**
 * Builds (`npm run build`) and packs the package; returns the tarball path and its package.json.
 * @param {{ log?: (m: string) => void, force?: boolean }} [opts]
 */
async function packPackage(opts = {}) {
	const log = opts.log ?? (() => {});
	const outDir = path.join(cacheDir, 'pack');
	fs.mkdirSync(outDir, { recursive: true });
	const hash = sourceHash();
	const target = path.join(outDir, `package-${hash}.tgz`);
	const manifestOf = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	if (!opts.force && fs.existsSync(target)) return { tarball: target, pkg: manifestOf() };
	return withDirLock(path.join(outDir, '.lock'), async () => {
		if (!opts.force && fs.existsSync(target)) return { tarball: target, pkg: manifestOf() };
		log('building the package (npm run build)...');
		await runOk('npm', ['run', 'build', '--silent'], { cwd: ROOT });
		const tmp = fs.mkdtempSync(path.join(outDir, 'tmp-'));
		try {
			const res = await runOk('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT });
			const [info] = JSON.parse(res.stdout.slice(res.stdout.indexOf('[')));
			fs.renameSync(path.join(tmp, info.filename), target);
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
		// Older tarballs of this cache are of no use any more.
		for (const f of fs.readdirSync(outDir)) {
			if (f.endsWith('.tgz') && path.join(outDir, f) !== target) fs.rmSync(path.join(outDir, f), { force: true });
		}
		log(`packed ${path.relative(ROOT, target)}`);
		return { tarball: target, pkg: manifestOf() };
	});
}

/** Compiles the sandbox to `build/sandbox/` (`npm run build:tools`) and loads it. */
async function loadSandbox() {
	const entry = path.join(ROOT, 'build', 'sandbox', 'index.js');
	const stamp = path.join(ROOT, 'build', '.sandbox-sources');
	const hash = sourceHash(SANDBOX_SOURCES);
	const fresh = () => fs.existsSync(entry) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash;
	if (!fresh()) {
		fs.mkdirSync(cacheDir, { recursive: true });
		await withDirLock(path.join(cacheDir, 'build-tools.lock'), async () => {
			if (fresh()) return;
			await runOk('npm', ['run', 'build:tools', '--silent'], { cwd: ROOT });
			fs.writeFileSync(stamp, hash);
		});
	}
	return require(entry);
}

module.exports = { packPackage, loadSandbox, sourceHash };
