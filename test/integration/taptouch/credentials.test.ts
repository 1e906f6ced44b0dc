import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { TAPTOUCH_CLIENTS } from '../../../sandbox/providers/taptouch';
import { connectAuthorizationCode, CredentialStore, executeNode, searchList } from '../../helpers/n8n';
import { apiCalls, sandboxCredential, tokenCalls, useSandbox } from '../../helpers/sandbox';
import { bigStore, connectedMerchant, rl, serviceAccount, smallStore, taptouchData } from './fixtures';

const sandbox = useSandbox();

const refreshes = () => tokenCalls(sandbox.current, 'taptouch').filter((r) => r.grantType === 'refresh_token');

const listStores = (credential: { type: string; id: string; name: string }) => ({
	type: 'taptouch',
	credential,
	parameters: { resource: 'store', operation: 'getMany', returnAll: true },
});

describe('Taptouch scopes by grant', () => {
	const serviceOnly: Array<[string, IDataObject, string]> = [
		['order Get Many', { resource: 'order', operation: 'getMany', storeId: rl('S1'), returnAll: true }, 'orders'],
		['order Get', { resource: 'order', operation: 'get', storeId: rl('S1'), orderId: rl('O1') }, 'orders'],
		['inventory Get Many', { resource: 'inventory', operation: 'getMany', storeId: rl('S1'), returnAll: true }, 'inventory'],
		['inventory Update', { resource: 'inventory', operation: 'update', storeId: rl('S1'), itemId: rl('I1'), updateFields: { quantity: 1 } }, 'inventory'],
	];

	it.each(serviceOnly)('%s on an authorization-code credential fails before any request', async (_name, parameters, area) => {
		const store = new CredentialStore();
		const credential = await connectedMerchant(store, sandbox.current);
		sandbox.current.requests.length = 0;
		const run = executeNode(store, { type: 'taptouch', credential, parameters });
		await expect(run).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: `Taptouch ${area} need a client-credentials credential`,
			description: expect.stringMatching(/integration\.(order|inventory) only with the Client Credentials grant; the credential "Taptouch merchant" uses Authorization Code/),
		});
		expect(sandbox.current.requests).toEqual([]);
	});

	it('the order and item lists explain the same instead of calling Taptouch', async () => {
		const store = new CredentialStore();
		const credential = await connectedMerchant(store, sandbox.current);
		sandbox.current.requests.length = 0;
		const run = { type: 'taptouch', credential, parameters: { storeId: rl(smallStore(sandbox.current)) } };
		await expect(searchList(store, run, 'searchOrders')).rejects.toThrow('Taptouch orders need a client-credentials credential');
		await expect(searchList(store, run, 'searchInventoryItems')).rejects.toThrow('Taptouch inventory need a client-credentials credential');
		expect(sandbox.current.requests).toEqual([]);
	});

	it('the sandbox, like Taptouch, refuses order scopes to the authorization code grant', async () => {
		const data = sandboxCredential(sandbox.current, 'taptouch', 'taptouch-web', 'authorizationCode', {
			scope: 'integration.store integration.order',
		});
		await expect(connectAuthorizationCode({ type: 'taptouchOAuth2Api', ...data })).rejects.toThrow(
			/integration\.order.*cannot be granted with authorization_code/,
		);
	});
});

