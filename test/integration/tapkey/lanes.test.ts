/**
 * The credential's lane (transport/lanes.ts) shared between executions: requests of one execution
 * that hang until their Timeout hold up neither another execution nor the editor, a request
 * waiting for a slot ends when its execution is cancelled, and no slot is left behind.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Fault } from '../../../sandbox';
import type { NodeRun } from '../../helpers/n8n';
import { CredentialStore, executeNode, searchList } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { MAX_IN_FLIGHT_PER_CREDENTIAL, MAX_IN_FLIGHT_PER_LANE_USER } from '../../../nodes/shared/limits';
import { lanesInUse } from '../../../nodes/shared/transport/lanes';
import { rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox({ tapkey: { locksPerOwner: [3, 12, 0] } });

type Credential = { type: string; id: string; name: string };
const owner = (n: number) => String(tapkeyData(sandbox.current).owners[n].id);

/** `count` items, each reading one bound lock of owner `n` (Bound Lock → Get). */
function readLocks(credential: Credential, n: number, count: number, extra: Partial<NodeRun> & { timeout?: number } = {}): NodeRun {
	const { timeout, ...run } = extra;
	const locks = tapkeyData(sandbox.current).boundLocks[owner(n)];
	return {
		type: 'tapkey',
		credential,
		input: Array.from({ length: count }, (_, i) => ({ lockId: locks[i % locks.length].id })) as IDataObject[],
		parameters: {
			resource: 'boundLock',
			operation: 'get',
			ownerId: rl(owner(n)),
			boundLockId: rl('={{ $json.lockId }}'),
			...(timeout ? { requestOptions: { timeout } } : {}),
		},
		...run,
	};
}

/** Reads of owner 1's bound locks that reached the sandbox and hang there. */
let hangsArrived = () => 0;

/** Every read of owner 1's bound locks hangs (until the client gives up). */
function hangOwnerOne(): { arrived: () => number } {
	const uses = 100_000;
	const fault: Fault = { provider: 'tapkey', kind: 'hang', path: `^/Owners/${owner(1)}/BoundLocks/`, count: uses };
	sandbox.current.faults.push(fault);
	hangsArrived = () => uses - fault.count;
	return { arrived: hangsArrived };
}

/** Waits (bounded) until `check` holds: the order of events, not their timing, is what is tested. */
async function until(check: () => boolean, what: string): Promise<void> {
	for (let n = 0; n < 500; n++) {
		if (check()) return;
		await sleep(10);
	}
	throw new Error(`never happened: ${what}`);
}

/** A run's outcome without awaiting it, so that a test can look at it while it is pending. */
function track<T>(promise: Promise<T>) {
	const state = { settled: false, error: undefined as unknown };
	const done = promise.then(
		() => void (state.settled = true),
		(error: unknown) => void Object.assign(state, { settled: true, error }),
	);
	return { state, done };
}

const hangsEnded = () => apiCalls(sandbox.current, 'tapkey').filter((c) => c.fault === 'hang');

let store: CredentialStore;
let credential: Credential;
const cancels: AbortController[] = [];
const runs: Array<Promise<unknown>> = [];

beforeEach(async () => {
	store = new CredentialStore();
	credential = serviceAccount(store, sandbox.current);
	// The token is fetched before the test, so that only reads take the lane's slots.
	await executeNode(store, readLocks(credential, 0, 1, { executionId: 'warm-up' }));
});

afterEach(async () => {
	for (const cancel of cancels.splice(0)) cancel.abort();
	await Promise.allSettled(runs.splice(0));
	// The sandbox logs a hung request when its connection closes, a moment after the client let go:
	// every one of them, before the next test starts with an empty log.
	await until(() => hangsEnded().length === hangsArrived(), 'every hung connection closed');
	hangsArrived = () => 0;
	// Every slot comes back, whether its request answered, timed out, failed or was cancelled.
	expect(lanesInUse()).toEqual({ inFlight: 0, waiting: 0 });
});

/** An execution of `count` reads of owner 1's bound locks; ended by cancelling it (see afterEach). */
function startExecution(id: string, count: number) {
	const cancel = new AbortController();
	cancels.push(cancel);
	const run = track(executeNode(store, readLocks(credential, 1, count, { executionId: id, abortSignal: cancel.signal, timeout: 60_000 })));
	runs.push(run.done);
	return { run, cancel };
}

