import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { CredentialStore, executeNode, testCredential } from '../../helpers/n8n';
import { apiCalls, tokenCalls, useSandbox } from '../../helpers/sandbox';
import { connectedUser, lockitData, secretsInPlay, serviceClient, visibleText } from './fixtures';

const sandbox = useSandbox();

const listProjects = { resource: 'project', operation: 'getMany', returnAll: true };

const authorizeQueries = () =>
	sandbox.current.requests
		.filter((r) => r.provider === 'lockitnetwork' && r.kind === 'authorize')
		.map((r) => new URLSearchParams(r.query));

describe('LockitNetwork OAuth2 through n8n-core', () => {
	it('connects with Authorization Code, authenticating the client with HTTP Basic and asking for no scope', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		expect(credential.oauthTokenData).toMatchObject({ token_type: 'Bearer', expires_in: 604800 });
		expect(credential.oauthTokenData.refresh_token).toBeTruthy();

		const [exchange] = tokenCalls(sandbox.current, 'lockitnetwork');
		expect(exchange).toMatchObject({ grantType: 'authorization_code', clientId: 'lockit-web', clientAuth: 'basic', status: 200 });
		for (const query of authorizeQueries()) {
			expect(query.get('scope') ?? '').toBe('');
			expect(query.get('code_challenge')).toBeNull();
		}

		const items = await executeNode(store, { type: 'lockitNetwork', credential, parameters: listProjects });
		expect(items.map((i) => i.json)).toEqual(lockitData(sandbox.current).projects);
		expect(apiCalls(sandbox.current, 'lockitnetwork').map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'GET /projects 200',
		]);
	});

	it('connects with PKCE: S256 challenge on the consent request, verifier and HTTP Basic on the exchange', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current, 'pkce');
		const [authorize] = authorizeQueries();
		expect(authorize.get('client_id')).toBe('lockit-pkce');
		expect(authorize.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(authorize.get('code_challenge_method')).toBe('S256');
		// lockit-pkce must use PKCE, and the sandbox checks the verifier against the challenge.
		expect(tokenCalls(sandbox.current, 'lockitnetwork')).toEqual([
			expect.objectContaining({ grantType: 'authorization_code', clientId: 'lockit-pkce', clientAuth: 'basic', status: 200 }),
		]);
		const items = await executeNode(store, { type: 'lockitNetwork', credential, parameters: listProjects });
		expect(items.length).toBe(lockitData(sandbox.current).projects.length);
	});

	it('refuses a PKCE exchange whose verifier does not match the challenge', async () => {
		const client = sandbox.current.clients.lockitnetwork.find((c) => c.clientId === 'lockit-pkce')!;
		const server = sandbox.current.oauth.lockitnetwork;
		const query = new URLSearchParams({
			client_id: 'lockit-pkce',
			redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback',
			code_challenge: 'A'.repeat(43),
			code_challenge_method: 'S256',
		});
		const code = server.issueCode(client, [], query);
		const response = await request(sandbox.current.urls.lockitnetwork.accessTokenUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				authorization: `Basic ${Buffer.from(`lockit-pkce:${client.clientSecret}`).toString('base64')}`,
			},
			body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: query.get('redirect_uri')!, code_verifier: 'wrong-verifier-'.repeat(4) }).toString(),
		});
		expect(response.statusCode).toBe(400);
		expect(await response.body.json()).toMatchObject({ error: 'invalid_grant', error_description: 'PKCE verification failed' });
	});

	it.each(['authorizationCode', 'pkce'] as const)(
		'refreshes an expired %s token once, with HTTP Basic, and stores the rotated refresh token',
		async (grant) => {
			const store = new CredentialStore();
			const credential = await connectedUser(store, sandbox.current, grant);
			sandbox.current.oauth.lockitnetwork.expireAll('access');

			const items = await executeNode(store, {
				type: 'lockitNetwork',
				credential,
				input: [{}, {}, {}],
				parameters: listProjects,
			});
			expect(items).toHaveLength(3 * lockitData(sandbox.current).projects.length);

			const refreshes = tokenCalls(sandbox.current, 'lockitnetwork').filter((r) => r.grantType === 'refresh_token');
			expect(refreshes).toEqual([expect.objectContaining({ clientAuth: 'basic', status: 200 })]);
			const stored = store.data(credential.id).oauthTokenData as IDataObject;
			expect(stored.refresh_token).toBeTruthy();
			expect(stored.refresh_token).not.toBe(credential.oauthTokenData.refresh_token);
			expect(stored.access_token).not.toBe(credential.oauthTokenData.access_token);

			// The rotated refresh token works: the old one is spent, so a second expiry proves it was saved.
			sandbox.current.oauth.lockitnetwork.expireAll('access');
			await executeNode(store, { type: 'lockitNetwork', credential, parameters: listProjects });
			const all = tokenCalls(sandbox.current, 'lockitnetwork').filter((r) => r.grantType === 'refresh_token');
			expect(all.map((r) => [r.clientAuth, r.status])).toEqual([
				['basic', 200],
				['basic', 200],
			]);
		},
	);

	it('fetches a Client Credentials token with HTTP Basic, once, and again after it is revoked', async () => {
		const store = new CredentialStore();
		const credential = serviceClient(store, sandbox.current);
		const run = { type: 'lockitNetwork', credential, parameters: listProjects };
		await executeNode(store, run);
		await executeNode(store, run);
		expect(tokenCalls(sandbox.current, 'lockitnetwork')).toEqual([
			expect.objectContaining({ grantType: 'client_credentials', clientId: 'lockit-service', clientAuth: 'basic', status: 200 }),
		]);

		sandbox.current.oauth.lockitnetwork.revokeAll('access');
		const items = await executeNode(store, run);
		expect(items.length).toBe(lockitData(sandbox.current).projects.length);
		expect(tokenCalls(sandbox.current, 'lockitnetwork').map((r) => [r.grantType, r.clientAuth, r.status])).toEqual([
			['client_credentials', 'basic', 200],
			['client_credentials', 'basic', 200],
		]);
	});

	it('is refused by the token endpoint when the secret goes in the form body instead', async () => {
		const store = new CredentialStore();
		// What the credential would send if its hidden "authentication" were "body".
		const credential = serviceClient(store, sandbox.current, { authentication: 'body' });
		const error = await executeNode(store, { type: 'lockitNetwork', credential, parameters: listProjects }).catch((e: unknown) => e);
		expect(error).toMatchObject({ message: expect.stringContaining('LockitNetwork rejected the credential\'s client: invalid_client') });
		expect(tokenCalls(sandbox.current, 'lockitnetwork')).toEqual([
			expect.objectContaining({ clientAuth: 'body', status: 401, error: expect.stringContaining('use HTTP Basic') }),
		]);
		expect(apiCalls(sandbox.current, 'lockitnetwork')).toEqual([]);
		for (const secret of secretsInPlay(sandbox.current, store, [credential.id])) {
			expect(visibleText(error)).not.toContain(secret);
		}
	});

	it('tests a client-credentials credential with a token request authenticated by HTTP Basic', async () => {
		const store = new CredentialStore();
		const credential = serviceClient(store, sandbox.current);
		await executeNode(store, { type: 'lockitNetwork', credential, parameters: { ...listProjects, returnAll: false, limit: 1 } });
		sandbox.current.requests.splice(0);
		await expect(testCredential(store, credential)).resolves.toMatchObject({ status: 'OK' });
		expect(tokenCalls(sandbox.current, 'lockitnetwork')).toEqual([
			expect.objectContaining({ grantType: 'client_credentials', clientId: 'lockit-service', clientAuth: 'basic', status: 200 }),
		]);
		expect(apiCalls(sandbox.current, 'lockitnetwork')).toEqual([]);
	});
});
