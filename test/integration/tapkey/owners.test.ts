import { CredentialStore, executeNode, searchList } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { connectedUser, rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox();

describe('Tapkey owners', () => {
	it('lists the owners a service account co-administers, one item each', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'owner', operation: 'getMany', returnAll: true },
		});
		expect(items.map((i) => i.json)).toEqual(tapkeyData(sandbox.current).owners);
	});

	it('explains the co-admin step when a service account sees no owners', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current, 'tapkey-unassigned');
		const run = executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'owner', operation: 'getMany', returnAll: true },
		});
		await expect(run).rejects.toMatchObject({
			message: 'Tapkey returned no owner accounts for this credential',
			description: expect.stringContaining('iam.serviceaccount.tapkey.com'),
		});
		await expect(
			searchList(store, { type: 'tapkey', credential, parameters: {} }, 'searchOwners'),
		).rejects.toThrow(/no owner accounts/);
	});

	it('gets one owner for a connected Tapkey user', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		const owner = tapkeyData(sandbox.current).owners[1];
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'owner', operation: 'get', ownerId: rl(String(owner.id)) },
		});
		expect(items).toEqual([{ json: owner, pairedItem: { item: 0 } }]);
	});

	it('works with a PKCE credential (no client secret)', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current, 'pkce');
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: { resource: 'owner', operation: 'getMany', returnAll: true },
		});
		expect(items).toHaveLength(tapkeyData(sandbox.current).owners.length);
		const exchange = sandbox.current.requests.find((r) => r.kind === 'token');
		expect(exchange).toMatchObject({ grantType: 'authorization_code', status: 200, clientAuth: 'none' });
	});

	it('offers owners and bound locks in searchable lists, paged as the user scrolls', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const data = tapkeyData(sandbox.current);
		const owners = await searchList(store, { type: 'tapkey', credential, parameters: {} }, 'searchOwners', 'ware');
		expect(owners.results).toEqual([{ name: 'Warehouse', value: data.owners[1].id, url: undefined }]);

		const owner = data.owners[0];
		const run = { type: 'tapkey', credential, parameters: { resource: 'boundLock', operation: 'get', ownerId: rl(String(owner.id)) } };
		const first = await searchList(store, run, 'searchBoundLocks');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const second = await searchList(store, run, 'searchBoundLocks', undefined, String(first.paginationToken));
		expect(second.results[0].value).toBe(data.boundLocks[String(owner.id)][100].id);
		const filtered = await searchList(store, run, 'searchBoundLocks', 'door 0007');
		expect(filtered.results.map((r) => r.name)).toEqual(['Door 0007']);
		// Scrolling asks for 100 at a time; a search reads on in Tapkey's largest pages until it finds enough.
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => new URLSearchParams(c.query).get('$top'))).toEqual(['1000', '100', '100', '1000', '1000']);
	});

	it('refuses a malformed owner behind the bound lock and grant lists, as the node parameter does, before any request', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const run = (ownerId: unknown) => ({
			type: 'tapkey',
			credential,
			parameters: { resource: 'grant', operation: 'create', ownerId: rl(ownerId as string) },
		});
		await expect(searchList(store, run('../Owners/x'), 'searchBoundLocks')).rejects.toMatchObject({
			message: 'Owner "../Owners/x" is not a valid ID',
			description: 'Expected the ID of a Tapkey owner account.',
		});
		await expect(searchList(store, run('a b'), 'searchGrants')).rejects.toThrow('Owner "a b" is not a valid ID');
		await expect(searchList(store, run('={{ ["x"] }}'), 'searchBoundLocks')).rejects.toThrow('Owner must be text, not a list');
		expect(apiCalls(sandbox.current, 'tapkey')).toEqual([]);
		// Until an owner is chosen the lists are empty, without a request.
		expect(await searchList(store, run(''), 'searchBoundLocks')).toEqual({ results: [] });
		expect(apiCalls(sandbox.current, 'tapkey')).toEqual([]);
	});
});
