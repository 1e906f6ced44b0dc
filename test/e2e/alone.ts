/**
 * A user who needs only Tapkey: n8n-nodes-tapkey installed alone from its tarball into a real n8n
 * (no Taptouch or LockitNetwork package beside it), a Tapkey workflow run with `n8n execute` (one
 * process). The shared core is compiled into the package, so nothing else has to be there.
 */
import * as fs from 'fs';
import * as path from 'path';

import { describeFailure, fixtures, SETUP_TIMEOUT, startStack, WORKFLOW_IDS, type Stack } from './harness';

const MINUTE = 60_000;

export function aloneSuite(version: string) {
	describe(`n8n ${version} with only n8n-nodes-tapkey installed`, () => {
		let stack: Stack;

		beforeAll(async () => {
			stack = await startStack(version, { packages: ['n8n-nodes-tapkey'] });
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			await stack?.close();
		}, 2 * MINUTE);

		test('the user folder holds n8n-nodes-tapkey alone, and only its demo workflows were imported', () => {
			const installed = fs.readdirSync(path.join(stack.n8n.userFolder, '.n8n', 'nodes', 'node_modules'));
			expect(installed).toEqual(['n8n-nodes-tapkey']);
			expect([...stack.shipped].sort()).toEqual(['tapkey', 'tapkeyTrigger']);
			const types = new Set(stack.workflows.flatMap((w) => w.nodes.map((n: { type: string }) => n.type)));
			expect([...types].filter((t) => /^n8n-nodes-(taptouch|lockitnetwork)\./.test(t))).toEqual([]);
			expect(stack.credentials.every((c) => c.provider === 'tapkey')).toBe(true);
		});

		test('a Tapkey workflow lists every bound lock of every owner', async () => {
			const result = await stack.execute(WORKFLOW_IDS.tapkeyLocks);
			if (!result.ok) throw new Error(`execution failed: ${describeFailure(result)}`);
			const data = await stack.admin.data('tapkey');
			const expected = data.owners.flatMap((o: { id: string }) => data.boundLocks[o.id] ?? []);
			expect(result.output('Bound locks').map((l) => l.id).sort()).toEqual(expected.map((l: { id: string }) => l.id).sort());
			expect(result.output('Owners').length).toBe(data.owners.length);
			expect(fixtures.nodeType('tapkey')).toBe('n8n-nodes-tapkey.tapkey');
		}, 5 * MINUTE);
	});
}
