'use strict';
/**
 * Checks of what a package ships, shared by scripts/scan.js and its unit test: the tarball holds
 * every node and credential its package.json declares and nothing of another service; no shipped
 * file reads the environment or touches files (n8n's verification guidelines).
 */
const fs = require('node:fs');
const path = require('node:path');

/** Lines that read the environment or use file access; n8n verifies neither. */
const FORBIDDEN = [
	[/\$env\b/, '$env (environment variables in an expression)'],
	[/\bprocess\s*\.\s*env\b/, 'process.env'],
	[/\bprocess\s*\[\s*['"]env['"]\s*\]/, 'process.env'],
	[/(?:require\s*\(\s*|from\s+|import\s*\(\s*)['"](?:node:)?fs(?:\/promises)?['"]/, 'the fs module (file access)'],
	[/\b(?:readFileSync|writeFileSync|readFile|writeFile|createReadStream|createWriteStream|readdirSync)\s*\(/, 'file access'],
];

/**
 * `file:line: what` for every forbidden use in the given files.
 * @param {string} dir the folder the files are relative to
 * @param {string[]} files relative paths
 * @param {string} [label] prefix of the reported paths
 */
function findEnvAndFileAccess(dir, files, label = '') {
	const problems = [];
	for (const file of files) {
		if (!/\.(ts|js|mjs|cjs|json)$/.test(file) || file.endsWith('.d.ts') || file.endsWith('.map')) continue;
		const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
		lines.forEach((line, i) => {
			// Comments may name what the code must not do; only code counts.
			if (/^\s*(\/\/|\/\*|\*)/.test(line)) return;
			for (const [pattern, what] of FORBIDDEN) {
				if (pattern.test(line)) problems.push(`${label}${file}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
			}
		});
	}
	return problems;
}

/** The service a built node or credential file belongs to (its file name's leading word). */
const owner = (entry, services) => {
	const base = path.posix.basename(entry).toLowerCase();
	return services.find((s) => base.startsWith(s.toLowerCase()));
};

/**
 * What the unpacked tarball of one package may hold; returns a list of problems, each naming the file.
 * @param {{ files: string[], pkg: any, service: string, services: string[], sourceOf: (distFile: string) => string | null }} input
 *   files: the tarball's files (relative to its root); service: this package's (e.g. `Tapkey`);
 *   services: every package's; sourceOf: the source a dist/ file is built from, or null.
 */
function checkTarballContents({ files, pkg, service, services, sourceOf }) {
	const problems = [];
	const main = pkg.main ? path.posix.normalize(pkg.main) : null;
	const others = services.filter((s) => s !== service);
	for (const f of files) {
		if (f === 'package.json' || /^README\.md$/i.test(f) || /^CHANGELOG\.md$/i.test(f) || /^LICEN[SC]E(\.md|\.txt)?$/i.test(f)) continue;
		if (main && f === main) continue;
		if (!f.startsWith('dist/')) {
			problems.push(`${f}: not part of what the package should ship (only dist/, package.json, README.md, CHANGELOG.md, LICENSE${main ? `, ${main}` : ''})`);
			continue;
		}
		if (f.endsWith('.ts') && !f.endsWith('.d.ts')) {
			problems.push(`${f}: TypeScript source in dist/`);
			continue;
		}
		const foreign = others.find((s) => f.startsWith(`dist/nodes/${s}/`) || (f.startsWith('dist/credentials/') && owner(f, [s]) && !f.startsWith('dist/credentials/shared/')));
		if (foreign) {
			problems.push(`${f}: belongs to ${foreign}, not to ${pkg.name} (one service per package)`);
			continue;
		}
		if (!sourceOf(f)) problems.push(`${f}: no source file in nodes/ or credentials/ produces it (stale build output? remove dist/ and build again)`);
	}
	const declared = new Set(['nodes', 'credentials'].flatMap((key) => (pkg.n8n?.[key] ?? []).map((e) => path.posix.normalize(e))));
	for (const f of files) {
		if (/^dist\/(nodes\/[^/]+\/[^/]+\.node|credentials\/[^/]+\.credentials)\.js$/.test(f) && !declared.has(f)) {
			problems.push(`${f}: not declared in package.json's n8n section, so n8n would not load it`);
		}
	}
	for (const key of ['nodes', 'credentials']) {
		for (const entry of pkg.n8n?.[key] ?? []) {
			const of = owner(entry, services);
			if (of !== service) {
				problems.push(`package.json n8n.${key} lists ${entry}, which is ${of ? `${of}'s` : 'no service\'s'}: ${pkg.name} may only declare ${service}'s nodes and credentials`);
			}
			if (!files.includes(path.posix.normalize(entry))) problems.push(`package.json n8n.${key} lists ${entry}, which the tarball does not contain`);
		}
	}
	return problems;
}

module.exports = { findEnvAndFileAccess, checkTarballContents };
