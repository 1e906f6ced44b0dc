'use strict';
/**
 * `npm run scan [package...]`: n8n's community package scanner (`@n8n/scan-community-package`),
 * offline, for each package of this repository (root index.js). Its CLI downloads the published
 * package and its provenance-attested source from the network; here its own functions run on the
 * same two inputs, made locally:
 *   1. the source leg: the repository as GitHub would serve it (tracked and new, not ignored files,
 *      symlinks kept), the package root found by the `name` in a package.json (the scanner's
 *      `findPackageRoot`), then `analyzePackage(root, SOURCE_FILE_PATTERNS)`. It fails when the
 *      patterns match no node or credential source, so it can never pass on an empty folder;
 *   2. the tarball leg: `npm pack --workspace <name>` after `npm run build`, unpacked, with the
 *      scanner's tarball patterns (compiled .js and package.json).
 * Besides: what the tarball holds (scripts/verify/contents.js: every declared node and credential
 * present, nothing of another service, no stale build output), and no environment read or file
 * access in anything the package ships (its sources, the shared core included, and the packed .js).
 * Exits non-zero on any finding. The tooling is installed into .cache/verify/ when missing.
 *
 * `--no-build` skips `npm run build` (when dist/ is fresh already).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const { DIR, ensureVerifyTools, requireProjectInstall } = require('./verify/tools');
const { ROOT, PACKAGES, selectedPackages, walk } = require('./verify/packages');
const { findEnvAndFileAccess, checkTarballContents } = require('./verify/contents');

const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function runOk(cmd, args, opts = {}) {
	const res = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
	if (res.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})\n${res.stdout ?? ''}${res.stderr ?? ''}`);
	}
	return res.stdout;
}

/** A copy of the repository as a source tarball from GitHub holds it (symlinks as symlinks). */
function sourceCheckout(into) {
	const files = runOk('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter(Boolean);
	for (const f of files) {
		const from = path.join(ROOT, f);
		let st;
		try {
			st = fs.lstatSync(from);
		} catch {
			continue; // deleted in the work tree
		}
		const to = path.join(into, f);
		fs.mkdirSync(path.dirname(to), { recursive: true });
		if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
		else if (st.isFile()) fs.copyFileSync(from, to);
	}
}

/** The source file a dist/ file of a package is built from, or null. */
const sourceOfIn = (pkgDir) => (distFile) => {
	const rel = distFile.slice('dist/'.length);
	if (!/^(nodes|credentials)\//.test(rel)) return null;
	const js = rel.match(/^(.*)\.(js|js\.map|d\.ts)$/);
	const candidate = js ? `${js[1]}.ts` : rel; // icons and codex files (*.node.json) are copied as they are
	return fs.existsSync(path.join(pkgDir, candidate)) ? candidate : null;
};

async function main() {
	const build = !process.argv.includes('--no-build');
	const packages = selectedPackages();
	requireProjectInstall();
	ensureVerifyTools();
	const scannerDir = path.join(DIR, 'node_modules', '@n8n', 'scan-community-package', 'scanner');
	// The scanner makes a temp folder when it loads (for its download path, unused here); have
	// `tmp` remove it on exit.
	require(path.join(DIR, 'node_modules', 'tmp')).setGracefulCleanup();
	const { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(path.join(scannerDir, 'scanner.mjs')).href);
	const glob = require(require.resolve('fast-glob', { paths: [scannerDir] }));

	let failed = false;
	const fail = (label, lines) => {
		failed = true;
		console.log(`${label}: FAILED (${lines.length})`);
		for (const l of lines) console.log(`  ${l}`);
	};
	const report = (label, result) => {
		if (result.passed && result.message !== 'No files found to analyze') {
			console.log(`${label}: passed`);
			return;
		}
		failed = true;
		console.log(`${label}: FAILED: ${result.message}`);
		if (result.details) console.log(result.details);
	};

	if (build) {
		console.log('npm run build...');
		runOk(npm, ['run', '--silent', 'build']);
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-scan-'));
	try {
		const checkout = path.join(work, 'source');
		sourceCheckout(checkout);
		for (const p of packages) {
			console.log(`\n== ${p.name}`);
			// 1. The source leg, as the scanner runs it on the attested commit.
			const root = findPackageRoot(checkout, p.name);
			if (!root) {
				fail(`scan source`, [`no package.json named ${p.name} in the repository`]);
			} else {
				const matched = glob.sync(SOURCE_FILE_PATTERNS, { cwd: root, ignore: ['node_modules/**', '**/package-lock.json'] });
				const sources = matched.filter((f) => f !== 'package.json');
				console.log(`scan source: package root ${path.relative(checkout, root)}, ${matched.length} files (${sources.filter((f) => /^(nodes|credentials)\/shared\//.test(f)).length} of the shared core)`);
				if (!sources.some((f) => /\.node\.ts$/.test(f)) || !sources.some((f) => /\.credentials\.ts$/.test(f))) {
					fail('scan source', [`the scanner's patterns match no node or credential source under ${path.relative(checkout, root)}: it would lint nothing`]);
				} else {
					report('scan source', await analyzePackage(root, SOURCE_FILE_PATTERNS));
				}
			}
			const shippedSources = walk(p.dir).filter((f) => /^(nodes|credentials)\//.test(f));
			const sourceFindings = findEnvAndFileAccess(p.dir, shippedSources, `${p.folder}/`);

			// 2. The tarball leg.
			const dest = path.join(work, p.name);
			fs.mkdirSync(dest);
			const packed = JSON.parse(runOk(npm, ['pack', '--json', '--ignore-scripts', '--workspace', p.name, '--pack-destination', dest]));
			runOk('tar', ['-xzf', path.join(dest, packed[0].filename), '-C', dest]);
			const unpacked = path.join(dest, 'package');
			const files = walk(unpacked);
			const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
			console.log(`npm pack: ${packed[0].filename}, ${files.length} files, ${packed[0].size} bytes`);
			const problems = checkTarballContents({
				files,
				pkg,
				service: p.service,
				services: PACKAGES.map((q) => q.service),
				sourceOf: sourceOfIn(p.dir),
			});
			if (problems.length) fail('tarball contents', problems);
			else console.log('tarball contents: passed');
			report('scan tarball', await analyzePackage(unpacked, TARBALL_PATTERNS));

			const findings = [...sourceFindings, ...findEnvAndFileAccess(unpacked, files.filter((f) => f.endsWith('.js')), `${packed[0].filename}:package/`)];
			if (findings.length) fail('no environment or file access', findings);
			else console.log('no environment or file access: passed');
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}

	console.log(failed ? '\nscan: FAILED' : '\nscan: passed');
	process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
	console.error(err?.stack ?? err);
	process.exit(2);
});
