/**
 * What a token renewal costs and where it waits, through n8n-core's real OAuth2 helpers against the
 * sandbox: no wait where nothing races, turns between processes of an n8n that does not coordinate
 * them (n8n 1.x queue mode), and a refused refresh token that is not spent again by every run.
 */
import { REFRESH_TURNS_FIELD } from '../../../credentials/shared';
import { TURN_SLOT_MS, TURN_SLOTS } from '../../../nodes/shared/limits';
import type { Fault } from '../../../sandbox';
import type * as Harness from '../../helpers/n8n';
import { connectAuthorizationCode, CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, sandboxCredential, tokenCalls, useSandbox } from '../../helpers/sandbox';
import { connectedUser, getLocksRun as getBoundLocksRun, TYPE } from './fixtures';

const sandbox = useSandbox({ tapkey: { locksPerOwner: [3, 12, 0] } });
const refreshes = () => tokenCalls(sandbox.current, 'tapkey').filter((r) => r.grantType === 'refresh_token');
const inject = (...faults: Fault[]) => sandbox.current.faults.push(...faults);

/** The n8n-core major these tests run against (the suite runs on both). */
const major = Number((require('n8n-core/package.json') as { version: string }).version.split('.')[0]);
const onN8n1 = major === 1 ? it : it.skip;
const onN8n2 = major >= 2 ? it : it.skip;

type Credential = { type: string; id: string; name: string };

const getLocksRun = (credential: Credential, count: number, extra: Partial<Harness.NodeRun> = {}) =>
	getBoundLocksRun(sandbox.current, credential, count, extra);

/** A process's turns module, with a count of the turns it waited for (it still waits them). */
function countTurns(turns: typeof import('../../../nodes/shared/transport/turns')): () => number {
	const waits = jest.spyOn(turns, 'waitForTurn');
	return () => waits.mock.calls.length;
}

/**
 * A second n8n process: its own copy of every module (n8n-core, the nodes), so nothing is shared
 * with this one but the credential store, as queue-mode workers share only the database.
 */
function otherProcess(): { harness: typeof Harness; turnsTaken: () => number; stop: () => void } {
	let harness!: typeof Harness;
	let turnsTaken!: () => number;
	let stop!: () => void;
	jest.isolateModules(() => {
		harness = require('../../helpers/n8n');
		turnsTaken = countTurns(require('../../../nodes/shared/transport/turns'));
		const { Container } = require('@n8n/di');
		const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
		stop = () => Container.get(SSHClientsManager).onShutdown();
	});
	return { harness, turnsTaken, stop };
}

/** A connected Tapkey user whose credential asks for turns, as a user of n8n 1.x queue mode sets it. */
async function connectedForQueueMode(store: CredentialStore) {
	const credential = await connectedUser(store, sandbox.current);
	store.update(credential.id, { [REFRESH_TURNS_FIELD]: true });
	return credential;
}

/**
 * Runs `body` with these variables in this process's environment (`undefined`: absent), e.g.
 * `N8N_BLOCK_ENV_ACCESS_IN_NODE=true` or a worker's environment without `EXECUTIONS_MODE`.
 */
async function withEnv<T>(vars: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
	const before = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
	const set = (values: Record<string, string | undefined>) => {
		for (const [name, value] of Object.entries(values)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	};
	set(vars);
	try {
		return await body();
	} finally {
		set(before);
	}
}

const stops: Array<() => void> = [];
afterAll(() => stops.forEach((stop) => stop()));

describe('no wait where nothing races', () => {
	it('refreshes at once in a single n8n process, whatever the execution id', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		for (const [round, executionId] of ['5000', '5003', '5017'].entries()) {
			sandbox.current.oauth.tapkey.expireAll('access');
			await executeNode(store, getLocksRun(credential, 3, { executionId }));
			const refused = apiCalls(sandbox.current, 'tapkey').filter((c) => c.status === 401)[0 + round * 3];
			const refresh = refreshes()[round];
			// n8n itself needs a few milliseconds; a turn would be seconds.
			expect(refresh.at - refused.at).toBeLessThan(1000);
		}
	});

	it('takes no turn in a single n8n process with env access blocked (N8N_BLOCK_ENV_ACCESS_IN_NODE=true)', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		const single = otherProcess();
		stops.push(single.stop);
		sandbox.current.oauth.tapkey.expireAll('access');
		const items = await withEnv(
			{ N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true' },
			async () => await single.harness.executeNode(store, getLocksRun(credential, 3, { executionId: '5000' })),
		);
		expect(items).toHaveLength(3);
		expect(refreshes().map((r) => r.status)).toEqual([200]);
		expect(single.turnsTaken()).toBe(0);
	}, 60_000);

	onN8n2('takes no turn where n8n coordinates refreshes itself (n8n-core 2.30+), even with "Take Turns to Refresh" on', async () => {
		const store = new CredentialStore();
		const credential = await connectedForQueueMode(store);
		const worker = otherProcess();
		stops.push(worker.stop);
		sandbox.current.oauth.tapkey.expireAll('access');
		const items = await worker.harness.executeNode(store, getLocksRun(credential, 3, { executionId: '5000' }));
		expect(items).toHaveLength(3);
		expect(refreshes().map((r) => r.status)).toEqual([200]);
		expect(worker.turnsTaken()).toBe(0);
	}, 60_000);
});

