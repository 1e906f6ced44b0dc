import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox();

const WITH_PERMISSIONS =
	'read:owneraccounts read:core:entities write:core:entities read:grants write:grants read:logs read:owneraccount:permissions';

function setup() {
	const store = new CredentialStore();
	const credential = serviceAccount(store, sandbox.current);
	store.update(credential.id, { scope: WITH_PERMISSIONS });
	const data = tapkeyData(sandbox.current);
	const ownerId = String(data.owners[1].id);
	const run = async (parameters: IDataObject, input?: IDataObject[]) =>
		(
			await executeNode(store, {
				type: 'tapkey',
				credential,
				parameters: { ownerId: rl(ownerId), returnAll: true, ...parameters },
				input,
			})
		).map((item) => item.json);
	return { data, ownerId, run };
}

const calls = () => apiCalls(sandbox.current, 'tapkey').map((call) => `${call.path}?${call.query}`);

describe('Tapkey Simplify', () => {
	it('keeps the main fields of each record of every list operation, and the same records', async () => {
		const { data, ownerId, run } = setup();
		const simplified = async (resource: string) => await run({ resource, operation: 'getMany', simplify: true });

		expect(await simplified('owner')).toEqual(data.owners.map(({ id, name, active }) => ({ id, name, active })));
		expect(await simplified('boundLock')).toEqual(
			data.boundLocks[ownerId].map((lock) => ({
				id: lock.id,
				title: lock.title,
				description: lock.description,
				physicalLockId: lock.physicalLockId,
				lockType: { modelName: (lock.lockType as IDataObject).modelName },
				active: lock.active,
			})),
		);
		expect(await simplified('contact')).toEqual(
			data.contacts[ownerId].map(({ id, identifier, title }) => ({ id, identifier, title })),
		);
		expect(await simplified('grant')).toEqual(
			data.grants[ownerId].map((grant) => ({
				id: grant.id,
				contactId: grant.contactId,
				boundLockId: grant.boundLockId,
				validFrom: grant.validFrom,
				validBefore: null,
				timeRestrictionIcal: null,
				state: 'Active',
				active: true,
			})),
		);
		expect(await simplified('logEntry')).toEqual(
			data.logEntries[ownerId].map((entry) => ({
				id: entry.id,
				logType: 'Command',
				command: 'TriggerLock',
				lockTimestamp: entry.lockTimestamp,
				receivedAt: entry.receivedAt,
				boundLockId: entry.boundLockId,
				contactId: entry.contactId,
				boundCardId: null,
			})),
		);
		expect(await simplified('boundCard')).toEqual(
			data.boundCards[ownerId].map(({ id, title, label, isActive }) => ({ id, title, label, isActive })),
		);
		expect(await simplified('administrator')).toEqual(
			data.permissions[ownerId].map(({ id, contactId, role }) => ({ id, contactId, role })),
		);
	});

	it('is off unless chosen, so saved workflows keep getting the full records', async () => {
		const { data, ownerId, run } = setup();
		expect(await run({ resource: 'boundLock', operation: 'getMany' })).toEqual(data.boundLocks[ownerId]);
		expect(await run({ resource: 'boundCard', operation: 'getMany', simplify: false })).toEqual(data.boundCards[ownerId]);
	});

	it('asks Tapkey for exactly the same pages with and without Simplify', async () => {
		const { run } = setup();
		await run({ resource: 'grant', operation: 'getMany', returnAll: false, limit: 1 });
		const full = calls();
		sandbox.current.requests.length = 0;
		await run({ resource: 'grant', operation: 'getMany', returnAll: false, limit: 1, simplify: true });
		expect(calls()).toEqual(full);
	});

	it('keeps what an Include option added: contact details and health statuses', async () => {
		const { data, ownerId, run } = setup();
		const [anna] = data.contacts[ownerId];
		const entries = await run({ resource: 'logEntry', operation: 'getMany', limit: 2, returnAll: false, includeContact: true, simplify: true });
		expect(entries[0]).toMatchObject({ contactId: anna.id, contact: { id: anna.id, title: 'anna', identifier: anna.identifier } });
		expect(entries[0]).not.toHaveProperty('entryNo');

		const admins = await run({ resource: 'administrator', operation: 'getMany', includeContact: true, simplify: true });
		expect(admins[0]).toEqual({ id: data.permissions[ownerId][0].id, contactId: anna.id, role: 'Owner', contact: expect.objectContaining({ identifier: anna.identifier }) });

		const locks = await run({ resource: 'boundLock', operation: 'getMany', limit: 2, returnAll: false, includeHealthStatuses: true, simplify: true });
		expect(locks[1]).toMatchObject({ id: data.boundLocks[ownerId][1].id, healthStatuses: [{ type: 'BatteryWarningLevel', value: 2 }] });
		expect(locks[1]).not.toHaveProperty('bindDate');
		// Without the option the lock's own (empty) healthStatuses is left out too.
		expect((await run({ resource: 'boundLock', operation: 'getMany', simplify: true }))[0]).not.toHaveProperty('healthStatuses');
	});

	it('reads Simplify per input item', async () => {
		const { data, ownerId, run } = setup();
		const items = await run({ resource: 'contact', operation: 'getMany', simplify: '={{ $json.short }}' }, [
			{ short: true },
			{ short: false },
		]);
		const contacts = data.contacts[ownerId];
		expect(items).toEqual([
			...contacts.map(({ id, identifier, title }) => ({ id, identifier, title })),
			...contacts,
		]);
	});
});
