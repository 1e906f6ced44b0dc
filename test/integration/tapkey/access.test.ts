import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode, searchList } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox();

const READ_WRITE = 'read:owneraccounts read:core:entities write:core:entities read:grants write:grants read:logs';

function setup(scope?: string) {
	const store = new CredentialStore();
	const credential = serviceAccount(store, sandbox.current);
	if (scope) store.update(credential.id, { scope });
	const data = tapkeyData(sandbox.current);
	const ownerId = String(data.owners[1].id);
	const run = (parameters: IDataObject, input?: IDataObject[]) =>
		executeNode(store, { type: 'tapkey', credential, parameters: { ownerId: rl(ownerId), ...parameters }, input });
	return { store, credential, data, ownerId, run };
}

const calls = () => apiCalls(sandbox.current, 'tapkey');
const filterOf = (query: string) => new URLSearchParams(query).get('$filter');

describe('Tapkey contacts: get and update', () => {
	it('gets a contact by ID', async () => {
		const { data, ownerId, run } = setup();
		const ben = data.contacts[ownerId][1];
		const items = await run({ resource: 'contact', operation: 'get', contactId: rl(String(ben.id)) });
		expect(items).toEqual([{ json: ben, pairedItem: { item: 0 } }]);
		expect(calls().map((c) => c.path)).toEqual([`/Owners/${ownerId}/Contacts/${ben.id}`]);
	});

	it("says Tapkey's 404 for a contact that does not exist", async () => {
		const { run } = setup();
		await expect(run({ resource: 'contact', operation: 'get', contactId: rl('no-such-contact') })).rejects.toMatchObject({
			message: 'Tapkey could not get the contact: Contact no-such-contact was not found. (NotFound)',
			httpCode: '404',
		});
	});

	it('patches only title and comment, and clears a field left empty', async () => {
		const { data, ownerId, run } = setup();
		const anna = data.contacts[ownerId][0];
		const [updated] = await run({
			resource: 'contact',
			operation: 'update',
			contactId: rl(String(anna.id)),
			updateFields: { title: 'Anna Berger', comment: 'Guest, room 12' },
		});
		expect(updated.json).toEqual({ ...anna, title: 'Anna Berger', comment: 'Guest, room 12' });
		const patch = calls().find((c) => c.method === 'PATCH')!;
		expect(patch.path).toBe(`/Owners/${ownerId}/Contacts/${anna.id}`);

		const [cleared] = await run({ resource: 'contact', operation: 'update', contactId: rl(String(anna.id)), updateFields: { comment: '' } });
		expect(cleared.json).toMatchObject({ title: 'Anna Berger', comment: null });
		expect(tapkeyData(sandbox.current).contacts[ownerId][0]).toMatchObject({ title: 'Anna Berger', comment: null });
	});

	it('lists contacts in the searchable dropdown by title or e-mail', async () => {
		const { store, credential, data, ownerId } = setup();
		const runFor = { type: 'tapkey', credential, parameters: { resource: 'contact', operation: 'get', ownerId: rl(ownerId) } };
		const all = await searchList(store, runFor, 'searchContacts');
		expect(all.results.map((r) => r.value)).toEqual(data.contacts[ownerId].map((c) => c.id));
		const ben = await searchList(store, runFor, 'searchContacts', 'BEN@');
		expect(ben.results).toEqual([{ name: 'ben (ben@example.com)', value: data.contacts[ownerId][1].id }]);
	});
});