describe('Taptouch Authorization Code with PKCE (public client)', () => {
	const authorizeQueries = () =>
		sandbox.current.requests.filter((r) => r.provider === 'taptouch' && r.kind === 'authorize').map((r) => new URLSearchParams(r.query));

	it('connects with an S256 challenge and the verifier, no secret, and reads stores', async () => {
		const store = new CredentialStore();
		const credential = await connectedMerchant(store, sandbox.current, 'pkce');
		for (const query of authorizeQueries()) {
			expect(query.get('client_id')).toBe('taptouch-pkce');
			expect(query.get('scope')).toBe('integration.store');
			expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(query.get('code_challenge_method')).toBe('S256');
		}
		// taptouch-pkce has no secret: the sandbox accepts its code only with the matching verifier.
		expect(tokenCalls(sandbox.current, 'taptouch').map((r) => [r.grantType, r.clientId, r.clientAuth, r.scope, r.status])).toEqual([
			['authorization_code', 'taptouch-pkce', 'none', 'integration.store', 200],
		]);
		const items = await executeNode(store, listStores(credential));
		expect(items.map((i) => i.json)).toEqual(taptouchData(sandbox.current).stores);
	});

	it('refreshes an expired token without a secret and stores the rotated refresh token', async () => {
		const store = new CredentialStore();
		const credential = await connectedMerchant(store, sandbox.current, 'pkce');
		const original = store.data(credential.id).oauthTokenData as IDataObject;
		sandbox.current.oauth.taptouch.expireAll('access');
		expect(await executeNode(store, listStores(credential))).toHaveLength(3);
		expect(refreshes().map((r) => [r.clientId, r.clientAuth, r.status])).toEqual([['taptouch-pkce', 'none', 200]]);
		expect((store.data(credential.id).oauthTokenData as IDataObject).refresh_token).not.toBe(original.refresh_token);
	});

	it('the sandbox refuses the public client without a challenge, with a plain challenge, or with a wrong verifier', async () => {
		const data = sandboxCredential(sandbox.current, 'taptouch', 'taptouch-pkce', 'authorizationCode');
		await expect(connectAuthorizationCode({ type: 'taptouchOAuth2Api', ...data })).rejects.toThrow(/must use PKCE/);

		const server = sandbox.current.oauth.taptouch;
		const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';
		const base = { client_id: 'taptouch-pkce', response_type: 'code', redirect_uri: redirectUri, scope: 'integration.store' };
		expect(server.validateAuthorizeRequest(new URLSearchParams({ ...base, code_challenge: 'A'.repeat(43), code_challenge_method: 'plain' }))).toEqual({
			error: 'code_challenge_method must be S256',
		});

		const client = sandbox.current.clients.taptouch.find((c) => c.clientId === 'taptouch-pkce')!;
		const code = server.issueCode(client, ['integration.store'], new URLSearchParams({ ...base, code_challenge: 'A'.repeat(43), code_challenge_method: 'S256' }));
		const response = await request(sandbox.current.urls.taptouch.accessTokenUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'taptouch-pkce', code, redirect_uri: redirectUri, code_verifier: 'wrong-verifier-'.repeat(4) }).toString(),
		});
		expect(response.statusCode).toBe(400);
		expect(await response.body.json()).toMatchObject({ error: 'invalid_grant', error_description: 'PKCE verification failed' });
	});

	it('orders on a PKCE credential fail before any request, naming the grant it uses', async () => {
		const store = new CredentialStore();
		const credential = await connectedMerchant(store, sandbox.current, 'pkce');
		sandbox.current.requests.length = 0;
		const parameters = { resource: 'order', operation: 'getMany', storeId: rl(bigStore(sandbox.current)), returnAll: true };
		await expect(executeNode(store, { type: 'taptouch', credential, parameters })).rejects.toMatchObject({
			message: 'Taptouch orders need a client-credentials credential',
			description: expect.stringContaining('uses Authorization Code with PKCE, which reaches stores only'),
		});
		expect(sandbox.current.requests).toEqual([]);
	});
});

describe('Taptouch single-use refresh tokens', () => {
	it('stores every rotated refresh token, so the next refresh uses the new one and succeeds', async () => {
		const store = new CredentialStore();
		const credential = await connectedMerchant(store, sandbox.current);
		const original = store.data(credential.id).oauthTokenData as IDataObject;

		sandbox.current.oauth.taptouch.expireAll('access');
		expect(await executeNode(store, listStores(credential))).toHaveLength(3);
		const afterFirst = store.data(credential.id).oauthTokenData as IDataObject;
		expect(afterFirst.refresh_token).toBeTruthy();
		expect(afterFirst.refresh_token).not.toBe(original.refresh_token);
		expect(afterFirst.access_token).not.toBe(original.access_token);

		sandbox.current.oauth.taptouch.expireAll('access');
		expect(await executeNode(store, listStores(credential))).toHaveLength(3);
		const afterSecond = store.data(credential.id).oauthTokenData as IDataObject;
		expect(afterSecond.refresh_token).not.toBe(afterFirst.refresh_token);

		// The second refresh could only succeed with the rotated token: the first one is spent.
		expect(refreshes().map((r) => [r.status, r.clientAuth])).toEqual([
			[200, 'body'],
			[200, 'body'],
		]);
		expect(store.tokenWrites.map((w) => w.hadRefreshToken)).toEqual([true, true]);

		// A copy of the credential still holding the first refresh token is told to reconnect.
		store.update(credential.id, { oauthTokenData: original });
		sandbox.current.requests.length = 0;
		await expect(executeNode(store, listStores(credential))).rejects.toMatchObject({
			message: 'The Taptouch credential "Taptouch merchant" needs to be reconnected',
			description: expect.stringContaining('already used'),
		});
		expect(refreshes().map((r) => [r.status, r.error])).toEqual([[400, 'invalid_grant: refresh token already used']]);
	});

	it('refreshes once when 8 items of one execution hit an expired token', async () => {
		const store = new CredentialStore();
		const merchant = await connectedMerchant(store, sandbox.current);
		sandbox.current.oauth.taptouch.expireAll('access');
		const items = await executeNode(store, {
			...listStores(merchant),
			input: Array.from({ length: 8 }, () => ({})),
			parameters: { resource: 'store', operation: 'getMany', returnAll: false, limit: 1 },
		});
		expect(items).toHaveLength(8);
		expect(refreshes().map((r) => r.status)).toEqual([200]);
	});

	it('a client-credentials credential fetches a new token (no refresh token) when its token expires', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await executeNode(store, listStores(credential));
		sandbox.current.oauth.taptouch.expireAll('access');
		await executeNode(store, listStores(credential));
		expect(tokenCalls(sandbox.current, 'taptouch').map((r) => [r.grantType, r.status])).toEqual([
			['client_credentials', 200],
			['client_credentials', 200],
		]);
	});
});