describe('turns between processes (n8n 1.x queue mode: n8n does not lock refreshes)', () => {
	onN8n1(
		'two workers with neighbouring execution ids and a token endpoint taking 1 s spend the single-use refresh token once',
		async () => {
			const store = new CredentialStore();
			const credential = await connectedForQueueMode(store);
			sandbox.current.oauth.tapkey.replayRevokesChain = true;
			sandbox.current.oauth.tapkey.expireAll('access');
			inject({ provider: 'tapkey', target: 'token', kind: 'latency', latencyMs: 1000, count: -1 });
			const [first, second] = [otherProcess(), otherProcess()];
			stops.push(first.stop, second.stop);
			// Workers started without EXECUTIONS_MODE in their environment (n8n's `worker` command sets
			// queue mode in its own config): the credential alone asks for turns.
			const runs = await withEnv(
				{ EXECUTIONS_MODE: undefined, N8N_BLOCK_ENV_ACCESS_IN_NODE: undefined },
				async () =>
					await Promise.all([
						first.harness.executeNode(store, getLocksRun(credential, 5, { executionId: '5000' })),
						second.harness.executeNode(store, getLocksRun(credential, 5, { executionId: '5003' })),
					]),
			);
			expect(runs.map((items) => items.length)).toEqual([5, 5]);
			expect(refreshes().map((r) => r.status)).toEqual([200]);
			expect(first.turnsTaken() + second.turnsTaken()).toBe(2);
		},
		60_000,
	);

	onN8n1('a wait for a turn ends when the execution is cancelled, and nothing is refreshed', async () => {
		const store = new CredentialStore();
		const credential = await connectedForQueueMode(store);
		sandbox.current.oauth.tapkey.expireAll('access');
		const worker = otherProcess();
		stops.push(worker.stop);
		const cancel = new AbortController();
		const started = Date.now();
		// An execution id whose slot comes a few slots from now, so the run must wait for it.
		const target = (Math.floor(Date.now() / TURN_SLOT_MS) + 4) % TURN_SLOTS;
		const executionId = String(TURN_SLOTS + ((target * 7) % TURN_SLOTS));
		const run = worker.harness.executeNode(store, getLocksRun(credential, 1, { executionId, abortSignal: cancel.signal }));
		setTimeout(() => cancel.abort(), 300);
		await expect(run).rejects.toBeDefined();
		expect(Date.now() - started).toBeLessThan(4000);
		expect(refreshes()).toEqual([]);
	}, 30_000);
});

describe('a refused refresh token', () => {
	it('is spent once: 40 runs in a burst get the reconnect error, later runs at once, until the credential changes', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('all');
		const burst = await Promise.all(
			Array.from({ length: 40 }, async () => await executeNode(store, getLocksRun(credential, 1)).catch((e: unknown) => e)),
		);
		for (const error of burst) expect((error as Error).message).toBe('The Tapkey credential "Tapkey tapkey-web" needs to be reconnected');
		expect(refreshes().map((r) => r.status)).toEqual([400]);

		const sentBefore = apiCalls(sandbox.current, 'tapkey').length;
		await expect(executeNode(store, getLocksRun(credential, 1))).rejects.toThrow(/needs to be reconnected/);
		expect(apiCalls(sandbox.current, 'tapkey')).toHaveLength(sentBefore);
		expect(refreshes()).toHaveLength(1);

		// Reconnected: the stored tokens change, and the credential works again.
		const data = sandboxCredential(sandbox.current, 'tapkey', 'tapkey-web', 'authorizationCode');
		store.update(credential.id, { oauthTokenData: await connectAuthorizationCode({ type: TYPE, ...data }) });
		expect(await executeNode(store, getLocksRun(credential, 1))).toHaveLength(1);
	});
});