describe('Tapkey grants: filters, contact by ID, revoke all, dry run', () => {
	it('lists the grants of one lock and one contact, filtered by Tapkey', async () => {
		const { data, ownerId, run } = setup();
		const grant = data.grants[ownerId][1];
		const items = await run({
			resource: 'grant',
			operation: 'getMany',
			returnAll: true,
			boundLockId: rl(String(grant.boundLockId)),
			contactId: rl(String(grant.contactId), 'list'),
		});
		expect(items.map((i) => i.json.id)).toEqual([grant.id]);
		expect(filterOf(calls()[0].query)).toBe(
			`active eq true and boundLockId eq '${grant.boundLockId}' and contactId eq '${grant.contactId}'`,
		);

		const byLock = await run({ resource: 'grant', operation: 'getMany', returnAll: true, activeOnly: false, boundLockId: rl(String(data.grants[ownerId][0].boundLockId)) });
		expect(byLock.map((i) => i.json.id)).toEqual([data.grants[ownerId][0].id]);
	});

	it('creates a grant for a contact chosen by ID', async () => {
		const { data, ownerId, run } = setup();
		const ben = data.contacts[ownerId][1];
		const lock = data.boundLocks[ownerId][4];
		const [created] = await run({
			resource: 'grant',
			operation: 'create',
			boundLockId: rl(String(lock.id)),
			contactBy: 'id',
			contactId: rl(String(ben.id)),
			validFrom: '2026-12-01T08:00:00Z',
		});
		expect(created.json).toMatchObject({ contactId: ben.id, boundLockId: lock.id, active: true });
		const put = calls().find((c) => c.method === 'PUT')!;
		expect(put.path).toBe(`/Owners/${ownerId}/Grants`);
	});

	it("reports Tapkey's 404 for a grant to an unknown contact ID, sent once", async () => {
		const { data, ownerId, run } = setup();
		await expect(
			run({
				resource: 'grant',
				operation: 'create',
				boundLockId: rl(String(data.boundLocks[ownerId][0].id)),
				contactBy: 'id',
				contactId: rl('no-such-contact'),
				validFrom: '2026-12-01T08:00:00Z',
			}),
		).rejects.toMatchObject({ message: 'Tapkey could not create the grant: Contact no-such-contact was not found. (NotFound)', httpCode: '404' });
		expect(calls()).toHaveLength(1);
		expect(tapkeyData(sandbox.current).grants[ownerId]).toHaveLength(data.grants[ownerId].length);
	});

	it('revokes every grant of a contact in one call, and a dry run changes nothing', async () => {
		const { data, ownerId, run } = setup();
		const anna = data.contacts[ownerId][0];
		for (const lock of data.boundLocks[ownerId].slice(2, 4)) {
			await run({ resource: 'grant', operation: 'create', boundLockId: rl(String(lock.id)), email: 'anna@example.com', validFrom: '2026-12-01T08:00:00Z' });
		}
		const annasGrants = () => tapkeyData(sandbox.current).grants[ownerId].filter((g) => g.contactId === anna.id);
		expect(annasGrants().filter((g) => g.active)).toHaveLength(3);

		const preview = await run({ resource: 'grant', operation: 'revokeAll', contactId: rl(String(anna.id)), options: { dryRun: true } });
		expect(preview).toHaveLength(3);
		expect(annasGrants().every((g) => g.active)).toBe(true);
		expect(calls().at(-1)).toMatchObject({ method: 'POST', path: `/Owners/${ownerId}/Contacts/${anna.id}/RevokeGrants`, query: 'dryRun=true' });

		const revoked = await run({ resource: 'grant', operation: 'revokeAll', contactId: rl(String(anna.id)) });
		expect(revoked.map((i) => i.json.id).sort()).toEqual(annasGrants().map((g) => g.id).sort());
		expect(revoked.every((i) => i.json.active === false && i.json.state === 'Revoked')).toBe(true);
		expect(calls().at(-1)!.query).toBe('dryRun=false');
		expect(annasGrants().some((g) => g.active)).toBe(false);
		expect(tapkeyData(sandbox.current).grants[ownerId].filter((g) => g.contactId !== anna.id).every((g) => g.active)).toBe(true);

		const again = await run({ resource: 'grant', operation: 'revokeAll', contactId: rl(String(anna.id)) });
		expect(again.map((i) => i.json)).toEqual([{ contactId: anna.id, dryRun: false, grantsAffected: 0 }]);
	});

	it('checks a single revoke with a dry run without revoking', async () => {
		const { data, ownerId, run } = setup();
		const grant = data.grants[ownerId][0];
		const [item] = await run({ resource: 'grant', operation: 'revoke', grantId: rl(String(grant.id)), options: { dryRun: true } });
		expect(item.json).toMatchObject({ id: grant.id, active: true });
		expect(calls()[0].query).toBe('dryRun=true');
		expect(tapkeyData(sandbox.current).grants[ownerId][0].active).toBe(true);
	});

	it('takes Dry Run given by an expression as the text "true" (any case, spaces) as a dry run, revoking nothing', async () => {
		const { data, ownerId, run } = setup();
		const grant = data.grants[ownerId][0];
		const anna = data.contacts[ownerId][0];
		await run({ resource: 'grant', operation: 'revoke', grantId: rl(String(grant.id)), options: { dryRun: '={{ "true" }}' } });
		await run({ resource: 'grant', operation: 'revokeAll', contactId: rl(String(anna.id)), options: { dryRun: '={{ " TRUE " }}' } });
		expect(calls().map((c) => c.query)).toEqual(['dryRun=true', 'dryRun=true']);
		expect(tapkeyData(sandbox.current).grants[ownerId].every((g) => g.active)).toBe(true);

		await run({ resource: 'grant', operation: 'revoke', grantId: rl(String(grant.id)), options: { dryRun: '={{ "False" }}' } });
		expect(calls().at(-1)!.query).toBe('dryRun=false');
	});

	it.each([
		['a number', '={{ 1 }}', '1'],
		['"yes"', '={{ "yes" }}', '"yes"'],
		['empty text', '={{ "" }}', '""'],
		['an object', '={{ { on: true } }}', 'an object'],
		['nothing (a missing field)', '={{ $json.missing }}', 'nothing'],
	])('refuses Dry Run given as %s before any request, instead of revoking', async (_what, dryRun, shown) => {
		const { data, ownerId, run } = setup();
		const anna = data.contacts[ownerId][0];
		await expect(
			run({ resource: 'grant', operation: 'revokeAll', contactId: rl(String(anna.id)), options: { dryRun } }),
		).rejects.toMatchObject({ message: `Dry Run (Options) must be true or false, not ${shown}` });
		await expect(
			run({ resource: 'grant', operation: 'revoke', grantId: rl(String(data.grants[ownerId][0].id)), options: { dryRun } }),
		).rejects.toMatchObject({ message: expect.stringContaining('Dry Run (Options) must be true or false') });
		expect(calls()).toEqual([]);
		expect(tapkeyData(sandbox.current).grants[ownerId].every((g) => g.active)).toBe(true);
	});

	it('names the scope Revoke All needs when the token lacks it', async () => {
		const { data, ownerId, run } = setup('read:owneraccounts read:core:entities write:core:entities read:grants');
		await expect(
			run({ resource: 'grant', operation: 'revokeAll', contactId: rl(String(data.contacts[ownerId][0].id)) }),
		).rejects.toMatchObject({
			message: `Tapkey could not revoke the contact's grants: The access token lacks the scope "write:grants". (InsufficientScope)`,
			description: expect.stringContaining('Check the scopes of the credential'),
		});
		expect(tapkeyData(sandbox.current).grants[ownerId].every((g) => g.active)).toBe(true);
	});
});

