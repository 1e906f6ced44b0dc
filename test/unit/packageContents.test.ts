/**
 * The checks `npm run scan` runs on each packed package (scripts/verify/contents.js), on a small
 * fake package folder: a package built without a file it declares, or declaring another service's
 * node or credential, or shipping code that reads the environment, fails with the file named.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

type Input = { files: string[]; pkg: unknown; service: string; services: string[]; sourceOf: (f: string) => string | null };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const contents = require('../../scripts/verify/contents') as {
	checkTarballContents: (input: Input) => string[];
	findEnvAndFileAccess: (dir: string, files: string[], label?: string) => string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { walk } = require('../../scripts/verify/packages') as { walk: (dir: string) => string[] };

const SERVICES = ['Tapkey', 'Taptouch', 'LockitNetwork'];

function fakePackage(files: Record<string, string>, n8n: { nodes: string[]; credentials: string[] }): { dir: string; input: Input } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-package-'));
	const pkg = { name: 'n8n-nodes-tapkey', main: 'index.js', n8n: { n8nNodesApiVersion: 1, ...n8n } };
	const all = { 'package.json': JSON.stringify(pkg), 'index.js': 'module.exports = {};', ...files };
	for (const [file, text] of Object.entries(all)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), text);
	}
	// Every dist/ file here is build output of a source (the check's stale-output rule is not under test).
	return { dir, input: { files: walk(dir), pkg, service: 'Tapkey', services: SERVICES, sourceOf: (f) => f } };
}

const NODE = 'dist/nodes/Tapkey/Tapkey.node.js';
const CREDENTIAL = 'dist/credentials/TapkeyOAuth2Api.credentials.js';

describe('package contents check', () => {
	const dirs: string[] = [];
	const make = (...args: Parameters<typeof fakePackage>) => {
		const made = fakePackage(...args);
		dirs.push(made.dir);
		return made;
	};
	afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

	it('passes a package that holds exactly what it declares', () => {
		const { input } = make({ [NODE]: '', [CREDENTIAL]: '' }, { nodes: [NODE], credentials: [CREDENTIAL] });
		expect(contents.checkTarballContents(input)).toEqual([]);
	});

	it('names a declared node missing from the build', () => {
		const { input } = make({ [CREDENTIAL]: '' }, { nodes: [NODE], credentials: [CREDENTIAL] });
		expect(contents.checkTarballContents(input)).toEqual([`package.json n8n.nodes lists ${NODE}, which the tarball does not contain`]);
	});

	it('names a declared credential missing from the build', () => {
		const { input } = make({ [NODE]: '' }, { nodes: [NODE], credentials: [CREDENTIAL] });
		expect(contents.checkTarballContents(input)).toEqual([
			`package.json n8n.credentials lists ${CREDENTIAL}, which the tarball does not contain`,
		]);
	});

	it("names another service's node declared and shipped", () => {
		const other = 'dist/nodes/Taptouch/Taptouch.node.js';
		const { input } = make({ [NODE]: '', [CREDENTIAL]: '', [other]: '' }, { nodes: [NODE, other], credentials: [CREDENTIAL] });
		const problems = contents.checkTarballContents(input);
		expect(problems).toEqual(
			expect.arrayContaining([
				`${other}: belongs to Taptouch, not to n8n-nodes-tapkey (one service per package)`,
				expect.stringContaining(`n8n.nodes lists ${other}, which is Taptouch's`),
			]),
		);
	});

	it('names a built node or credential the package.json does not declare', () => {
		const { input } = make({ [NODE]: '', [CREDENTIAL]: '' }, { nodes: [NODE], credentials: [] });
		expect(contents.checkTarballContents(input)).toEqual([
			`${CREDENTIAL}: not declared in package.json's n8n section, so n8n would not load it`,
		]);
	});

	it("names another service's credential declared", () => {
		const other = 'dist/credentials/LockitNetworkApi.credentials.js';
		const { input } = make({ [NODE]: '', [CREDENTIAL]: '' }, { nodes: [NODE], credentials: [CREDENTIAL, other] });
		expect(contents.checkTarballContents(input)).toEqual([
			expect.stringContaining(`n8n.credentials lists ${other}, which is LockitNetwork's`),
			`package.json n8n.credentials lists ${other}, which the tarball does not contain`,
		]);
	});

	it('names the file and line of an environment read or file access in shipped code', () => {
		const { dir } = make(
			{
				'dist/nodes/shared/mode.js': "const a = 1;\nconst mode = ctx.evaluateExpression('{{ $env.EXECUTIONS_MODE }}', 0);\n",
				'dist/nodes/shared/env.js': '// process.env is not read here\nconst b = process.env.HOME;\n',
				'dist/nodes/shared/file.js': "const fs = require('fs');\n",
				'dist/nodes/shared/clean.js': 'const c = 3;\n',
			},
			{ nodes: [], credentials: [] },
		);
		const found = contents.findEnvAndFileAccess(dir, walk(dir));
		expect(found.map((f) => f.split(': ')[0])).toEqual([
			'dist/nodes/shared/env.js:2',
			'dist/nodes/shared/file.js:1',
			'dist/nodes/shared/mode.js:2',
		]);
	});
});
