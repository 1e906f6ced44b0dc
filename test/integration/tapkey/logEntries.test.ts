import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode, pollTrigger } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox();

type TapkeySandbox = {
	addLogEntry(ownerId: string, receivedAt?: string, contactId?: string | null, boundLockId?: string): IDataObject;
};
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
	it("reads After without an offset in the workflow's time zone", async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const ownerId = String(tapkeyData(sandbox.current).owners[1].id);
		await executeNode(store, {
			type: 'tapkey',
			credential,
			timezone: 'America/New_York',
			parameters: { resource: 'logEntry', operation: 'getMany', ownerId: rl(ownerId), after: '2027-01-15T08:00:00', returnAll: true },
		});
		const [call] = apiCalls(sandbox.current, 'tapkey');
		expect(new URLSearchParams(call.query).get('$filter')).toContain('receivedAt gt 2027-01-15T13:00:00.000Z');
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

	it('emits at most 1000 entries per poll, reading the backlog only that far; the rest comes next poll, none twice', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const ownerId = String(tapkeyData(sandbox.current).owners[0].id);
		const staticData: IDataObject = {};
		const run = { type: 'tapkeyTrigger', credential, staticData, parameters: { ownerId: rl(ownerId), event: 'unlock' } };
		expect(await pollTrigger(store, run)).toBeNull();

		const base = Date.now();
		const added = Array.from({ length: 1205 }, (_, n) => tapkey().addLogEntry(ownerId, new Date(base + n * 10).toISOString()));
		sandbox.current.requests.length = 0;
		const first = (await pollTrigger(store, run))?.[0] ?? [];
		expect(first).toHaveLength(1000);
		// Oldest first with a limit: one page of 1000 and one short page for the entries seen at `since`.
		expect(apiCalls(sandbox.current, 'tapkey').length).toBeLessThanOrEqual(2);
		const second = (await pollTrigger(store, run))?.[0] ?? [];
		expect([...first, ...second].map((i) => i.json.id)).toEqual(added.map((e) => e.id));
		expect(await pollTrigger(store, run)).toBeNull();
	});

	it('takes every entry at the newest receipt time as baseline on the first poll (none comes out later)', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const ownerId = String(tapkeyData(sandbox.current).owners[0].id);
		const staticData: IDataObject = {};
		const run = { type: 'tapkeyTrigger', credential, staticData, parameters: { ownerId: rl(ownerId), event: 'unlock' } };

		// Three unlocks synced in one upload share one receipt time, before the workflow is activated.
		const syncedAt = new Date(Date.now() - 60_000).toISOString();
		const existing = [1, 2, 3].map(() => tapkey().addLogEntry(ownerId, syncedAt));
		expect(await pollTrigger(store, run)).toBeNull();
		expect(staticData).toMatchObject({ since: syncedAt });
		expect([...(staticData.idsAtSince as string[])].sort()).toEqual(existing.map((e) => e.id).sort());
		expect(await pollTrigger(store, run)).toBeNull();

		const next = tapkey().addLogEntry(ownerId, new Date().toISOString());
		expect((await pollTrigger(store, run))?.[0].map((i) => i.json.id)).toEqual([next.id]);
	});

	it('watches one lock and says who opened it, looking contacts up once per poll', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const data = tapkeyData(sandbox.current);
		const ownerId = String(data.owners[1].id);
		const [anna, ben] = data.contacts[ownerId];
		const [frontDoor, backDoor] = data.boundLocks[ownerId].map((l) => String(l.id));
		const staticData: IDataObject = {};
		const run = {
			type: 'tapkeyTrigger',
			credential,
			staticData,
			parameters: { ownerId: rl(ownerId), event: 'unlock', boundLockId: rl(frontDoor, 'list'), includeContact: true },
		};
		expect(await pollTrigger(store, run)).toBeNull();
		const before = apiCalls(sandbox.current, 'tapkey').length;

		const base = Date.now();
		const at = (ms: number) => new Date(base + ms).toISOString();
		const byAnna = tapkey().addLogEntry(ownerId, at(0), String(anna.id), frontDoor);
		tapkey().addLogEntry(ownerId, at(1), String(ben.id), backDoor);
		const byBen = tapkey().addLogEntry(ownerId, at(2), String(ben.id), frontDoor);
		const byAnnaAgain = tapkey().addLogEntry(ownerId, at(3), String(anna.id), frontDoor);
		const byCard = tapkey().addLogEntry(ownerId, at(4), null, frontDoor);

		const polled = (await pollTrigger(store, run))![0].map((i) => i.json);
		expect(polled.map((e) => e.id)).toEqual([byAnna.id, byBen.id, byAnnaAgain.id, byCard.id]);
		const who = (contact: IDataObject) => ({ id: contact.id, title: contact.title, identifier: contact.identifier });
		expect(polled.map((e) => e.contact)).toEqual([who(anna), who(ben), who(anna), null]);

		const calls = apiCalls(sandbox.current, 'tapkey').slice(before);
		expect(calls.map((c) => c.path)).toEqual([
			`/Owners/${ownerId}/BoundLocks/${frontDoor}/LogEntries`,
			`/Owners/${ownerId}/Contacts`,
		]);
		expect(await pollTrigger(store, run)).toBeNull();
	});

	it('delivers an entry on the next poll when looking up its contact failed, leaving the cursor where it was', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const data = tapkeyData(sandbox.current);
		const ownerId = String(data.owners[1].id);
		const anna = data.contacts[ownerId][0];
		const staticData: IDataObject = {};
		const run = { type: 'tapkeyTrigger', credential, staticData, parameters: { ownerId: rl(ownerId), event: 'unlock', includeContact: true } };
		expect(await pollTrigger(store, run)).toBeNull();
		const cursorBefore = JSON.parse(JSON.stringify(staticData));

		const entry = tapkey().addLogEntry(ownerId, new Date().toISOString(), String(anna.id));
		sandbox.current.faults.push({ provider: 'tapkey', method: 'GET', path: '/Contacts$', kind: 'status', status: 503, count: -1 });
		await expect(pollTrigger(store, run)).rejects.toThrow();
		expect(apiCalls(sandbox.current, 'tapkey').filter((c) => c.path.endsWith('/Contacts')).every((c) => c.status === 503)).toBe(true);
		expect(staticData).toEqual(cursorBefore);

		sandbox.current.faults.length = 0;
		const polled = (await pollTrigger(store, run))![0].map((i) => i.json);
		expect(polled).toEqual([{ ...entry, contact: { id: anna.id, title: anna.title, identifier: anna.identifier } }]);
		expect(await pollTrigger(store, run)).toBeNull();
	});

	it('emits an entry received a year "ahead" (a wrong clock) once, and keeps emitting the entries after it', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const ownerId = String(tapkeyData(sandbox.current).owners[0].id);
		const staticData: IDataObject = {};
		const run = { type: 'tapkeyTrigger', credential, staticData, parameters: { ownerId: rl(ownerId), event: 'unlock' } };
		expect(await pollTrigger(store, run)).toBeNull();

		const YEAR = 365 * 24 * 60 * 60 * 1000;
		const future = tapkey().addLogEntry(ownerId, new Date(Date.now() + YEAR).toISOString());
		expect((await pollTrigger(store, run))?.[0].map((i) => i.json.id)).toEqual([future.id]);
		// The cursor never moves past the clock (plus a few minutes).
		expect(Date.parse(String(staticData.since))).toBeLessThanOrEqual(Date.now() + 5 * 60_000);

		const next = tapkey().addLogEntry(ownerId, new Date().toISOString());
		expect((await pollTrigger(store, run))?.[0].map((i) => i.json.id)).toEqual([next.id]);
		const after = tapkey().addLogEntry(ownerId, new Date(Date.now() + 1000).toISOString());
		expect((await pollTrigger(store, run))?.[0].map((i) => i.json.id)).toEqual([after.id]);
		expect(await pollTrigger(store, run)).toBeNull();
	});

	it('does not start ahead of the clock when an entry "from the future" exists at activation', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const ownerId = String(tapkeyData(sandbox.current).owners[0].id);
		tapkey().addLogEntry(ownerId, new Date(Date.now() + 365 * 24 * 60 * 60 * 1000).toISOString());
		const staticData: IDataObject = {};
		const run = { type: 'tapkeyTrigger', credential, staticData, parameters: { ownerId: rl(ownerId), event: 'unlock' } };
		expect(await pollTrigger(store, run)).toBeNull();
		expect(await pollTrigger(store, run)).toBeNull();
		const next = tapkey().addLogEntry(ownerId, new Date().toISOString());
		expect((await pollTrigger(store, run))?.[0].map((i) => i.json.id)).toEqual([next.id]);
	});

	it('brings back a cursor an earlier version left a year ahead, emitting the new entries again', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const ownerId = String(tapkeyData(sandbox.current).owners[0].id);
		const future = tapkey().addLogEntry(ownerId, new Date(Date.now() + 365 * 24 * 60 * 60 * 1000).toISOString());
		const staticData: IDataObject = { scope: `${ownerId}|true`, since: future.receivedAt, idsAtSince: [future.id] };
		const run = { type: 'tapkeyTrigger', credential, staticData, parameters: { ownerId: rl(ownerId), event: 'unlock' } };
		const next = tapkey().addLogEntry(ownerId, new Date(Date.now() + 1000).toISOString());
		expect((await pollTrigger(store, run))?.[0].map((i) => i.json.id)).toEqual([next.id]);
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