describe('Tapkey bound locks, cards and administrators', () => {
	it('adds health statuses only when asked, with expand=healthStatuses', async () => {
		const { data, ownerId, run } = setup();
		const plain = await run({ resource: 'boundLock', operation: 'getMany', limit: 3 });
		expect(plain.map((i) => i.json.healthStatuses)).toEqual([null, null, null]);
		const withHealth = await run({ resource: 'boundLock', operation: 'getMany', limit: 4, includeHealthStatuses: true });
		expect(new URLSearchParams(calls().at(-1)!.query).get('expand')).toBe('healthStatuses');
		const statuses = withHealth.map((i) => i.json.healthStatuses as IDataObject[]);
		expect(statuses[0][0]).toMatchObject({ type: 'BatteryWarningLevel', valueStatus: 'Ok' });
		expect(statuses[2][0]).toMatchObject({ valueStatus: 'Outdated' });
		expect(statuses[3]).toEqual([]);

		const lock = data.boundLocks[ownerId][1];
		const [one] = await run({ resource: 'boundLock', operation: 'get', boundLockId: rl(String(lock.id)), includeHealthStatuses: true });
		expect(one.json).toMatchObject({ id: lock.id, healthStatuses: [{ type: 'BatteryWarningLevel', value: 2 }] });
	});

	it('lists bound cards with Limit and Return All', async () => {
		const { data, ownerId, run } = setup();
		const two = await run({ resource: 'boundCard', operation: 'getMany', limit: 2 });
		expect(two.map((i) => i.json)).toEqual(data.boundCards[ownerId].slice(0, 2));
		const all = await run({ resource: 'boundCard', operation: 'getMany', returnAll: true });
		expect(all).toHaveLength(3);
		expect(calls().map((c) => c.path)).toEqual([`/Owners/${ownerId}/BoundCards`, `/Owners/${ownerId}/BoundCards`]);
	});

	it("lists the owner account's administrators when the credential has the permissions scope", async () => {
		const { data, ownerId, run } = setup(`${READ_WRITE} read:owneraccount:permissions`);
		const items = await run({ resource: 'administrator', operation: 'getMany', returnAll: true, includeContact: true });
		const [anna, ben] = data.contacts[ownerId];
		expect(items.map((i) => i.json)).toEqual(
			data.permissions[ownerId].map((p) => ({
				...p,
				contact: { id: p.contactId, ...(p.contactId === anna.id ? { title: 'anna', identifier: anna.identifier } : { title: 'ben', identifier: ben.identifier }) },
			})),
		);
		expect(items.map((i) => i.json.role)).toEqual(['Owner', 'Admin']);
		expect(calls().map((c) => c.path)).toEqual([`/Owners/${ownerId}/Permissions`, `/Owners/${ownerId}/Contacts`]);
	});

	it('names the permissions scope when the credential lacks it', async () => {
		const { run } = setup();
		await expect(run({ resource: 'administrator', operation: 'getMany', returnAll: true })).rejects.toMatchObject({
			message: 'Tapkey could not list administrators: The access token lacks the scope "read:owneraccount:permissions". (InsufficientScope)',
			httpCode: '403',
		});
	});
});