/**
 * Execution A: 64 reads that hang (their Timeout is far longer than any test). Once it returns,
 * A holds every slot it may take and its other reads wait in the lane.
 */
async function startHangingExecution(id: string) {
	const hang = hangOwnerOne();
	const execution = startExecution(id, 64);
	await until(() => hang.arrived() >= MAX_IN_FLIGHT_PER_LANE_USER, `${id}'s reads at the sandbox`);
	return { ...execution, hang };
}

/** A holds its share of the lane, C (40 hanging reads) the rest: no slot is free. */
async function fillTheLane() {
	const a = await startHangingExecution('A');
	const c = startExecution('C', 40);
	await until(() => a.hang.arrived() >= MAX_IN_FLIGHT_PER_CREDENTIAL, 'a full lane');
	return { a, c };
}

describe('one credential, many executions', () => {
	it("a healthy read of execution B is not queued behind execution A's hanging reads", async () => {
		const a = await startHangingExecution('A');
		const items = await executeNode(store, readLocks(credential, 0, 1, { executionId: 'B' }));
		expect(items).toHaveLength(1);
		// B was answered while every read of A still hung: none had timed out, A had not ended.
		expect(hangsEnded()).toEqual([]);
		expect(a.run.state.settled).toBe(false);
	});

	it("a list search in the editor is not queued behind an execution's hanging reads", async () => {
		const a = await startHangingExecution('A');
		const found = await searchList(store, { type: 'tapkey', credential, parameters: { resource: 'owner', operation: 'get' } }, 'searchOwners');
		expect(found.results.length).toBeGreaterThan(0);
		expect(hangsEnded()).toEqual([]);
		expect(a.run.state.settled).toBe(false);
	});

	it('freed slots go to the waiting executions in turn, not to the one that queued the most first', async () => {
		const { a, c } = await fillTheLane();
		// C has 32 reads waiting before B's and D's; B and D wait with reads that answer.
		const b = track(executeNode(store, readLocks(credential, 0, 2, { executionId: 'B' })));
		const d = track(executeNode(store, readLocks(credential, 0, 2, { executionId: 'D' })));
		// A ends: its slots come back, fewer than C has reads waiting. B and D still get theirs.
		a.cancel.abort();
		await Promise.all([b.done, d.done]);
		expect([b.state.error, d.state.error]).toEqual([undefined, undefined]);
		expect(c.run.state.settled).toBe(false);
		// None of C's reads had timed out to make room: only A's were ended (by the cancel).
		expect(hangsEnded().length).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_LANE_USER);
	});
});

describe('cancel while waiting for a slot', () => {
	it("a cancelled execution's queued wait ends at cancel, and its request is never sent", async () => {
		await fillTheLane();
		const cancelB = new AbortController();
		const b = track(executeNode(store, readLocks(credential, 0, 1, { executionId: 'B', abortSignal: cancelB.signal })));
		runs.push(b.done);
		await sleep(50);
		expect(b.state.settled).toBe(false);
		cancelB.abort();
		await b.done;
		expect((b.state.error as Error | undefined)?.message).toMatch(/cancelled while waiting for a free request slot/);
		// B ended while every slot was still held by A and C: nothing had timed out or been freed.
		expect(hangsEnded()).toEqual([]);
		const warmUp = 1;
		expect(apiCalls(sandbox.current, 'tapkey').filter((call) => call.path.includes(owner(0)))).toHaveLength(warmUp);
	});

	it('a cancelled execution gives back every slot and every wait', async () => {
		const a = await startHangingExecution('A');
		a.cancel.abort();
		await a.run.done;
		expect(a.run.state.error).toBeDefined();
		expect(lanesInUse()).toEqual({ inFlight: 0, waiting: 0 });
		const items = await executeNode(store, readLocks(credential, 0, 3, { executionId: 'B' }));
		expect(items).toHaveLength(3);
	});

	it('requests that fail inside their slot (a dropped connection on every attempt) give every slot back', async () => {
		sandbox.current.faults.push({ provider: 'tapkey', kind: 'drop', path: `^/Owners/${owner(1)}/BoundLocks/`, count: -1 });
		await expect(executeNode(store, readLocks(credential, 1, 40, { executionId: 'A' }))).rejects.toThrow(/no answer/);
		expect(lanesInUse()).toEqual({ inFlight: 0, waiting: 0 });
	});
});
