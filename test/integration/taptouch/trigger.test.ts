import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CredentialStore, pollTrigger } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { bigStore, connectedMerchant, rl, serviceAccount, smallStore, taptouchSandbox } from './fixtures';

const sandbox = useSandbox();

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

		// Every poll after the first asks only for orders since the cursor (assumed filter).
		const queries = apiCalls(sandbox.current, 'taptouch').map((c) => new URLSearchParams(c.query));
		expect(queries.every((q) => q.get('createdFrom') && q.get('index') === '0' && q.get('count') === '100')).toBe(true);
		expect(queries[queries.length - 1].get('createdFrom')).toBe(fourth.createdAt);
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
