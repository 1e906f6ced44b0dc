'use strict';
/**
 * The packages of this repository (root index.js) as the verification scripts use them, and a
 * file walk that follows the committed symlinks (nodes/shared, credentials/shared): what tsc
 * compiles into a package is what its checks must see.
 */
const fs = require('node:fs');
const path = require('node:path');
const { PACKAGES } = require('../../index');

const ROOT = path.resolve(__dirname, '..', '..');

/** Every package, or the ones named on the command line (`node scripts/lint.js n8n-nodes-tapkey`). */
function selectedPackages(argv = process.argv.slice(2)) {
	const names = argv.filter((a) => !a.startsWith('-'));
	const unknown = names.filter((n) => !PACKAGES.some((p) => p.name === n));
	if (unknown.length) throw new Error(`unknown package ${unknown.join(', ')} (index.js lists ${PACKAGES.map((p) => p.name).join(', ')})`);
	return PACKAGES.filter((p) => names.length === 0 || names.includes(p.name)).map((p) => ({ ...p, dir: path.join(ROOT, p.folder) }));
}

/** Files below `dir` (relative, `/`-separated), following symlinked folders. */
function walk(dir, base = dir) {
	const out = [];
	if (!fs.existsSync(dir)) return out;
	for (const name of fs.readdirSync(dir).sort()) {
		const p = path.join(dir, name);
		if (fs.statSync(p).isDirectory()) out.push(...walk(p, base));
		else out.push(path.relative(base, p).split(path.sep).join('/'));
	}
	return out;
}

module.exports = { ROOT, PACKAGES, selectedPackages, walk };
