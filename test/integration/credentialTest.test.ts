/**
 * The OAuth2 credentials' Test, run the way n8n's CredentialsTester runs it (a routing request
 * through n8n-core's OAuth2 code, which signs it with the stored token) against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, testCredential } from '../helpers/n8n';
import { apiCalls, sandboxCredential, tokenCalls, useSandbox } from '../helpers/sandbox';
import type { ProviderId } from '../../sandbox';

const sandbox = useSandbox();

const PROVIDERS: Array<{ provider: ProviderId; type: string; client: string; clientAuth: string; read: string }> = [
	{ provider: 'tapkey', type: 'tapkeyOAuth2Api', client: 'tapkey-service', clientAuth: 'body', read: 'GET /Owners 200' },
	{ provider: 'taptouch', type: 'taptouchOAuth2Api', client: 'taptouch-service', clientAuth: 'body', read: 'GET /stores 200' },
	{ provider: 'lockitnetwork', type: 'lockitNetworkOAuth2Api', client: 'lockit-service', clientAuth: 'basic', read: 'GET /projects 200' },
];

const WRONG = 'sbx-not-the-client-secret-0000';

describe.each(PROVIDERS)('the $type Test', ({ provider, type, client, clientAuth, read }) => {
	const tokens = () => tokenCalls(sandbox.current, provider).map((t) => [t.grantType, t.clientAuth, t.status]);

	it('with Client Credentials asks for a new token with the saved secret, although a token is stored', async () => {
		const store = new CredentialStore();
		const credential = { type, ...store.add(type, sandboxCredential(sandbox.current, provider, client, 'clientCredentials')) };

		// No token stored: n8n fetches and stores one, then the test asks for another.
		await expect(testCredential(store, credential)).resolves.toMatchObject({ status: 'OK' });
		expect(tokens()).toEqual([
			['client_credentials', clientAuth, 200],
			['client_credentials', clientAuth, 200],
		]);
		const stored = store.data(credential.id).oauthTokenData as IDataObject;
		expect(stored.access_token).toBeTruthy();
		expect(apiCalls(sandbox.current, provider)).toEqual([]);

		// The secret is changed to a wrong one while the stored token still works: the test fails.
		sandbox.current.requests.splice(0);
		store.update(credential.id, { clientSecret: WRONG });
		const result = await testCredential(store, credential);
		expect(result.status).toBe('Error');
		expect(JSON.stringify(result)).not.toContain(WRONG);
		expect(JSON.stringify(result)).not.toContain(String(stored.access_token));
		// The test's token request is refused, and so is the new token n8n then asks for after that 401.
		expect(tokens()).toEqual([
			['client_credentials', clientAuth, 401],
			['client_credentials', clientAuth, 401],
		]);
		expect((store.data(credential.id).oauthTokenData as IDataObject).access_token).toBe(stored.access_token);
	});

	it('with Authorization Code reads the API once with the stored token', async () => {
		const store = new CredentialStore();
		const service = { type, ...store.add(type, sandboxCredential(sandbox.current, provider, client, 'clientCredentials')) };
		await testCredential(store, service);
		const oauthTokenData = store.data(service.id).oauthTokenData as IDataObject;
		const user = sandbox.current.clients[provider].find((c) => c.grants.includes('authorization_code') && c.clientSecret)!;
		const connected = {
			type,
			...store.add(type, sandboxCredential(sandbox.current, provider, user.clientId, 'authorizationCode', { oauthTokenData })),
		};
		sandbox.current.requests.splice(0);
		expect(await testCredential(store, connected)).toEqual({ status: 'OK', message: expect.any(String) });
		expect(tokens()).toEqual([]);
		expect(apiCalls(sandbox.current, provider).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([read]);
	});
});
