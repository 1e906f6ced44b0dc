import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';
import { rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox();

/** Bad input must fail with a message naming what to fix, before anything reaches Tapkey. */
describe('Tapkey parameter validation', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		['an empty owner', { resource: 'boundLock', operation: 'getMany', ownerId: rl(''), returnAll: true }, /^Owner is required$/],
		['an owner ID that would change the path', { resource: 'owner', operation: 'get', ownerId: rl('../Owners') }, /^Owner "\.\.\/Owners" is not a valid ID$/],
		['an empty bound lock', { resource: 'boundLock', operation: 'get', ownerId: rl('OWNER'), boundLockId: rl('  ') }, /^Bound Lock is required$/],
		['a malformed e-mail', { resource: 'contact', operation: 'create', ownerId: rl('OWNER'), email: 'not-an-email' }, /is not a valid e-mail address/],
		['a malformed date', { resource: 'grant', operation: 'create', ownerId: rl('OWNER'), boundLockId: rl('LOCK'), email: 'a@b.co', validFrom: 'next tuesday' }, /^Valid From "next tuesday" is not a valid date and time$/],
		['an end before the start', { resource: 'grant', operation: 'create', ownerId: rl('OWNER'), boundLockId: rl('LOCK'), email: 'a@b.co', validFrom: '2026-12-02T00:00:00Z', validBefore: '2026-12-01T00:00:00Z' }, /^Valid Before must be later than Valid From$/],
		['a malformed After date', { resource: 'logEntry', operation: 'getMany', ownerId: rl('OWNER'), after: '31.12.2026', returnAll: true }, /^After "31\.12\.2026" is not a valid date and time$/],
		['a limit of zero', { resource: 'owner', operation: 'getMany', returnAll: false, limit: 0 }, /^Limit must be a whole number of 1 or more/],
	];

	it.each(cases)('refuses %s without sending a request', async (_name, parameters, message) => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await expect(executeNode(store, { type: 'tapkey', credential, parameters })).rejects.toThrow(message);
		expect(sandbox.current.requests).toEqual([]);
	});

	it('with Continue On Fail, returns an error item for the bad item and results for the good ones', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const owners = tapkeyData(sandbox.current).owners;
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			continueOnFail: true,
			input: [{ id: owners[0].id }, { id: 'no-such-owner' }, { id: '' }],
			parameters: { resource: 'owner', operation: 'get', ownerId: rl('={{ $json.id }}') },
		});
		expect(items).toEqual([
			{ json: owners[0], pairedItem: { item: 0 } },
			{
				json: {
					error: 'Tapkey could not get the owner account: Owner account no-such-owner was not found or you have no access to it. (NotFound)',
					description: 'Nothing was found at this ID. Check the IDs in this node.',
				},
				// The error itself too: n8n routes the item to the error output by it.
				error: expect.objectContaining({ message: 'Tapkey could not get the owner account: Owner account no-such-owner was not found or you have no access to it. (NotFound)' }),
				pairedItem: { item: 1 },
			},
			{
				json: { error: 'Owner is required', description: 'Choose the owner from the list or enter its ID.' },
				error: expect.objectContaining({ message: 'Owner is required' }),
				pairedItem: { item: 2 },
			},
		]);
	});

	it('names the missing scope when the token lacks it', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		store.update(credential.id, { scope: 'read:owneraccounts' });
		const owner = tapkeyData(sandbox.current).owners[0];
		await expect(
			executeNode(store, {
				type: 'tapkey',
				credential,
				parameters: { resource: 'grant', operation: 'getMany', ownerId: rl(String(owner.id)), returnAll: true },
			}),
		).rejects.toMatchObject({
			message: 'Tapkey could not list grants: The access token lacks the scope "read:grants". (InsufficientScope)',
			description: expect.stringContaining('Check the scopes of the credential'),
		});
	});

	it('says when the API base URL is unreachable', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		store.update(credential.id, { customBaseUrl: 'http://127.0.0.1:9/api/v1' });
		await expect(
			executeNode(store, {
				type: 'tapkey',
				credential,
				parameters: { resource: 'owner', operation: 'getMany', returnAll: true },
			}),
		).rejects.toMatchObject({
			message: 'Tapkey could not list owners: no answer from 127.0.0.1:9 (ECONNREFUSED)',
			description: expect.stringContaining('Check that Tapkey is reachable at http://127.0.0.1:9/api/v1'),
		});
	});
});
