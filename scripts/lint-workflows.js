'use strict';
/**
 * `npm run lint:workflows`: checks the GitHub Actions workflows in .github/workflows/ offline with
 * actionlint (syntax, keys, `${{ }}` expressions and contexts, `needs`, permissions scopes, the
 * inputs of well-known actions). actionlint runs as
 * WebAssembly from the pinned tools/actionlint/ install (scripts/verify/tools.js puts it in
 * .cache/actionlint/); nothing is downloaded beyond that npm install.
 *
 * It also checks what actionlint cannot know: the two workflows this repository relies on exist,
 * CI runs the README's test command through .ci/run, and publishing is npm trusted publishing (OIDC
 * permission, Node 24 / npm >= 11.5.1, no token), one package per tag whose version it checks, with
 * n8n's lint and scanner of that package before `npm publish --provenance`.
 * Exits non-zero on any finding.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, ACTIONLINT, ensureTools } = require('./verify/tools');

const WORKFLOWS = path.join(ROOT, '.github', 'workflows');

/** What this repository's release process relies on, per workflow file: [description, test]. */
const REQUIRED = {
	'ci.yml': [
		['runs on pushes and pull requests', (t) => /^on:[\s\S]*?\n  push:/m.test(t) && /^  pull_request:/m.test(t)],
		['runs the test command through .ci/run', (t) => /run: bash \.ci\/run\b/.test(t)],
	],
	'publish.yml': [
		['runs on package release tags n8n-nodes-*@*', (t) => /tags:\s*\n\s*- ['"]?n8n-nodes-\*@\*/.test(t)],
		['may mint an OIDC token (id-token: write)', (t) => /id-token: write/.test(t)],
		['reads the repository only (contents: read)', (t) => /contents: read/.test(t) && !/contents: write/.test(t)],
		['sets up Node 24 (npm 11, trusted publishing)', (t) => /node-version: ['"]?24\b/.test(t)],
		['checks npm is 11.5.1 or later', (t) => /11\.5\.1/.test(t) && /npm --version/.test(t)],
		['checks the tag against the package version', (t) => /does not match .*package\.json version/.test(t)],
		["runs the lint on the tag's package first", (t) => /node scripts\/lint\.js "\$\{\{ steps\.release\.outputs\.name \}\}"/.test(t)],
		["runs the scanner (with the tarball check) on the tag's package first", (t) => /node scripts\/scan\.js "\$\{\{ steps\.release\.outputs\.name \}\}"/.test(t)],
		[
			"publishes the tag's workspace with provenance",
			(t) => /npm publish --workspace "\$\{\{ steps\.release\.outputs\.name \}\}" --provenance --access public/.test(t),
		],
		['uses no npm token (trusted publishing)', (t) => !/NPM_TOKEN|NODE_AUTH_TOKEN|_authToken/.test(t)],
		[
			'publishes only after lint and scan',
			(t) => {
				const publish = t.indexOf('npm publish --workspace');
				return publish > t.indexOf('node scripts/lint.js') && publish > t.indexOf('node scripts/scan.js');
			},
		],
	],
};

async function main() {
	const files = fs.existsSync(WORKFLOWS)
		? fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort()
		: [];
	const problems = [];
	for (const name of Object.keys(REQUIRED)) {
		if (!files.includes(name)) problems.push(`.github/workflows/${name}: missing`);
	}

	const dir = ensureTools(ACTIONLINT);
	const { runLint } = require(path.join(dir, 'node_modules', '@tktco', 'node-actionlint'));
	for (const name of files) {
		const rel = `.github/workflows/${name}`;
		const text = fs.readFileSync(path.join(WORKFLOWS, name), 'utf8');
		const results = await runLint(text, rel);
		for (const r of results.filter((x) => x.message)) {
			problems.push(`${rel}:${r.line}:${r.column} ${r.message} [${r.kind}]`);
		}
		// actionlint's WebAssembly build sees one file at a time: check local `uses:` targets here.
		for (const [, target] of text.matchAll(/^\s*(?:-\s+)?uses:\s*\.\/(\S+)/gm)) {
			const file = path.join(ROOT, target);
			if (!fs.existsSync(file)) problems.push(`${rel}: uses ./${target}, which does not exist`);
			else if (/\.ya?ml$/.test(target) && !/^\s+workflow_call:/m.test(fs.readFileSync(file, 'utf8'))) {
				problems.push(`${rel}: uses ./${target}, which has no workflow_call trigger`);
			}
		}
		for (const [what, test] of REQUIRED[name] ?? []) {
			if (!test(text)) problems.push(`${rel}: does not do what the release relies on: ${what}`);
		}
	}

	for (const p of problems) console.log(p);
	console.log(`workflows: ${files.length} files, ${problems.length} problems`);
	process.exitCode = problems.length ? 1 : 0;
}

main().catch((err) => {
	console.error(err?.stack ?? err);
	process.exit(2);
});
