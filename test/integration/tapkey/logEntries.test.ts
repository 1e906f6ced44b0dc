import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode, pollTrigger } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox();

type TapkeySandbox = { addLogEntry(ownerId: string, receivedAt?: string): IDataObject };
const tapkey = () => sandbox.current.providers.tapkey as unknown as TapkeySandbox;

describe('Tapkey log entries', () => {
	it('filters by lock and by receipt time, on the server', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const data = tapkeyData(sandbox.current);
		const ownerId = String(data.owners[1].id);
		const lockId = String(data.boundLocks[ownerId][2].id);
		const all = data.logEntries[ownerId];
		const after = String(all[10].receivedAt);
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'logEntry', operation: 'getMany', ownerId: rl(ownerId), boundLockId: rl(lockId), after, returnAll: true, unlocksOnly: true },
		});
		const expected = all.filter((e) => e.boundLockId === lockId && Date.parse(String(e.receivedAt)) > Date.parse(after));
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.id).sort()).toEqual(expected.map((e) => e.id).sort());
		const [call] = apiCalls(sandbox.current, 'tapkey');
		expect(call.path).toBe(`/Owners/${ownerId}/BoundLocks/${lockId}/LogEntries`);
		expect(new URLSearchParams(call.query).get("$filter")).toContain(`receivedAt gt ${new Date(after).toISOString()}`);
	});
});

describe('Tapkey Trigger', () => {
	it('starts after what exists, then emits each new unlock once, across polls', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const ownerId = String(tapkeyData(sandbox.current).owners[0].id);
		const staticData: IDataObject = {};
		const run = { type: 'tapkeyTrigger', credential, staticData, parameters: { ownerId: rl(ownerId), event: 'unlock' } };

		expect(await pollTrigger(store, run)).toBeNull();
		expect(await pollTrigger(store, run)).toBeNull();

		const base = Date.now();
		const first = tapkey().addLogEntry(ownerId, new Date(base).toISOString());
		// Same receipt time as an entry already emitted: must still come out, once.
		const twin = tapkey().addLogEntry(ownerId, new Date(base).toISOString());
		const polled = await pollTrigger(store, run);
		expect(polled?.[0].map((i) => i.json.id)).toEqual([first.id, twin.id]);

		const later = tapkey().addLogEntry(ownerId, new Date(base + 1000).toISOString());
		expect((await pollTrigger(store, run))?.[0].map((i) => i.json.id)).toEqual([later.id]);
		expect(await pollTrigger(store, run)).toBeNull();
	});

	it('shows the latest entry when tested manually, without moving the cursor', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const data = tapkeyData(sandbox.current);
		const ownerId = String(data.owners[0].id);
		const staticData: IDataObject = {};
		const run = { type: 'tapkeyTrigger', credential, staticData, parameters: { ownerId: rl(ownerId), event: 'any' } };
		const sample = await pollTrigger(store, { ...run, mode: 'manual' });
		const newest = [...data.logEntries[ownerId]].sort((a, b) => Date.parse(String(b.receivedAt)) - Date.parse(String(a.receivedAt)))[0];
		expect(sample?.[0].map((i) => i.json.id)).toEqual([newest.id]);
		expect(staticData).toEqual({});
	});
});
