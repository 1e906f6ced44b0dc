/**
 * A user who needs one service only: each package installed alone from its tarball into a real n8n
 * (neither of the other two beside it), a workflow of that service run with `n8n execute` (one
 * process). The shared core is compiled into every package, so nothing else has to be there.
 */
import * as fs from 'fs';
import * as path from 'path';

import { describeFailure, fixtures, SETUP_TIMEOUT, startStack, WORKFLOW_IDS, type Stack } from './harness';

const MINUTE = 60_000;

/* eslint-disable @typescript-eslint/no-require-imports */
const { PACKAGES } = require('../../index.js') as {
	PACKAGES: Array<{ name: string; service: string; nodes: string[] }>;
};

type Admin = Stack['admin'];
type Run = Awaited<ReturnType<Stack['execute']>>;

/** Per package: one of its demo workflows and the records it must emit, read from the sandbox. */
const JOBS: Record<string, { provider: string; workflow: string; check: (run: Run, admin: Admin) => Promise<void> }> = {
	'n8n-nodes-tapkey': {
		provider: 'tapkey',
		workflow: WORKFLOW_IDS.tapkeyLocks,
		check: async (run, admin) => {
			const data = await admin.data('tapkey');
			const expected = data.owners.flatMap((o: { id: string }) => data.boundLocks[o.id] ?? []);
			expect(run.output('Bound locks').map((l) => l.id).sort()).toEqual(expected.map((l: { id: string }) => l.id).sort());
		},
	},
	'n8n-nodes-taptouch': {
		provider: 'taptouch',
		workflow: WORKFLOW_IDS.taptouchOrders,
		check: async (run, admin) => {
			const data = await admin.data('taptouch');
			const stores = run.output('Stores').map((store) => String(store.id));
			const expected = stores.flatMap((id: string) => data.orders[id] ?? []).map((o: { id: unknown }) => o.id);
			expect(stores.length).toBeGreaterThan(0);
			expect(run.output('Orders').map((o) => o.id).sort()).toEqual(expected.sort());
		},
	},
	'n8n-nodes-lockitnetwork': {
		provider: 'lockitnetwork',
		workflow: WORKFLOW_IDS.lockitProjects,
		check: async (run, admin) => {
			const data = await admin.data('lockitnetwork');
			const premium = data.projects.filter((p: { isPremium: boolean }) => p.isPremium).map((p: { uuid: string }) => p.uuid);
			const expected = premium.flatMap((id: string) => data.episodes[id] ?? []).map((e: { uuid: string }) => e.uuid);
			expect(expected.length).toBeGreaterThan(0);
			expect(run.output('Episodes').map((e) => e.uuid).sort()).toEqual(expected.sort());
		},
	},
};

export function aloneSuite(version: string) {
	describe.each(PACKAGES)(`n8n ${version} with only $name installed`, (pkg) => {
		const job = JOBS[pkg.name];
		let stack: Stack;

		beforeAll(async () => {
			stack = await startStack(version, { packages: [pkg.name] });
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			await stack?.close();
		}, 2 * MINUTE);

		test('the user folder holds the package alone, and only its demo workflows and credentials were imported', () => {
			const installed = fs.readdirSync(path.join(stack.n8n.userFolder, '.n8n', 'nodes', 'node_modules'));
			expect(installed).toEqual([pkg.name]);
			expect([...stack.shipped].sort()).toEqual([...pkg.nodes].sort());
			const types = new Set(stack.workflows.flatMap((w) => w.nodes.map((n: { type: string }) => n.type)));
			const others = PACKAGES.filter((p) => p.name !== pkg.name).map((p) => `${p.name}.`);
			expect([...types].filter((t) => others.some((prefix) => t.startsWith(prefix)))).toEqual([]);
			expect(stack.credentials.every((c) => c.provider === job.provider)).toBe(true);
		});

		test(`a ${pkg.service} workflow emits every record it reads`, async () => {
			const result = await stack.execute(job.workflow);
			if (!result.ok) throw new Error(`execution failed: ${describeFailure(result)}`);
			await job.check(result, stack.admin);
			expect(fixtures.nodeType(pkg.nodes[0])).toBe(`${pkg.name}.${pkg.nodes[0]}`);
		}, 5 * MINUTE);
	});
}
