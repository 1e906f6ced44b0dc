import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox();

type TapkeySandbox = { addContact(ownerId: string, identifier: string): IDataObject };
const tapkey = () => sandbox.current.providers.tapkey as unknown as TapkeySandbox;

function setup() {
	const store = new CredentialStore();
	const credential = serviceAccount(store, sandbox.current);
	const data = tapkeyData(sandbox.current);
	const owner = data.owners[1];
	const ownerId = String(owner.id);
	return { store, credential, data, owner, ownerId };
}

describe('Tapkey contacts and grants', () => {
	it('creates a contact with PUT on the collection and returns it', async () => {
		const { store, credential, ownerId } = setup();
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: {
				resource: 'contact',
				operation: 'create',
				ownerId: rl(ownerId),
				email: 'carla@example.com',
				additionalFields: { title: 'Carla' },
			},
		});
		expect(items[0].json).toMatchObject({ ipId: 'tapkey', identifier: 'carla@example.com', title: 'Carla', created: true });
		expect(tapkeyData(sandbox.current).contacts[ownerId].map((c) => c.identifier)).toContain('carla@example.com');
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => `${c.method} ${c.path}`)).toEqual([`PUT /Owners/${ownerId}/Contacts`]);
	});

	it('returns the existing contact when the e-mail is taken, sending the create only once', async () => {
		const { store, credential, data, ownerId } = setup();
		const anna = data.contacts[ownerId].find((c) => c.identifier === 'anna@example.com')!;
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'contact', operation: 'create', ownerId: rl(ownerId), email: 'Anna@Example.com' },
		});
		expect(items).toEqual([{ json: { ...anna, created: false }, pairedItem: { item: 0 } }]);
		const calls = apiCalls(sandbox.current, 'tapkey');
		expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
		expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
			`PUT /Owners/${ownerId}/Contacts`,
			`GET /Owners/${ownerId}/Contacts`,
			// The e-mail differs in case, so the exact OData match finds nothing and the list is read.
			`GET /Owners/${ownerId}/Contacts`,
		]);
		expect(new URLSearchParams(calls[1].query).get('$filter')).toBe("identifier eq 'Anna@Example.com'");
		expect(tapkeyData(sandbox.current).contacts[ownerId]).toHaveLength(data.contacts[ownerId].length);
	});

	it('finds the existing contact with one filtered read when the e-mail matches exactly', async () => {
		const { store, credential, data, ownerId } = setup();
		const ben = data.contacts[ownerId].find((c) => c.identifier === 'ben@example.com')!;
		const [item] = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'contact', operation: 'create', ownerId: rl(ownerId), email: 'ben@example.com' },
		});
		expect(item.json).toEqual({ ...ben, created: false });
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => c.method)).toEqual(['PUT', 'GET']);
	});

	it('returns the contact with exactly this e-mail, not the first one listed, when Tapkey ignores $filter', async () => {
		const { store, credential, ownerId } = setup();
		const people = Array.from({ length: 11 }, (_, n) => tapkey().addContact(ownerId, `person${n + 1}@example.com`));
		sandbox.current.faults.push({ provider: 'tapkey', method: 'GET', path: '/Contacts$', kind: 'ignoreFilter', count: -1 });
		const [item] = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'contact', operation: 'create', ownerId: rl(ownerId), email: 'Person11@example.com' },
		});
		expect(item.json).toEqual({ ...people[10], created: false });
		const reads = apiCalls(sandbox.current, 'tapkey').filter((c) => c.method === 'GET');
		// One read of the whole list answered the filtered question: no second scan.
		expect(reads.every((c) => new URLSearchParams(c.query).get('$filter') === "identifier eq 'Person11@example.com'")).toBe(true);
	});

	it('says the existing contact could not be found, instead of returning another one, when no contact has the e-mail', async () => {
		const { store, credential, ownerId } = setup();
		for (let n = 1; n <= 11; n++) tapkey().addContact(ownerId, `person${n}@example.com`);
		// A 409 Duplicate for an e-mail no listed contact has (say, a contact Tapkey hides).
		sandbox.current.faults.push({
			provider: 'tapkey',
			method: 'PUT',
			path: '/Contacts$',
			kind: 'status',
			status: 409,
			body: { ErrorCode: 'Duplicate', Message: 'A contact for nobody@example.com already exists.' },
			count: 1,
		});
		sandbox.current.faults.push({ provider: 'tapkey', method: 'GET', path: '/Contacts$', kind: 'ignoreFilter', count: -1 });
		await expect(
			executeNode(store, {
				type: 'tapkey',
				credential,
				parameters: { resource: 'contact', operation: 'create', ownerId: rl(ownerId), email: 'nobody@example.com' },
			}),
		).rejects.toMatchObject({
			message:
				'Tapkey says a contact with the e-mail nobody@example.com already exists, but no contact with exactly this e-mail was found in the owner account',
		});
		expect(apiCalls(sandbox.current, 'tapkey').filter((c) => c.method === 'PUT')).toHaveLength(1);
	});

	it('creates a grant for a lock and an e-mail, then lists and revokes it', async () => {
		const { store, credential, data, ownerId } = setup();
		const lock = data.boundLocks[ownerId][3];
		const [created] = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: {
				resource: 'grant',
				operation: 'create',
				ownerId: rl(ownerId),
				boundLockId: rl(String(lock.id)),
				email: 'dora@example.com',
				validFrom: '2026-12-01T08:00:00.000Z',
				validBefore: '2026-12-24T18:00:00+01:00',
			},
		});
		expect(created.json).toMatchObject({
			boundLockId: lock.id,
			validFrom: '2026-12-01T08:00:00.000Z',
			validBefore: '2026-12-24T17:00:00.000Z',
			active: true,
		});

		const active = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'grant', operation: 'getMany', ownerId: rl(ownerId), returnAll: true, activeOnly: true },
		});
		expect(active.map((i) => i.json.id)).toContain(created.json.id);

		const [revoked] = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'grant', operation: 'revoke', ownerId: rl(ownerId), grantId: rl(String(created.json.id)) },
		});
		expect(revoked.json).toMatchObject({ id: created.json.id, active: false, state: 'Revoked' });
		const revokeCall = apiCalls(sandbox.current, 'tapkey').find((c) => c.method === 'POST')!;
		expect(revokeCall.path).toBe(`/Owners/${ownerId}/Grants/${created.json.id}/Revoke`);
		expect(revokeCall.query).toBe('dryRun=false');
		const stillActive = tapkeyData(sandbox.current).grants[ownerId].filter((g) => g.active).map((g) => g.id);
		expect(stillActive).not.toContain(created.json.id);
	});

	it("reads Valid From and Valid Before without an offset in the workflow's time zone, not the server's", async () => {
		const { store, credential, data, ownerId } = setup();
		const lock = String(data.boundLocks[ownerId][3].id);
		const grant = async (validFrom: string, validBefore: string) =>
			(
				await executeNode(store, {
					type: 'tapkey',
					credential,
					timezone: 'America/New_York',
					parameters: {
						resource: 'grant',
						operation: 'create',
						ownerId: rl(ownerId),
						boundLockId: rl(lock),
						email: 'gus@example.com',
						validFrom,
						validBefore,
					},
				})
			)[0].json;
		// As n8n's date picker stores them: 08:00 New York time is 13:00 UTC in winter, 12:00 in summer.
		const winter = await grant('2027-01-15T08:00:00', '2027-07-15T18:00:00');
		// An offset or Z given with the value is kept.
		const explicit = await grant('2027-01-15T08:00:00+01:00', '2027-01-15T18:00:00Z');
		// 02:30 on 14 March 2027 does not exist in New York (clocks jump to 03:00): read as 03:30 EDT.
		const gap = await grant('2027-03-14T02:30:00', '2027-11-07T01:30:00');
		const received = tapkeyData(sandbox.current).grants[ownerId].filter((g) => [winter.id, explicit.id, gap.id].includes(g.id));
		expect(received.map((g) => [g.validFrom, g.validBefore])).toEqual([
			['2027-01-15T13:00:00.000Z', '2027-07-15T22:00:00.000Z'],
			['2027-01-15T07:00:00.000Z', '2027-01-15T18:00:00.000Z'],
			// 01:30 on 7 November happens twice (clocks go back at 02:00): the first, EDT.
			['2027-03-14T07:30:00.000Z', '2027-11-07T05:30:00.000Z'],
		]);
	});

	it('refuses a date without an offset when the workflow time zone is unknown, before any request', async () => {
		const { store, credential, data, ownerId } = setup();
		await expect(
			executeNode(store, {
				type: 'tapkey',
				credential,
				timezone: 'Mars/Olympus_Mons',
				parameters: {
					resource: 'grant',
					operation: 'create',
					ownerId: rl(ownerId),
					boundLockId: rl(String(data.boundLocks[ownerId][3].id)),
					email: 'gus@example.com',
					validFrom: '2027-01-15T08:00:00',
				},
			}),
		).rejects.toMatchObject({ message: `The workflow's time zone "Mars/Olympus_Mons" is not a known time zone` });
		expect(apiCalls(sandbox.current, 'tapkey')).toEqual([]);
	});

	it('runs one grant per input item with per-item expressions and pairs each output', async () => {
		const { store, credential, data, ownerId } = setup();
		const locks = data.boundLocks[ownerId];
		const input = [0, 1, 2].map((n) => ({ lockId: locks[n].id, email: `guest${n}@example.com` }));
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			input: input as IDataObject[],
			parameters: {
				resource: 'grant',
				operation: 'create',
				ownerId: rl(ownerId),
				boundLockId: rl('={{ $json.lockId }}'),
				email: '={{ $json.email }}',
				validFrom: '2026-12-01T08:00:00Z',
			},
		});
		expect(items.map((i) => [i.json.boundLockId, i.pairedItem])).toEqual(
			input.map((x, n) => [x.lockId, { item: n }]),
		);
	});

	it('outputs { success: true } when Tapkey answers a write with an empty 2xx', async () => {
		const { store, credential, ownerId } = setup();
		const boundLockId = String(tapkeyData(sandbox.current).boundLocks[ownerId][0].id);
		sandbox.current.faults.push({ provider: 'tapkey', method: 'PUT', path: '/Grants$', kind: 'empty', status: 204, count: 1 });
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: {
				resource: 'grant',
				operation: 'create',
				ownerId: rl(ownerId),
				boundLockId: rl(boundLockId),
				email: 'erik@example.com',
				validFrom: '2026-12-01T00:00:00Z',
			},
		});
		expect(items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
		expect(apiCalls(sandbox.current, 'tapkey').filter((c) => c.method === 'PUT').map((c) => c.status)).toEqual([204]);
	});

	it('sends a number mapped into a text field (the contact Title) as its text', async () => {
		const { store, credential, ownerId } = setup();
		const [created] = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: {
				resource: 'contact',
				operation: 'create',
				ownerId: rl(ownerId),
				email: 'fay@example.com',
				additionalFields: { title: '={{ 42 }}' },
			},
		});
		expect(created.json.title).toBe('42');
	});

	it('refuses a list mapped into the Email field with an error naming it, before any request', async () => {
		const { store, credential, ownerId } = setup();
		await expect(
			executeNode(store, {
				type: 'tapkey',
				credential,
				parameters: { resource: 'contact', operation: 'create', ownerId: rl(ownerId), email: '={{ ["a@example.com"] }}' },
			}),
		).rejects.toMatchObject({ message: 'Email must be text, not a list' });
		expect(apiCalls(sandbox.current, 'tapkey')).toEqual([]);
	});
});