describe('Taptouch secret hygiene', () => {
	function safeStringify(value: unknown): string {
		const seen = new WeakSet();
		return JSON.stringify(value, (_key, v) => {
			if (v && typeof v === 'object') {
				if (seen.has(v)) return '[circular]';
				seen.add(v);
			}
			return typeof v === 'bigint' ? String(v) : v;
		});
	}

	it('shows no client secret, access token or refresh token in any output or error', async () => {
		const seen: string[] = [];
		const secrets = new Set(TAPTOUCH_CLIENTS.map((c) => c.clientSecret!).filter(Boolean));
		const store = new CredentialStore();
		const rememberTokens = () => {
			for (const id of store.ids()) {
				try {
					const tokens = (store.data(id).oauthTokenData ?? {}) as IDataObject;
					for (const key of ['access_token', 'refresh_token']) if (typeof tokens[key] === 'string') secrets.add(tokens[key] as string);
				} catch {
					// not created yet
				}
			}
		};
		const attempt = async (action: () => Promise<unknown>) => {
			try {
				seen.push(safeStringify(await action()));
			} catch (error) {
				const e = error as IDataObject;
				seen.push(String(e.message), String(e.description), safeStringify(error));
			}
			rememberTokens();
		};

		const merchant = await connectedMerchant(store, sandbox.current);
		const service = serviceAccount(store, sandbox.current);
		rememberTokens();
		await attempt(() => executeNode(store, listStores(merchant)));
		await attempt(() => executeNode(store, listStores(service)));

		// A server that echoes the token and the client secret back in its error envelope.
		const merchantTokens = store.data(merchant.id).oauthTokenData as IDataObject;
		const echoed = `token ${String(merchantTokens.access_token)} of client secret ${TAPTOUCH_CLIENTS[0].clientSecret} is not allowed here`;
		sandbox.current.faults.push(
			{ provider: 'taptouch', kind: 'status', status: 200, count: 1, body: { status: { timestamp: 1, ack: 422, errors: echoed }, data: null } },
			{ provider: 'taptouch', kind: 'status', status: 403, count: 1, body: { status: { timestamp: 1, ack: 403, errors: { code: 'forbidden', message: echoed } }, data: null } },
		);
		await attempt(() => executeNode(store, listStores(merchant)));
		await attempt(() => executeNode(store, listStores(merchant)));

		sandbox.current.oauth.taptouch.expireAll('access');
		await attempt(() => executeNode(store, listStores(merchant)));
		await attempt(() =>
			executeNode(store, {
				type: 'taptouch',
				credential: service,
				continueOnFail: true,
				input: [{ quantity: -5 }, { quantity: 3 }],
				parameters: {
					resource: 'inventory',
					operation: 'update',
					storeId: rl(bigStore(sandbox.current)),
					itemId: rl(String(taptouchData(sandbox.current).inventory[bigStore(sandbox.current)][0].id)),
					updateFields: { quantity: '={{ $json.quantity }}' },
				},
			}),
		);
		sandbox.current.oauth.taptouch.revokeAll('all');
		await attempt(() => executeNode(store, listStores(merchant)));
		await attempt(() => executeNode(store, { ...listStores(service), parameters: { resource: 'order', operation: 'get', storeId: rl('x'), orderId: rl('y') } }));

		const everything = seen.join('\n');
		expect(everything).toContain('[redacted]');
		expect(everything).toContain('needs to be reconnected');
		expect(secrets.size).toBeGreaterThanOrEqual(6);
		const leaks = [...secrets].filter((secret) => everything.includes(secret)).map((s) => `${s.slice(0, 6)}…`);
		expect(leaks).toEqual([]);
		expect(apiCalls(sandbox.current, 'taptouch').length).toBeGreaterThan(5);
	});
});
