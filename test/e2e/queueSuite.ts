/**
 * The package in real n8n queue mode: PostgreSQL, Redis, a main and two workers, each process
 * with the three packages installed side by side from their tarballs (scripts/n8n/queue.js). Work arrives by webhook and
 * runs on the workers; single-use refresh tokens survive bursts spread over both workers; polling
 * triggers poll on the main only.
 */
import { recordArtifact } from '../helpers/audit';
import { auditSandboxSecrets, callWebhook, connectOAuth2, fixtures, log, SETUP_TIMEOUT, waitFor, webhookNode, type Credential } from './harness';

/* eslint-disable @typescript-eslint/no-require-imports */
const { createQueueCluster } = require('../../scripts/n8n/queue');
const { packPackages, loadSandbox } = require('../../scripts/n8n/package');

const MINUTE = 60_000;
const BURST = 20;
/** A burst call's answer takes seconds; one n8n lost is given up on sooner than the harness's default. */
const BURST_ANSWER_MS = 90_000;
/** Bursts with replay detection on; QUEUE_RACE_ROUNDS=<n> runs more of them to measure. */
const REPLAY_ROUNDS = Math.max(1, Number(process.env.QUEUE_RACE_ROUNDS ?? 2));
const { nodeType, node, workflow, main } = fixtures;

const WEBHOOK_TWINS: Record<string, string> = {
	[fixtures.WORKFLOW_IDS.tapkeyLocks]: 'Bound locks',
	[fixtures.WORKFLOW_IDS.taptouchOrders]: 'Orders',
	[fixtures.WORKFLOW_IDS.lockitProjects]: 'Episodes',
};
const twinId = (id: string) => fixtures.shortId(`queue:${id}`);
const IDS = {
	allProviders: fixtures.shortId('queue:all'),
	race: fixtures.shortId('queue:race'),
	ordersTrigger: fixtures.shortId('queue:orders-trigger'),
	unlocksTrigger: fixtures.shortId('queue:unlocks-trigger'),
};
const MANUAL = 'When clicking ‘Execute workflow’';

/** Every 10 seconds, as six once-a-minute times (n8n refuses a sub-minute polling expression). */
const pollEvery10s = () => ({
	item: [0, 10, 20, 30, 40, 50].map((s) => ({ mode: 'custom', cronExpression: `${s} * * * * *` })),
});

function queueWorkflows(creds: Credential[], demos: Array<Record<string, any>>, ids: { store: string; owner: string }) {
	const cred = (provider: string, grant: string) => creds.find((c) => c.provider === provider && c.grant === grant)!;
	const ref = (c: Credential) => ({ [c.type]: { id: c.id, name: c.name } });
	const out: Array<Record<string, any>> = [];

	// Single-process baseline: the three demo chains under one manual trigger, for one `n8n execute`.
	const chains = demos.filter((w) => WEBHOOK_TWINS[w.id]);
	const nodes = [fixtures.manualTrigger(), ...chains.flatMap((w) => w.nodes.filter((n: any) => n.name !== MANUAL))];
	const connections: Record<string, any> = {};
	for (const w of chains) {
		for (const [from, value] of Object.entries(w.connections)) {
			if (from === MANUAL) {
				connections[MANUAL] ??= { main: [[]] };
				connections[MANUAL].main[0].push(...(value as any).main[0]);
			} else connections[from] = value;
		}
	}
	out.push(workflow(IDS.allProviders, 'Queue: every provider (single process)', nodes, connections));

	// The same chains started by a webhook, one workflow per provider.
	for (const w of chains) {
		const path = `queue-${w.id}`;
		const twinNodes = [webhookNode(path), ...w.nodes.filter((n: any) => n.name !== MANUAL)];
		const twinConnections = Object.fromEntries(
			Object.entries(w.connections).map(([from, v]) => [from === MANUAL ? 'Webhook' : from, v]),
		);
		out.push(workflow(twinId(w.id), `Queue: ${w.name} (webhook)`, twinNodes, twinConnections));
	}

	// The refresh race: every call lists stores with the authorization-code credential.
	out.push(
		workflow(
			IDS.race,
			'Queue: Taptouch stores (webhook, authorization code)',
			[
				webhookNode('queue-race'),
				{
					...node('Stores', nodeType('taptouch'), [220, 0], { resource: 'store', operation: 'getMany', returnAll: true }),
					credentials: ref(cred('taptouch', 'authorizationCode')),
				},
			],
			main(['Webhook', 'Stores']),
		),
	);

	// Polling triggers, polled by the main only.
	out.push(
		workflow(
			IDS.ordersTrigger,
			'Queue: new Taptouch orders',
			[
				{
					...node('Taptouch Trigger', nodeType('taptouchTrigger'), [0, 0], {
						storeId: fixtures.byId(ids.store),
						pollTimes: pollEvery10s(),
					}),
					credentials: ref(cred('taptouch', 'clientCredentials')),
				},
			],
			{},
		),
		workflow(
			IDS.unlocksTrigger,
			'Queue: new Tapkey unlocks',
			[
				{
					...node('Tapkey Trigger', nodeType('tapkeyTrigger'), [0, 0], {
						ownerId: fixtures.byId(ids.owner),
						event: 'unlock',
						pollTimes: pollEvery10s(),
					}),
					credentials: ref(cred('tapkey', 'clientCredentials')),
				},
			],
			{},
		),
	);
	return out;
}

