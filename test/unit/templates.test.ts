/**
 * The importable workflow templates in `examples/`: well-formed, and every parameter they set on this
 * package's nodes is one the node has and shows for the chosen resource and operation, so a renamed
 * parameter or operation cannot silently break a template. (The booking and scheduled templates
 * also run in real n8n in the end-to-end tests.)
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { LockitNetwork } from '../../packages/n8n-nodes-lockitnetwork/nodes/LockitNetwork/LockitNetwork.node';
import { Tapkey } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/Tapkey.node';
import { TapkeyTrigger } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/TapkeyTrigger.node';
import { Taptouch } from '../../packages/n8n-nodes-taptouch/nodes/Taptouch/Taptouch.node';
import { TaptouchTrigger } from '../../packages/n8n-nodes-taptouch/nodes/Taptouch/TaptouchTrigger.node';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nodeName } = require('../../index') as { nodeName: (type: string) => string | undefined };
const NODES: Record<string, INodeType> = {
	tapkey: new Tapkey(),
	tapkeyTrigger: new TapkeyTrigger(),
	taptouch: new Taptouch(),
	taptouchTrigger: new TaptouchTrigger(),
	lockitNetwork: new LockitNetwork(),
};

interface TemplateNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: unknown;
}
interface Template {
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const dir = join(__dirname, '../../examples');
const templates = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));

/** Whether a property is shown for the node's values of the parameters its `show` names. */
function shown(property: INodeProperties, parameters: Record<string, unknown>): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([key, values]) => {
		if (key.startsWith('@')) return true; // @version and the like
		const value = parameters[key] ?? property.default;
		return (values as unknown[]).includes(value === undefined ? undefined : value);
	});
}

describe('workflow templates in examples/', () => {
	it('are there: booking webhook, revoke expired grants, who opened which door, Taptouch keep-alive', () => {
		expect(templates.map((t) => t.file).sort()).toEqual([
			'tapkey-booking-webhook.json',
			'tapkey-revoke-expired-grants.json',
			'tapkey-who-opened-which-door.json',
			'taptouch-keep-alive.json',
		]);
	});

	describe.each(templates)('$file', ({ text }) => {
		const template = JSON.parse(text) as Template;

		it('has unique node names and IDs, and connects only nodes it has', () => {
			const names = template.nodes.map((n) => n.name);
			expect(new Set(names).size).toBe(names.length);
			expect(new Set(template.nodes.map((n) => n.id)).size).toBe(names.length);
			for (const [source, { main }] of Object.entries(template.connections)) {
				expect(names).toContain(source);
				for (const target of main.flat()) expect(names).toContain(target.node);
			}
			// Every node but the trigger is reached from somewhere.
			const reached = new Set(Object.values(template.connections).flatMap((c) => c.main.flat().map((t) => t.node)));
			expect(names.filter((n) => !reached.has(n))).toHaveLength(1);
		});

		it('carries no credentials, IDs of a particular account or machine paths', () => {
			expect(template.nodes.filter((n) => n.credentials)).toEqual([]);
			expect(text).not.toMatch(/\/work\/|\/home\/|127\.0\.0\.1|localhost|Bearer /);
			for (const node of template.nodes) {
				const ownerId = node.parameters.ownerId as { __rl: boolean; mode: string; value: string } | undefined;
				if (ownerId) expect(ownerId).toEqual({ __rl: true, mode: 'list', value: '' });
			}
		});

		it('sets only parameters the package nodes have and show for the chosen operation', () => {
			for (const node of template.nodes.filter((n) => nodeName(n.type))) {
				const nodeType = NODES[nodeName(node.type) ?? ''];
				expect(nodeType).toBeDefined();
				const { properties, polling } = nodeType.description;
				for (const [key, value] of Object.entries(node.parameters)) {
					if (key === 'pollTimes' && polling) continue; // n8n adds it to every polling node
					const candidates = properties.filter((p) => p.name === key && shown(p, node.parameters));
					expect([node.name, key, candidates.length > 0]).toEqual([node.name, key, true]);
					const options = candidates[0].options as Array<{ value?: unknown }> | undefined;
					if (candidates[0].type === 'options' && typeof value === 'string' && !value.startsWith('=')) {
						expect([node.name, key, options?.some((o) => o.value === value)]).toEqual([node.name, key, true]);
					}
				}
			}
		});
	});
});
