/**
 * The codex files (`<Node>.node.json`) beside each node, as n8n's node panel reads them, and the
 * hints n8n's lint limits: every shipped node has one, naming the node with its package's name; its
 * documentation links lead to sections of its package's README that exist (at the package.json's
 * homepage) and to the provider's docs; it has aliases for the node search.
 */
import * as fs from 'fs';
import type { INodeProperties, INodeType } from 'n8n-workflow';
import * as path from 'path';

import { LockitNetworkOAuth2Api } from '../../packages/n8n-nodes-lockitnetwork/credentials/LockitNetworkOAuth2Api.credentials';
import { TapkeyOAuth2Api } from '../../packages/n8n-nodes-tapkey/credentials/TapkeyOAuth2Api.credentials';
import { TaptouchOAuth2Api } from '../../packages/n8n-nodes-taptouch/credentials/TaptouchOAuth2Api.credentials';

const ROOT = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PACKAGES } = require('../../index') as { PACKAGES: Array<{ folder: string }> };
interface PackageJson {
	name: string;
	homepage: string;
	n8n: { nodes: string[] };
}
const packages = PACKAGES.map(({ folder }) => ({
	dir: path.join(ROOT, folder),
	pkg: JSON.parse(fs.readFileSync(path.join(ROOT, folder, 'package.json'), 'utf8')) as PackageJson,
}));

/** The anchors GitHub gives a README's headings (duplicates numbered -1, -2, …). */
function readmeAnchors(dir: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const [, text] of fs.readFileSync(path.join(dir, 'README.md'), 'utf8').matchAll(/^#{1,6}\s+(.+)$/gm)) {
		const slug = text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count ? `${slug}-${count}` : slug);
	}
	return anchors;
}

interface Codex {
	node: string;
	categories: string[];
	subcategories?: unknown;
	alias?: string[];
	resources: Record<'credentialDocumentation' | 'primaryDocumentation', Array<{ url: string }>>;
}

const shipped = packages.flatMap(({ dir, pkg }) =>
	pkg.n8n.nodes.map((entry) => {
		const source = path.join(dir, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const module = require(source) as Record<string, new () => INodeType>;
		const node = new (Object.values(module)[0])();
		const codexFile = source.replace(/\.ts$/, '.json');
		return { name: node.description.name, node, codexFile, pkg, anchors: readmeAnchors(dir) };
	}),
);

describe('codex files', () => {

	it.each(shipped.map((s) => [s.name, s] as const))('%s has one beside it, naming the node', (_name, { name, codexFile, pkg }) => {
		expect(fs.existsSync(codexFile)).toBe(true);
		const codex = JSON.parse(fs.readFileSync(codexFile, 'utf8')) as Codex;
		expect(codex.node).toBe(`${pkg.name}.${name}`);
		expect(codex.categories.length).toBeGreaterThan(0);
		// Reserved for n8n's own AI nodes; subcategories are not for community nodes (n8n's lint).
		expect(codex.categories).not.toContain('AI');
		expect(codex.subcategories).toBeUndefined();
		expect(codex.alias?.length).toBeGreaterThan(0);
	});

	it.each(shipped.map((s) => [s.name, s] as const))('%s links to its package README sections that exist, then to the provider docs', (_name, { codexFile, pkg, anchors }) => {
		const repository = pkg.homepage.replace(/#.*$/, '');
		const codex = JSON.parse(fs.readFileSync(codexFile, 'utf8')) as Codex;
		for (const kind of ['credentialDocumentation', 'primaryDocumentation'] as const) {
			const [readme, ...provider] = codex.resources[kind].map((r) => r.url);
			const url = new URL(readme);
			expect(`${url.origin}${url.pathname}`).toBe(repository);
			expect(anchors).toContain(url.hash.slice(1));
			expect(provider.length).toBeGreaterThan(0);
			for (const link of provider) expect(new URL(link).protocol).toBe('https:');
		}
	});
});

describe('hints', () => {
	/** Every hint of a property list, nested options included. */
	function hints(properties: INodeProperties[]): string[] {
		return properties.flatMap((p) => [
			...(p.hint ? [p.hint] : []),
			...((p.options ?? []) as unknown[]).flatMap((o) =>
				o && typeof o === 'object' && 'displayName' in o ? hints([o as INodeProperties]) : o && typeof o === 'object' && 'values' in o ? hints((o as { values: INodeProperties[] }).values) : [],
			),
		]);
	}

	const all = [
		...shipped.flatMap((s) => hints(s.node.description.properties)),
		...[new TapkeyOAuth2Api(), new TaptouchOAuth2Api(), new LockitNetworkOAuth2Api()].flatMap((c) => hints(c.properties)),
	];

	it('are where users go wrong: owner vs bound lock, Taptouch grant vs scope, LockitNetwork premium projects', () => {
		expect(all).toEqual(
			expect.arrayContaining([
				expect.stringContaining('not a lock'),
				expect.stringContaining('not its physical lock ID'),
				expect.stringContaining('Taptouch refuses order and inventory scopes'),
				expect.stringContaining('premium projects'),
			]),
		);
	});

	it('stay within the 120 characters n8n’s lint allows (hint-max-length)', () => {
		expect(all.filter((h) => h.length > 120)).toEqual([]);
	});
});
