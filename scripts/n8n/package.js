'use strict';
/**
 * Builds the packages of this repository (root index.js) and packs each with
 * `npm pack --workspace <name>`: n8n gets exactly the files a user would install from the registry
 * (each package.json's `files`), not the work tree.
 *
 * The tarballs are cached per content of the sources, so the several end-to-end test files (run in
 * parallel jest workers) and `npm start` build and pack once, under a lock.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, cacheDir } = require('./versions');
const { withDirLock } = require('../lib/dirLock');
const { runOk } = require('./proc');

const { PACKAGES } = require('../../index');

const SOURCES = ['package.json', 'tsconfig.json', 'gulpfile.js', 'index.js', 'nodes', 'credentials', 'packages'];
/** Build output and installs inside the source folders; not sources. */
const SKIP = new Set(['dist', 'node_modules']);
const SANDBOX_SOURCES = ['tsconfig.json', 'tsconfig.tools.json', 'sandbox'];

/** A fingerprint of the given files and folders (paths and contents). */
function sourceHash(sources = SOURCES) {
	const h = crypto.createHash('sha256');
	const walk = (p) => {
		const full = path.join(ROOT, p);
		if (!fs.existsSync(full)) return;
		const st = fs.statSync(full);
		if (st.isDirectory()) {
			for (const e of fs.readdirSync(full).sort()) if (!SKIP.has(e)) walk(path.join(p, e));
		} else {
			h.update(p).update(fs.readFileSync(full));
		}
	};
	sources.forEach(walk);
	return h.digest('hex').slice(0, 16);
}


/**
 * Builds (`npm run build`) and packs the packages; returns their tarball paths and package.json's,
 * in the order of `names` (default: every package of index.js).
 * @param {{ log?: (m: string) => void, force?: boolean, names?: string[] }} [opts]
 * @returns {Promise<{ tarballs: string[], pkgs: any[] }>}
 */
async function packPackages(opts = {}) {
	const log = opts.log ?? (() => {});
	const names = opts.names ?? PACKAGES.map((p) => p.name);
	for (const name of names) if (!PACKAGES.some((p) => p.name === name)) throw new Error(`unknown package ${name}`);
	const outDir = path.join(cacheDir, 'pack');
	fs.mkdirSync(outDir, { recursive: true });
	const target = path.join(outDir, `packages-${sourceHash()}`);
	const result = () => {
		const packed = names.map((name) => {
			const { folder } = PACKAGES.find((p) => p.name === name);
			const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, folder, 'package.json'), 'utf8'));
			return { tarball: path.join(target, `${name}-${pkg.version}.tgz`), pkg };
		});
		return { tarballs: packed.map((p) => p.tarball), pkgs: packed.map((p) => p.pkg) };
	};
	const ready = () => fs.existsSync(path.join(target, '.complete'));
	if (!opts.force && ready()) return result();
	return withDirLock(path.join(outDir, '.lock'), async () => {
		if (!opts.force && ready()) return result();
		log('building the packages (npm run build)...');
		await runOk('npm', ['run', 'build', '--silent'], { cwd: ROOT });
		const tmp = fs.mkdtempSync(path.join(outDir, 'tmp-'));
		try {
			for (const { name } of PACKAGES) {
				const res = await runOk('npm', ['pack', '--json', '--workspace', name, '--pack-destination', tmp], { cwd: ROOT });
				const [info] = JSON.parse(res.stdout.slice(res.stdout.indexOf('[')));
				log(`packed ${info.filename}`);
			}
			fs.writeFileSync(path.join(tmp, '.complete'), '');
			fs.rmSync(target, { recursive: true, force: true });
			fs.renameSync(tmp, target);
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
		// Older tarballs of this cache are of no use any more.
		for (const f of fs.readdirSync(outDir)) {
			const p = path.join(outDir, f);
			if (f.startsWith('packages-') && p !== target) fs.rmSync(p, { recursive: true, force: true });
		}
		return result();
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

module.exports = { packPackages, loadSandbox, sourceHash };