describe('Tapkey log entries with contact details', () => {
	it('says who opened the door, looking each contact up once per execution', async () => {
		const { data, ownerId, run } = setup();
		const contacts = data.contacts[ownerId];
		const locks = data.boundLocks[ownerId].slice(0, 3);
		const items = await run(
			{ resource: 'logEntry', operation: 'getMany', boundLockId: rl('={{ $json.lock }}'), returnAll: true, includeContact: true },
			locks.map((lock) => ({ lock: lock.id })),
		);
		expect(items.length).toBe(data.logEntries[ownerId].filter((e) => locks.some((l) => l.id === e.boundLockId)).length);
		for (const item of items) {
			const contact = contacts.find((c) => c.id === item.json.contactId)!;
			expect(item.json.contact).toEqual({ id: contact.id, title: contact.title, identifier: contact.identifier });
		}
		const lookups = calls().filter((c) => c.path.endsWith('/Contacts'));
		// Two contacts, three items reading in parallel: the items share the execution's cache, so
		// both contacts are asked for once, in one request.
		expect(lookups).toHaveLength(1);
		// In whichever order the parallel items met them.
		expect(filterOf(lookups[0].query)!.split(' or ').sort()).toEqual(contacts.map((c) => `id eq '${c.id}'`).sort());
	});
});

describe('Tapkey secrets in the new operations', () => {
	it('never shows the client secret or the access token in outputs or errors', async () => {
		const { store, credential, data, ownerId, run } = setup();
		const items = await run({ resource: 'logEntry', operation: 'getMany', limit: 5, includeContact: true });
		const error = await run({ resource: 'administrator', operation: 'getMany', returnAll: true }).catch((e: unknown) => e);
		const secrets = [
			String(store.data(credential.id).clientSecret),
			String((store.data(credential.id).oauthTokenData as IDataObject).access_token),
		];
		expect(secrets.every((secret) => secret.length > 8)).toBe(true);
		const shown = JSON.stringify(items) + JSON.stringify(error) + String((error as Error).message) + String((error as { description?: string }).description);
		for (const secret of secrets) expect(shown).not.toContain(secret);
		expect(items.length).toBe(5);
		expect(data.contacts[ownerId].length).toBe(2);
	});
});

describe('Tapkey validation of the new operations', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		['a contact get without a contact', { resource: 'contact', operation: 'get', contactId: rl('') }, /^Contact is required$/],
		['an update with nothing to change', { resource: 'contact', operation: 'update', contactId: rl('C1'), updateFields: {} }, /^Nothing to update$/],
		['a grant for a contact by ID without one', { resource: 'grant', operation: 'create', boundLockId: rl('LOCK'), contactBy: 'id', contactId: rl(''), validFrom: '2026-12-01T00:00:00Z' }, /^Contact is required$/],
		['a grant for an invalid e-mail', { resource: 'grant', operation: 'create', boundLockId: rl('LOCK'), email: 'guest@', validFrom: '2026-12-01T00:00:00Z' }, /"guest@" is not a valid e-mail address/],
		['a revoke-all without a contact', { resource: 'grant', operation: 'revokeAll', contactId: rl(' ') }, /^Contact is required$/],
		['a grant filter with a malformed lock ID', { resource: 'grant', operation: 'getMany', boundLockId: rl("x' or 1 eq 1"), returnAll: true }, /^Bound Lock "x' or 1 eq 1" is not a valid ID$/],
	];

	it.each(cases)('refuses %s before any request', async (_name, parameters, message) => {
		const { run } = setup();
		await expect(run(parameters)).rejects.toThrow(message);
		expect(sandbox.current.requests).toEqual([]);
	});
});
