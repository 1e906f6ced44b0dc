'use strict';
/**
 * `npm run scan`: n8n's community package scanner (`@n8n/scan-community-package`), offline.
 * Its CLI downloads the published package and its provenance-attested source from the network;
 * here its `analyzePackage(dir, patterns)` runs on the same two inputs, made locally:
 *   1. the source: package.json and nodes/, credentials/ (the scanner's SOURCE_FILE_PATTERNS);
 *   2. the tarball `npm pack` makes after `npm run build`, unpacked: compiled .js and package.json.
 * It also checks what the tarball holds: only dist/ (the nodes' and credentials' build output),
 * package.json, README.md, LICENSE and the `main` file; every node and credential listed in
 * package.json's `n8n` section present; no stale build output without a source file.
 * Exits non-zero on any finding. The tooling is installed into .cache/verify/ when missing.
 *
 * `--no-build` skips `npm run build` (when dist/ is fresh already); `--clean` removes dist/ before
 * building (tsc never deletes the output of a source file that was removed or renamed).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const { ROOT, DIR, ensureVerifyTools, requireProjectInstall } = require('./verify/tools');

const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function runOk(cmd, args, opts = {}) {
	const res = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
	if (res.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})\n${res.stdout ?? ''}${res.stderr ?? ''}`);
	}
	return res.stdout;
}

function walk(dir, base = dir) {
	const out = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) out.push(...walk(p, base));
		else out.push(path.relative(base, p).split(path.sep).join('/'));
	}
	return out.sort();
}

/** The build output a dist/ file comes from, or null when no source explains it. */
function sourceOf(distFile) {
	const rel = distFile.slice('dist/'.length);
	if (!/^(nodes|credentials)\//.test(rel)) return null;
	const candidates = [];
	const js = rel.match(/^(.*)\.(js|js\.map|d\.ts)$/);
	if (js) candidates.push(`${js[1]}.ts`);
	else candidates.push(rel); // icons and codex files (*.node.json) are copied as they are
	return candidates.find((c) => fs.existsSync(path.join(ROOT, c))) ?? null;
}

/** What the tarball may hold; returns a list of problems. */
function checkTarballContents(files, pkg) {
	const problems = [];
	const main = pkg.main ? path.posix.normalize(pkg.main) : null;
	for (const f of files) {
		if (f === 'package.json' || /^README\.md$/i.test(f) || /^LICEN[SC]E(\.md|\.txt)?$/i.test(f)) continue;
		if (main && f === main) continue;
		if (!f.startsWith('dist/')) {
			problems.push(`${f}: not part of what the package should ship (only dist/, package.json, README.md, LICENSE${main ? `, ${main}` : ''})`);
			continue;
		}
		if (f.endsWith('.ts') && !f.endsWith('.d.ts')) {
			problems.push(`${f}: TypeScript source in dist/`);
			continue;
		}
		if (!sourceOf(f)) problems.push(`${f}: no source file in nodes/ or credentials/ produces it (stale build output? remove dist/ and build again)`);
	}
	for (const key of ['nodes', 'credentials']) {
		for (const entry of pkg.n8n?.[key] ?? []) {
			if (!files.includes(path.posix.normalize(entry))) problems.push(`package.json n8n.${key} lists ${entry}, which the tarball does not contain`);
		}
	}
	return problems;
}

async function main() {
	const build = !process.argv.includes('--no-build');
	const clean = build && process.argv.includes('--clean');
	requireProjectInstall();
	ensureVerifyTools();
	const scanner = path.join(DIR, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	// The scanner makes a temp folder when it loads (for its download path, unused here); have
	// `tmp` remove it on exit.
	require(path.join(DIR, 'node_modules', 'tmp')).setGracefulCleanup();
	const { analyzePackage } = await import(pathToFileURL(scanner).href);

	let failed = false;
	const report = (label, result) => {
		if (result.passed) {
			console.log(`scan ${label}: passed${result.message ? ` (${result.message})` : ''}`);
			return;
		}
		failed = true;
		console.log(`scan ${label}: FAILED: ${result.message}`);
		if (result.details) console.log(result.details);
	};

	// 1. The source, as the scanner lints the provenance-attested checkout.
	report('source', await analyzePackage(ROOT, SOURCE_PATTERNS));

	// 2. The tarball npm would publish.
	if (clean) fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
	if (build) {
		console.log(`${clean ? 'removed dist/; ' : ''}npm run build...`);
		runOk(npm, ['run', '--silent', 'build']);
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-scan-'));
	try {
		const packed = JSON.parse(runOk(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work]));
		const tarball = path.join(work, packed[0].filename);
		const unpacked = path.join(work, 'package');
		runOk('tar', ['-xzf', tarball, '-C', work]);
		const files = walk(unpacked);
		const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
		console.log(`npm pack: ${packed[0].filename}, ${files.length} files, ${packed[0].size} bytes`);

		const problems = checkTarballContents(files, pkg);
		if (problems.length) {
			failed = true;
			console.log(`tarball contents: FAILED (${problems.length})`);
			for (const p of problems) console.log(`  ${p}`);
		} else {
			console.log('tarball contents: passed');
		}

		report('tarball', await analyzePackage(unpacked, TARBALL_PATTERNS));
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}

	console.log(failed ? 'scan: FAILED' : 'scan: passed');
	process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
	console.error(err?.stack ?? err);
	process.exit(2);
});
