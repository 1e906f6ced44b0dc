import type { IDataObject } from 'n8n-workflow';

import { connectAuthorizationCode, CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, sandboxCredential, tokenCalls, useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();

function serviceCredential(store: CredentialStore) {
	const data = sandboxCredential(sandbox.current, 'tapkey', 'tapkey-service', 'clientCredentials');
	return { type: 'tapkeyOAuth2Api', ...store.add('tapkeyOAuth2Api', data) };
}

const snapshot = () =>
	sandbox.current.providers.tapkey.snapshot() as {
		owners: IDataObject[];
		boundLocks: Record<string, IDataObject[]>;
	};

describe('Tapkey bound locks through n8n-core', () => {
	it('lists every bound lock of the large owner exactly once with Return All', async () => {
		const store = new CredentialStore();
		const credential = serviceCredential(store);
		const owner = snapshot().owners[0];
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: {
				resource: 'boundLock',
				operation: 'getMany',
				ownerId: { __rl: true, mode: 'id', value: owner.id },
				returnAll: true,
			},
		});
		const expected = snapshot().boundLocks[String(owner.id)].map((l) => l.id);
		expect(items.map((i) => i.json.id)).toEqual(expected);
		expect(expected.length).toBe(1200);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		// 1200 locks at $top=1000: two pages, the second short.
		const pages = apiCalls(sandbox.current, 'tapkey').map((r) => r.query);
		expect(pages).toEqual(['%24top=1000&%24skip=0', '%24top=1000&%24skip=1000']);
		expect(tokenCalls(sandbox.current, 'tapkey')).toHaveLength(1);
	});

	it('fetches only what Limit needs', async () => {
		const store = new CredentialStore();
		const credential = serviceCredential(store);
		const owner = snapshot().owners[0];
		const items = await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: {
				resource: 'boundLock',
				operation: 'getMany',
				ownerId: { __rl: true, mode: 'list', value: owner.id },
				returnAll: false,
				limit: 30,
			},
		});
		expect(items).toHaveLength(30);
		expect(apiCalls(sandbox.current, 'tapkey').map((r) => r.query)).toEqual(['%24top=30&%24skip=0']);
	});

	it('reuses the stored token across executions and refreshes once when it expires mid-paging', async () => {
		const store = new CredentialStore();
		const data = sandboxCredential(sandbox.current, 'tapkey', 'tapkey-web', 'authorizationCode');
		const oauthTokenData = await connectAuthorizationCode({ type: 'tapkeyOAuth2Api', ...data });
		expect(oauthTokenData.refresh_token).toBeTruthy();
		const credential = { type: 'tapkeyOAuth2Api', ...store.add('tapkeyOAuth2Api', { ...data, oauthTokenData }) };
		const owner = snapshot().owners[0];
		const run = {
			type: 'tapkey',
			credential,
			parameters: {
				resource: 'boundLock',
				operation: 'getMany',
				ownerId: { __rl: true, mode: 'id', value: owner.id },
				returnAll: true,
			},
		};
		await executeNode(store, run);
		await executeNode(store, run);
		const codeExchange = 1;
		expect(tokenCalls(sandbox.current, 'tapkey')).toHaveLength(codeExchange);

		// The access token dies after the first page of the third run.
		sandbox.current.faults.push({ provider: 'tapkey', kind: 'revokeAccess', count: 1, after: 1 });
		const items = await executeNode(store, run);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(1200);
		expect(items).toHaveLength(1200);
		const refreshes = tokenCalls(sandbox.current, 'tapkey').filter((r) => r.grantType === 'refresh_token');
		expect(refreshes).toHaveLength(1);
		expect(refreshes[0].status).toBe(200);
		expect(store.tokenWrites.filter((w) => w.id === credential.id)).toHaveLength(1);
		expect(store.data(credential.id).oauthTokenData).not.toEqual(oauthTokenData);
	});
});