const byKey = (items: Array<Record<string, any>>) =>
	[...items].sort((a, b) => String(a.id ?? a.uuid).localeCompare(String(b.id ?? b.uuid)));

export function queueSuite(version: string) {
	describe(`n8n ${version} in queue mode (PostgreSQL, Redis, a main and two workers)`, () => {
		const say = log(`${version} queue`);
		let sandbox: any;
		let cluster: any;
		let single: any;
		let credentials: Credential[];

		const admin = async (method: string, route: string, body?: unknown) => {
			const res = await fetch(`${sandbox.url}/__admin${route}`, {
				method,
				headers: body ? { 'Content-Type': 'application/json' } : {},
				body: body ? JSON.stringify(body) : undefined,
			});
			if (!res.ok) throw new Error(`sandbox ${method} ${route} -> ${res.status}`);
			return res.status === 204 ? undefined : res.json();
		};
		const tokenRequests = async (provider: string) =>
			((await admin('GET', `/requests?provider=${provider}&kind=token`)) as any[]).map((r) => `${r.grantType}:${r.status}`);

		/** The workflow behind each webhook path of this suite, for the error of a call with no answer. */
		const workflowOfPath = (path: string) =>
			path === 'queue-race' ? IDS.race : twinId(path.replace(/^queue-/, ''));

		const call = async (path: string, timeoutMs?: number) => {
			const res = await callWebhook(cluster.main, { path, workflowId: workflowOfPath(path), timeoutMs });
			recordArtifact(`n8n ${version} queue webhook ${path}`, res.text);
			let body: any;
			try {
				body = JSON.parse(res.text);
			} catch {
				body = res.text;
			}
			return { status: res.status, body };
		};

		/**
		 * The executions of a workflow (the newest 50, newest first, leaving out `known` ids) once
		 * there are `atLeast` of them and none is running any more.
		 */
		const finishedExecutions = async (workflowId: string, atLeast: number, known = new Set<string>()) =>
			await waitFor(
				async () => {
					const list = (await cluster.main.executions(workflowId)).filter((e: any) => !known.has(String(e.id)));
					const done = list.filter((e: any) => !['running', 'new', 'waiting'].includes(e.status));
					return done.length >= atLeast && done.length === list.length ? list : undefined;
				},
				2 * MINUTE,
				`${atLeast} finished executions of ${workflowId}`,
			);

		beforeAll(async () => {
			const started = Date.now();
			const [{ tarballs, pkgs }, sandboxModule] = await Promise.all([packPackages({ log: say }), loadSandbox()]);
			sandbox = await sandboxModule.startSandbox({ host: '127.0.0.1', port: 0 });
			cluster = await createQueueCluster({ version, tarballs, log: say, workers: 2 });
			credentials = fixtures.sandboxCredentials(sandbox, { queueMode: true }).filter((c: Credential) => c.grant !== 'pkce');
			const shipped = fixtures.shippedNodes(pkgs);
			const demos = fixtures.demoWorkflows(credentials, { hasNode: (n: string) => shipped.has(n) });
			const data = {
				store: String(sandbox.providers.taptouch.snapshot().stores[1].id),
				owner: String(sandbox.providers.tapkey.snapshot().owners[0].id),
			};
			await cluster.main.importCredentials(fixtures.forImport(credentials));
			await cluster.main.importWorkflows([...demos, ...queueWorkflows(credentials, demos, data)]);
			// The single-process run (`n8n execute`) beside the start of the main and the workers.
			// In regular mode, on the same database: in queue mode the CLI would also listen on Redis and
			// log what the starting processes publish there, into the middle of the run's JSON.
			[single] = await Promise.all([
				cluster.main.execute(IDS.allProviders, { env: { EXECUTIONS_MODE: 'regular' } }),
				cluster.start(),
			]);
			recordArtifact(`n8n ${version} queue single-process stdout`, single.stdout);
			await cluster.main.loginOwner();
			say(`set up in ${Math.round((Date.now() - started) / 1000)}s`);
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			if (cluster) {
				await cluster.stop();
				recordArtifact(`n8n ${version} queue main log`, cluster.main.serverOutput);
				for (const w of cluster.workers) recordArtifact(`n8n ${version} queue ${w.name} log`, w.output);
				// QUEUE_LOG_DIR=<folder> keeps the logs of the main and the workers for a closer look.
				if (process.env.QUEUE_LOG_DIR) {
					const { mkdirSync, writeFileSync } = await import('fs');
					mkdirSync(process.env.QUEUE_LOG_DIR, { recursive: true });
					const base = `${process.env.QUEUE_LOG_DIR}/n8n-${version}`;
					writeFileSync(`${base}-main.log`, cluster.main.serverOutput);
					for (const w of cluster.workers) writeFileSync(`${base}-${w.name.replace(' ', '-')}.log`, w.output);
				}
				await cluster.dispose();
			}
			if (sandbox) {
				auditSandboxSecrets(sandbox);
				await sandbox.close();
			}
		}, 3 * MINUTE);

		test('webhook workflows of all three providers run on the workers and return what one process returns', async () => {
			expect(single.ok).toBe(true);
			for (const demoId of Object.keys(WEBHOOK_TWINS)) await cluster.activateWorkflow(twinId(demoId));
			const results = await Promise.all(Object.keys(WEBHOOK_TWINS).map((id) => call(`queue-${id}`)));
			for (const [i, [demoId, last]] of Object.entries(WEBHOOK_TWINS).entries()) {
				const { status, body } = results[i];
				expect(status).toBe(200);
				const expected = single.output(last);
				expect(expected.length).toBeGreaterThan(0);
				expect(byKey(body)).toEqual(byKey(expected));
				// The execution record exists and a worker, not the main, says it ran it.
				const [execution] = await finishedExecutions(twinId(demoId), 1);
				expect([execution.status, execution.mode]).toEqual(['success', 'webhook']);
				const ranBy = Object.entries(cluster.executionsByWorker()).filter(([, ids]) =>
					(ids as string[]).includes(String(execution.id)),
				);
				expect(ranBy.length).toBe(1);
			}
			expect(cluster.main.serverOutput).not.toMatch(/Worker started execution/);
		}, 5 * MINUTE);

		describe('a burst of webhook calls while the Taptouch access token is expired', () => {
			let expectedStores: unknown;
			/**
			 * One call of the burst. n8n 1.x in queue mode now and then never answers a webhook call whose
			 * execution finished (README, Scaling out: seen with n8n's own nodes too); such a call is
			 * judged by the execution n8n stored for it, below, so the burst still proves what the
			 * package did.
			 */
			const burstCall = async () => {
				try {
					return await call('queue-race', BURST_ANSWER_MS);
				} catch (error) {
					if (!/^no answer within/.test((error as Error).message)) throw error;
					say(`n8n lost a webhook answer: ${(error as Error).message}`);
					return { status: 0, body: undefined, lost: true };
				}
			};
			/** What the Stores node of a stored execution emitted. */
			const storesOf = async (id: string) => {
				const full = await cluster.main.execution(id);
				return (full.data.resultData.runData.Stores ?? []).flatMap((r: any) => r.data.main[0].map((i: any) => i.json));
			};
			const burst = async (label: string) => {
				await admin('POST', '/tokens/expire', { provider: 'taptouch', kind: 'access' });
				await admin('DELETE', '/requests');
				const before = new Set<string>((await cluster.main.executions(IDS.race)).map((e: any) => String(e.id)));
				const started = Date.now();
				const results = await Promise.all(Array.from({ length: BURST }, () => burstCall()));
				const seconds = ((Date.now() - started) / 1000).toFixed(1);
				const answered = results.filter((r) => !('lost' in r));
				const answeredOk = answered.filter((r) => r.status === 200 && JSON.stringify(r.body) === JSON.stringify(expectedStores));
				const tokenLog = (await admin('GET', '/requests?provider=taptouch&kind=token')) as any[];
				const refreshes = tokenLog.map((r) => `${r.grantType}:${r.status}@${((r.at - started) / 1000).toFixed(2)}s`);
				const finished = await finishedExecutions(IDS.race, BURST, before);
				const executions = finished.map((e: any) => String(e.id));
				// Every execution of the burst, answered or not, succeeded with every store.
				let storedOk = 0;
				for (const e of finished) {
					if (e.status === 'success' && JSON.stringify(await storesOf(String(e.id))) === JSON.stringify(expectedStores)) storedOk++;
				}
				const perWorker = Object.fromEntries(
					Object.entries(cluster.executionsByWorker()).map(([name, ids]) => [
						name,
						(ids as string[]).filter((id) => executions.includes(id)).length,
					]),
				);
				const lost = results.length - answered.length;
				const ok = answeredOk.length === answered.length && finished.length === BURST ? storedOk : answeredOk.length;
				const line = `${label}: ${ok}/${BURST} succeeded in ${seconds}s (${answeredOk.length} answered, ${lost} answers lost by n8n, ${storedOk} stored as success with every store); token requests: [${refreshes.join(', ')}]; executions per worker: ${JSON.stringify(perWorker)}`;
				say(line);
				recordArtifact(`n8n ${version} queue burst`, line);
				return { ok, refreshes, perWorker, results };
			};
			const afterwards = async () => {
				await admin('DELETE', '/requests');
				const before = new Set<string>((await cluster.main.executions(IDS.race)).map((e: any) => String(e.id)));
				let res: { status: number; body: unknown };
				try {
					res = await call('queue-race', BURST_ANSWER_MS);
				} catch (error) {
					if (!/^no answer within/.test((error as Error).message)) throw error;
					// n8n lost the answer (see burstCall): the execution it stored answers instead.
					say(`n8n lost a webhook answer: ${(error as Error).message}`);
					const [execution] = await finishedExecutions(IDS.race, 1, before);
					res = { status: execution.status === 'success' ? 200 : 500, body: await storesOf(String(execution.id)) };
				}
				return { res, tokens: await tokenRequests('taptouch') };
			};

			beforeAll(async () => {
				const credential = credentials.find((c) => c.provider === 'taptouch' && c.grant === 'authorizationCode')!;
				const callback = await connectOAuth2(cluster.main, credential.id);
				expect(callback.status).toBe(200);
				await cluster.activateWorkflow(IDS.race);
				const first = await call('queue-race');
				expect(first.status).toBe(200);
				expect(Array.isArray(first.body) && first.body.length).toBeTruthy();
				expectedStores = first.body;
			}, 5 * MINUTE);

			test(`all ${BURST} succeed with single-use refresh tokens, over both workers`, async () => {
				await admin('POST', '/config', { provider: 'taptouch', replayRevokesChain: false });
				try {
					const { ok, refreshes, perWorker } = await burst('single-use refresh tokens');
					expect(ok).toBe(BURST);
					expect(Object.values(perWorker).every((n) => (n as number) > 0)).toBe(true);
					expect(refreshes.filter((r) => r.startsWith('refresh_token:200')).length).toBeGreaterThanOrEqual(1);
					const after = await afterwards();
					expect(after.res.status).toBe(200);
					expect(after.tokens).toEqual([]);
				} finally {
					await admin('POST', '/config', { provider: 'taptouch', replayRevokesChain: true });
				}
			}, 5 * MINUTE);

			test(`with replay detection (a reused refresh token revokes the chain): at least ${BURST - 2} of ${BURST}, ${REPLAY_ROUNDS} round(s)`, async () => {
				const outcomes: number[] = [];
				for (let round = 1; round <= REPLAY_ROUNDS; round++) {
					const { ok } = await burst(`replay detection, round ${round}/${REPLAY_ROUNDS}`);
					outcomes.push(ok);
					const after = await afterwards();
					expect([round, after.res.status]).toEqual([round, 200]);
					expect(after.tokens).toEqual([]);
				}
				say(`replay detection: ${outcomes.join(', ')} of ${BURST} per round`);
				for (const ok of outcomes) expect(ok).toBeGreaterThanOrEqual(BURST - 2);
			}, (2 + 2 * REPLAY_ROUNDS) * MINUTE);

			test(`with replay detection and a token endpoint that takes 1 s: at least ${BURST - 2} of ${BURST}`, async () => {
				// Slow enough that two workers whose turns were 300 ms apart spent the token twice.
				await admin('POST', '/faults', { provider: 'taptouch', target: 'token', kind: 'latency', latencyMs: 1000, count: -1 });
				try {
					const { ok, refreshes } = await burst('replay detection, token endpoint 1 s');
					expect(ok).toBeGreaterThanOrEqual(BURST - 2);
					expect(refreshes.filter((r) => r.startsWith('refresh_token:')).length).toBe(1);
				} finally {
					await admin('DELETE', '/faults');
				}
				const after = await afterwards();
				expect(after.res.status).toBe(200);
			}, 4 * MINUTE);
		});

		test('polling triggers poll on the main only and emit each new order and unlock once', async () => {
			const taptouch = sandbox.providers.taptouch;
			const tapkey = sandbox.providers.tapkey;
			const { store, owner } = {
				store: String(taptouch.snapshot().stores[1].id),
				owner: String(tapkey.snapshot().owners[0].id),
			};
			await admin('DELETE', '/requests');
			// Activation polls once: the baseline (nothing already there counts as new). n8n 2.x may
			// do it after answering, so new records are added once both baselines reached the sandbox.
			const activatedAt = Date.now();
			await cluster.main.activateWorkflow(IDS.ordersTrigger);
			await cluster.main.activateWorkflow(IDS.unlocksTrigger);
			const apiCalls = async (provider: string) =>
				((await admin('GET', `/requests?provider=${provider}&kind=api`)) as any[]).filter((r) => r.method === 'GET');
			await waitFor(
				async () => (await apiCalls('taptouch')).length > 0 && (await apiCalls('tapkey')).length > 0,
				MINUTE,
				'the baseline polls',
			);
			const baselineAt = Date.now();
			const orders = [taptouch.addOrder(store), taptouch.addOrder(store)];
			const unlocks = [tapkey.addLogEntry(owner)];
			try {
				const emitted = async (workflowId: string, nodeName: string) => {
					const list = await finishedExecutions(workflowId, 0);
					const items = [];
					for (const e of list) {
						const full = await cluster.main.execution(e.id);
						items.push(...full.data.resultData.runData[nodeName].flatMap((r: any) => r.data.main[0].map((i: any) => i.json)));
					}
					return { list, items };
				};
				await waitFor(async () => (await cluster.main.executions(IDS.ordersTrigger)).length > 0, 2 * MINUTE, 'a triggered order execution');
				await waitFor(async () => (await cluster.main.executions(IDS.unlocksTrigger)).length > 0, 2 * MINUTE, 'a triggered unlock execution');
				// Activation polls right away (n8n may do that more than once); after that one poller asks
				// once per 10-second tick (three processes polling would ask three times). Wait for two
				// ticks after the baseline: the one that emitted and one more, which emits nothing again.
				const orderPolls = async () => (await apiCalls('taptouch')).filter((r) => /orders/i.test(r.path));
				const perTick = (polls: any[]) => {
					const ticks = new Map<number, number>();
					for (const r of polls.filter((p) => p.at > baselineAt + 2_000)) {
						const tick = Math.floor(r.at / 10_000);
						ticks.set(tick, (ticks.get(tick) ?? 0) + 1);
					}
					return ticks;
				};
				await waitFor(async () => perTick(await orderPolls()).size >= 2, MINUTE, 'two polls after the baseline');
				await new Promise((r) => setTimeout(r, 2_000)); // the last poll's execution, if any
				const elapsed = (Date.now() - activatedAt) / 1000;
				const ordersRun = await emitted(IDS.ordersTrigger, 'Taptouch Trigger');
				const unlocksRun = await emitted(IDS.unlocksTrigger, 'Tapkey Trigger');
				expect(ordersRun.items.map((o: any) => o.id).sort()).toEqual(orders.map((o: any) => o.id).sort());
				expect(unlocksRun.items.map((u: any) => u.id)).toEqual(unlocks.map((u: any) => u.id));
				for (const e of [...ordersRun.list, ...unlocksRun.list]) {
					expect([e.status, e.mode]).toEqual(['success', 'trigger']);
					const ranBy = Object.values(cluster.executionsByWorker()).filter((ids) => (ids as string[]).includes(String(e.id)));
					expect(ranBy.length).toBe(1);
				}
				const polls = await orderPolls();
				say(
					`order polls in ${elapsed.toFixed(0)}s: ${polls.length} (at ${polls
						.map((r) => ((r.at - activatedAt) / 1000).toFixed(1))
						.join(', ')} s)`,
				);
				const ticks = perTick(polls);
				expect(ticks.size).toBeGreaterThanOrEqual(2);
				expect([...ticks.values()].every((n) => n === 1)).toBe(true);
			} finally {
				await cluster.main.deactivateWorkflow(IDS.ordersTrigger);
				await cluster.main.deactivateWorkflow(IDS.unlocksTrigger);
			}
		}, 5 * MINUTE);
	});
}
