/**
 * Each package installed alone in real n8n queue mode (PostgreSQL, Redis, a main and a worker, only
 * that package's tarball in each process's user folder): a webhook workflow of its service runs on
 * the worker and answers with every record. The shared core is compiled into the package, so the
 * worker needs nothing else.
 */
import { auditSandboxSecrets, callWebhook, fixtures, log, SETUP_TIMEOUT, waitFor, webhookNode, type Credential } from './harness';

/* eslint-disable @typescript-eslint/no-require-imports */
const { createQueueCluster } = require('../../scripts/n8n/queue');
const { packPackages, loadSandbox } = require('../../scripts/n8n/package');
const { PACKAGES } = require('../../index.js') as { PACKAGES: Array<{ name: string; service: string; nodes: string[] }> };

const MINUTE = 60_000;
const { node, workflow, main } = fixtures;

/** Per package: the list its webhook workflow reads, and that list as the sandbox holds it. */
const LISTS: Record<string, { provider: string; node: string; parameters: Record<string, unknown>; expected: (sandbox: any) => unknown[] }> = {
	'n8n-nodes-tapkey': {
		provider: 'tapkey',
		node: 'tapkey',
		parameters: { resource: 'owner', operation: 'getMany', returnAll: true },
		expected: (sandbox) => sandbox.providers.tapkey.snapshot().owners.map((o: { id: string }) => o.id),
	},
	'n8n-nodes-taptouch': {
		provider: 'taptouch',
		node: 'taptouch',
		parameters: { resource: 'store', operation: 'getMany', returnAll: true },
		expected: (sandbox) => sandbox.providers.taptouch.snapshot().stores.map((s: { id: unknown }) => s.id),
	},
	'n8n-nodes-lockitnetwork': {
		provider: 'lockitnetwork',
		node: 'lockitNetwork',
		parameters: { resource: 'project', operation: 'getMany', returnAll: true },
		expected: (sandbox) => sandbox.providers.lockitnetwork.snapshot().projects.map((p: { uuid: string }) => p.uuid),
	},
};

const idOf = (record: Record<string, unknown>) => record.id ?? record.uuid;

export function queueAloneSuite(version: string) {
	describe.each(PACKAGES)(`n8n ${version} in queue mode with only $name installed`, (pkg) => {
		const list = LISTS[pkg.name];
		const path = `queue-alone-${list.provider}`;
		const workflowId = fixtures.shortId(`queue-alone:${list.provider}`);
		const say = log(`${version} queue, ${pkg.name} alone`);
		let sandbox: any;
		let cluster: any;

		beforeAll(async () => {
			const [{ tarballs }, sandboxModule] = await Promise.all([packPackages({ log: say, names: [pkg.name] }), loadSandbox()]);
			sandbox = await sandboxModule.startSandbox({ host: '127.0.0.1', port: 0 });
			cluster = await createQueueCluster({ version, tarballs, log: say, workers: 1 });
			// Client credentials: no Connect needed, and the worker fetches the first token itself.
			const credential = fixtures
				.sandboxCredentials(sandbox, { queueMode: true })
				.find((c: Credential) => c.provider === list.provider && c.grant === 'clientCredentials');
			await cluster.main.importCredentials(fixtures.forImport([credential]));
			const read = {
				...node('Records', fixtures.nodeType(list.node), [220, 0], list.parameters),
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			};
			await cluster.main.importWorkflows([workflow(workflowId, `Queue: ${pkg.service} alone (webhook)`, [webhookNode(path), read], main(['Webhook', 'Records']))]);
			await cluster.start();
			await cluster.main.loginOwner();
			await cluster.activateWorkflow(workflowId);
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			await cluster?.dispose();
			if (sandbox) {
				auditSandboxSecrets(sandbox);
				await sandbox.close();
			}
		}, 3 * MINUTE);

		test(`a ${pkg.service} webhook workflow runs on the worker and answers with every record`, async () => {
			const res = await callWebhook(cluster.main, { path, workflowId });
			expect(res.status).toBe(200);
			const records = JSON.parse(res.text) as Array<Record<string, unknown>>;
			expect(records.map(idOf).map(String).sort()).toEqual(list.expected(sandbox).map(String).sort());
			// Run by the worker (the only process with the package besides the main), not the main.
			const [execution] = await waitFor(
				async () => {
					const done = (await cluster.main.executions(workflowId)).filter((e: any) => e.status === 'success');
					return done.length > 0 ? done : undefined;
				},
				MINUTE,
				'the execution of the webhook call',
			);
			expect(cluster.executionsByWorker()['worker 1']).toContain(String(execution.id));
			expect(cluster.main.serverOutput).not.toMatch(/Worker started execution/);
		}, 5 * MINUTE);
	});
}
