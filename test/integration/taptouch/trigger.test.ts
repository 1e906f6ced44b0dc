import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CredentialStore, pollTrigger } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { bigStore, connectedMerchant, rl, serviceAccount, smallStore, taptouchSandbox } from './fixtures';

const sandbox = useSandbox();

const HOUR = 60 * 60 * 1000;

const ids = (result: INodeExecutionData[][] | null) => (result ? result[0].map((item) => item.json.id) : null);

function trigger(credential: { type: string; id: string; name: string }, storeId: string, staticData: IDataObject = {}) {
	return { type: 'taptouchTrigger', credential, parameters: { storeId: rl(storeId, 'list') }, staticData };
}

describe('Taptouch Trigger (new orders)', () => {
	it('sets a baseline on the first poll, then emits each new order exactly once', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const run = trigger(credential, storeId);
		const emulator = taptouchSandbox(sandbox.current);

		expect(await pollTrigger(store, run)).toBeNull();
		expect(run.staticData).toMatchObject({ scope: storeId, since: expect.any(String), idsAtSince: [] });
		expect(await pollTrigger(store, run)).toBeNull();

		const first = emulator.addOrder(storeId);
		expect(ids(await pollTrigger(store, run))).toEqual([first.id]);
		expect(await pollTrigger(store, run)).toBeNull();

		// Two orders in the same instant: both once, neither lost at the cursor's edge.
		const at = new Date(Date.parse(String(first.createdAt)) + 1000).toISOString();
		const second = emulator.addOrder(storeId, at);
		expect(ids(await pollTrigger(store, run))).toEqual([second.id]);
		const third = emulator.addOrder(storeId, at);
		const fourth = emulator.addOrder(storeId, new Date(Date.parse(at) + 1000).toISOString());
		const emitted = await pollTrigger(store, run);
		expect(ids(emitted)).toEqual([third.id, fourth.id]);
		expect(emitted![0][0].json).toEqual(third);
		expect(await pollTrigger(store, run)).toBeNull();

		// Every poll after the first asks only for orders since the cursor, less the hour in which
		// late orders are still expected (assumed filter).
		const queries = apiCalls(sandbox.current, 'taptouch').map((c) => new URLSearchParams(c.query));
		expect(queries.every((q) => q.get('createdFrom') && q.get('index') === '0' && q.get('count') === '100')).toBe(true);
		expect(queries[queries.length - 1].get('createdFrom')).toBe(
			new Date(Date.parse(String(fourth.createdAt)) - HOUR).toISOString(),
		);
	});

	it('does not emit orders that existed before the first poll', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = bigStore(sandbox.current);
		const emulator = taptouchSandbox(sandbox.current);
		const existing = emulator.addOrder(storeId);
		const run = trigger(credential, storeId);

		expect(await pollTrigger(store, run)).toBeNull();
		expect(run.staticData).toMatchObject({ since: existing.createdAt, idsAtSince: [existing.id] });
		expect(await pollTrigger(store, run)).toBeNull();
		const next = emulator.addOrder(storeId, new Date(Date.parse(String(existing.createdAt)) + 1).toISOString());
		expect(ids(await pollTrigger(store, run))).toEqual([next.id]);
	});

	it('in manual mode shows the newest order without moving the cursor', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const emulator = taptouchSandbox(sandbox.current);
		const run = trigger(credential, storeId);
		await pollTrigger(store, run);
		const fresh = emulator.addOrder(storeId);
		const cursor = JSON.parse(JSON.stringify(run.staticData));

		expect(ids(await pollTrigger(store, { ...run, mode: 'manual' }))).toEqual([fresh.id]);
		expect(run.staticData).toEqual(cursor);
		// The order shown in the test is still new for the active workflow.
		expect(ids(await pollTrigger(store, run))).toEqual([fresh.id]);
	});

	it('in manual mode falls back to any order when none is recent', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const result = await pollTrigger(store, { ...trigger(credential, storeId), mode: 'manual' });
		expect(result![0]).toHaveLength(1);
	});

	it('starts a new baseline when the store changes', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const emulator = taptouchSandbox(sandbox.current);
		const staticData: IDataObject = {};
		await pollTrigger(store, trigger(credential, smallStore(sandbox.current), staticData));
		emulator.addOrder(bigStore(sandbox.current));
		expect(await pollTrigger(store, trigger(credential, bigStore(sandbox.current), staticData))).toBeNull();
		expect(staticData.scope).toBe(bigStore(sandbox.current));
	});

	it('emits an order that reaches Taptouch late, with a createdAt before the cursor, exactly once', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const emulator = taptouchSandbox(sandbox.current);
		const run = trigger(credential, storeId);
		await pollTrigger(store, run);

		const now = emulator.addOrder(storeId);
		expect(ids(await pollTrigger(store, run))).toEqual([now.id]);
		// A till that was offline syncs an order it took ten minutes earlier.
		const late = emulator.addOrder(storeId, new Date(Date.parse(String(now.createdAt)) - 10 * 60_000).toISOString());
		expect(ids(await pollTrigger(store, run))).toEqual([late.id]);
		expect(await pollTrigger(store, run)).toBeNull();
		// Older than the hour the trigger looks back: documented as not emitted.
		emulator.addOrder(storeId, new Date(Date.parse(String(now.createdAt)) - 2 * HOUR).toISOString());
		expect(await pollTrigger(store, run)).toBeNull();
	});

	it('emits an order from a till whose clock is a year ahead once, and keeps emitting the orders after it', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const emulator = taptouchSandbox(sandbox.current);
		const run = trigger(credential, storeId);
		await pollTrigger(store, run);

		const future = emulator.addOrder(storeId, new Date(Date.now() + 365 * 24 * HOUR).toISOString());
		expect(ids(await pollTrigger(store, run))).toEqual([future.id]);
		expect(Date.parse(String(run.staticData.since))).toBeLessThanOrEqual(Date.now() + 5 * 60_000);

		const next = emulator.addOrder(storeId);
		expect(ids(await pollTrigger(store, run))).toEqual([next.id]);
		expect(await pollTrigger(store, run)).toBeNull();
	});

	it('does not start ahead of the clock when an order "from the future" exists at activation', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const emulator = taptouchSandbox(sandbox.current);
		emulator.addOrder(storeId, new Date(Date.now() + 365 * 24 * HOUR).toISOString());
		const run = trigger(credential, storeId);
		expect(await pollTrigger(store, run)).toBeNull();
		expect(await pollTrigger(store, run)).toBeNull();
		const next = emulator.addOrder(storeId);
		expect(ids(await pollTrigger(store, run))).toEqual([next.id]);
	});

	it('brings back a cursor an earlier version left a year ahead, emitting the new orders again', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const emulator = taptouchSandbox(sandbox.current);
		const future = emulator.addOrder(storeId, new Date(Date.now() + 365 * 24 * HOUR).toISOString());
		const run = trigger(credential, storeId, { scope: storeId, since: String(future.createdAt), idsAtSince: [String(future.id)] });

		const next = emulator.addOrder(storeId);
		expect(ids(await pollTrigger(store, run))).toEqual([next.id]);
		expect(await pollTrigger(store, run)).toBeNull();
	});

	it('reads createdAt given as epoch seconds or milliseconds', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const emulator = taptouchSandbox(sandbox.current);
		const run = trigger(credential, storeId);
		await pollTrigger(store, run);

		const inSeconds = emulator.addOrder(storeId, Math.floor(Date.now() / 1000));
		expect(ids(await pollTrigger(store, run))).toEqual([inSeconds.id]);
		const inMilliseconds = emulator.addOrder(storeId, Date.now() + 1000);
		expect(ids(await pollTrigger(store, run))).toEqual([inMilliseconds.id]);
		expect(await pollTrigger(store, run)).toBeNull();
		// The cursor keeps ISO 8601, which the order list's createdFrom filter expects.
		expect(run.staticData.since).toBe(new Date(Number(inMilliseconds.createdAt)).toISOString());
	});

	it('emits at most 1000 orders per poll and the rest on the next poll, none twice', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const emulator = taptouchSandbox(sandbox.current);
		const run = trigger(credential, storeId);
		await pollTrigger(store, run);

		const start = Date.now();
		// Added newest first: the trigger must still emit them oldest first.
		const added = Array.from({ length: 1500 }, (_, n) =>
			emulator.addOrder(storeId, new Date(start + (1500 - n) * 10).toISOString()),
		).reverse();
		const first = ids(await pollTrigger(store, run));
		expect(first).toEqual(added.slice(0, 1000).map((o) => o.id));
		expect(run.staticData.since).toBe(added[999].createdAt);
		const second = ids(await pollTrigger(store, run));
		expect(second).toEqual(added.slice(1000).map((o) => o.id));
		expect(await pollTrigger(store, run)).toBeNull();
	});

	it('refuses an authorization-code credential before any request', async () => {
		const store = new CredentialStore();
		const credential = await connectedMerchant(store, sandbox.current);
		sandbox.current.requests.length = 0;
		await expect(pollTrigger(store, trigger(credential, smallStore(sandbox.current)))).rejects.toThrow(
			'Taptouch orders need a client-credentials credential',
		);
		expect(sandbox.current.requests).toEqual([]);
	});
});
