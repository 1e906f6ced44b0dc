import { generateKeyPairSync } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { signJwt, TOKEN_EXCHANGE_GRANT } from '../../../sandbox/tokenExchange';
import type { Sandbox } from '../../../sandbox';
import { recordSecret } from '../../helpers/audit';
import { CredentialStore, executeNode, pollTrigger, searchList, testCredential } from '../../helpers/n8n';
import { apiCalls, tokenCalls, useSandbox } from '../../helpers/sandbox';
import { visibleText } from '../lockitnetwork/fixtures';
import { tapkeyData } from './fixtures';

const sandbox = useSandbox();

const TYPE = 'tapkeyTokenExchangeApi';
const listOwners = { authentication: 'tokenExchange', resource: 'owner', operation: 'getMany', returnAll: true };

/** A subject token of the sandbox's identity provider, recorded for the secret audit. */
function jwt(sb: Sandbox, sub = 'alice', options: Parameters<Sandbox['tokenExchange']['subjectToken']>[1] = {}) {
	const token = sb.tokenExchange.subjectToken({ sub }, options);
	recordSecret(token);
	return token;
}

/** A token-exchange credential pointing at the sandbox, as a user would fill it in. */
function tokenExchangeCredential(store: CredentialStore, sb: Sandbox, subjectToken: string, extra: IDataObject = {}) {
	const alg = (extra.alg as 'RS256' | 'HS256' | undefined) ?? 'RS256';
	delete extra.alg;
	const data = {
		environment: 'custom',
		customAccessTokenUrl: sb.urls.tapkey.accessTokenUrl,
		customBaseUrl: sb.urls.tapkey.baseUrl,
		clientId: sb.tokenExchange.clients[alg].clientId,
		identityProvider: sb.tokenExchange.providers[alg].id,
		subjectToken,
		...extra,
	};
	return { type: TYPE, ...store.add(TYPE, data, `Tapkey TE ${alg}`) };
}

const exchanges = (sb: Sandbox) => tokenCalls(sb, 'tapkey').filter((call) => call.grantType === TOKEN_EXCHANGE_GRANT);

describe('Tapkey token exchange (tapkeyTokenExchangeApi) through n8n-core', () => {
	it('exchanges the JWT once on first use, then sends the Tapkey token it stored', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current));

		const items = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		expect(items.map((i) => i.json)).toEqual(tapkeyData(sandbox.current).owners);
		expect(exchanges(sandbox.current)).toEqual([
			expect.objectContaining({ clientId: 'tapkey-token-exchange', clientAuth: 'none', status: 200 }),
		]);
		const stored = store.data(credential.id);
		expect(typeof stored.accessToken).toBe('string');
		expect(stored.accessToken).not.toBe('');

		await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		expect(exchanges(sandbox.current)).toHaveLength(1);
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => `${c.path} ${c.status} ${c.clientId}`)).toEqual([
			'/Owners 200 tapkey-token-exchange',
			'/Owners 200 tapkey-token-exchange',
		]);
	});

	it('exchanges once, not once per item, when five items start together with no token stored', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current));
		const items = await executeNode(store, { type: 'tapkey', credential, input: [{}, {}, {}, {}, {}], parameters: listOwners });
		expect(items).toHaveLength(5 * tapkeyData(sandbox.current).owners.length);
		expect(exchanges(sandbox.current)).toHaveLength(1);
	});

	it('asks for the scopes of the credential with the documented parameters', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current), { scope: 'read:owneraccounts' });
		await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		expect(exchanges(sandbox.current)).toEqual([expect.objectContaining({ scope: 'read:owneraccounts', status: 200 })]);
		// read:core:entities was not asked for, so bound locks are out of reach of this token.
		const owner = tapkeyData(sandbox.current).owners[0];
		await expect(
			executeNode(store, {
				type: 'tapkey',
				credential,
				parameters: { authentication: 'tokenExchange', resource: 'boundLock', operation: 'getMany', ownerId: { __rl: true, mode: 'id', value: owner.id }, returnAll: true },
			}),
		).rejects.toMatchObject({ httpCode: '403' });
	});

	it('exchanges the JWT again when the Tapkey token expires: one exchange for three items', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current));
		await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		const first = store.data(credential.id).accessToken;

		sandbox.current.oauth.tapkey.expireAll('access');
		const items = await executeNode(store, { type: 'tapkey', credential, input: [{}, {}, {}], parameters: listOwners });
		expect(items).toHaveLength(3 * tapkeyData(sandbox.current).owners.length);
		expect(exchanges(sandbox.current).map((c) => c.status)).toEqual([200, 200]);
		expect(store.data(credential.id).accessToken).not.toBe(first);
	});

	it('works with an HS256 identity provider too', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current, 'alice', { alg: 'HS256' }), { alg: 'HS256' });
		const items = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		expect(items).toHaveLength(tapkeyData(sandbox.current).owners.length);
		expect(exchanges(sandbox.current)).toEqual([expect.objectContaining({ clientId: 'tapkey-token-exchange-hs256', status: 200 })]);
	});

	it('names the credential and the bad signature when the JWT was not signed by the identity provider', async () => {
		const store = new CredentialStore();
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const client = sandbox.current.tokenExchange.clients.RS256.clientId;
		const forged = signJwt(
			{ iss: 'https://idp.sandbox.invalid', aud: 'tapkey_api', sub: 'alice', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600, 'http://tapkey.net/oauth/token_exchange/client_id': client },
			{ alg: 'RS256', privateKey },
		);
		recordSecret(forged);
		const credential = tokenExchangeCredential(store, sandbox.current, forged);

		const error = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners }).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: 'The Tapkey credential "Tapkey TE RS256" could not get an access token',
			description: expect.stringMatching(/did not accept the external token: invalid_grant \(the subject token signature is invalid\).*External Token \(JWT\)/),
		});
		expect(exchanges(sandbox.current)).toEqual([expect.objectContaining({ status: 400, error: expect.stringContaining('signature is invalid') })]);
		expect(apiCalls(sandbox.current, 'tapkey')).toEqual([]);
		expect(visibleText(error)).not.toContain(forged);
	});

	it('refuses an expired JWT before sending anything, saying when it expired', async () => {
		const store = new CredentialStore();
		const expired = jwt(sandbox.current, 'alice', { expiresInSeconds: -60 });
		const credential = tokenExchangeCredential(store, sandbox.current, expired);

		const error = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners }).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: 'The Tapkey credential "Tapkey TE RS256" could not get an access token',
			description: expect.stringMatching(/the external token expired at \d{4}-\d\d-\d\dT.*paste it into "External Token \(JWT\)"/),
		});
		expect(sandbox.current.requests.filter((r) => r.provider === 'tapkey')).toEqual([]);
		expect(visibleText(error)).not.toContain(expired);
	});

	it('after a 401, a JWT that has expired since the last exchange gives the same clear error, not a retry loop', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current));
		await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		// Time passes: the external token expired, and so did the Tapkey token.
		store.update(credential.id, { subjectToken: jwt(sandbox.current, 'alice', { expiresInSeconds: -1 }) });
		sandbox.current.oauth.tapkey.expireAll('access');

		const error = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners }).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: 'The Tapkey credential "Tapkey TE RS256" could not get an access token',
			description: expect.stringContaining('the external token expired at'),
		});
		expect(exchanges(sandbox.current)).toHaveLength(1);
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => c.status)).toEqual([200, 401, 401]);
	});

	it('after a 401, a JWT Tapkey refuses gives an error naming the credential (the exchange n8n re-ran failed)', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current));
		await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		// Signed by another identity provider: only Tapkey can tell (by the signature).
		const otherProvider = jwt(sandbox.current, 'alice', { alg: 'HS256', clientId: sandbox.current.tokenExchange.clients.RS256.clientId });
		store.update(credential.id, { subjectToken: otherProvider });
		sandbox.current.oauth.tapkey.expireAll('access');

		const error = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners }).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: 'The Tapkey credential "Tapkey TE RS256" could not get an access token',
			description: expect.stringContaining('did not accept the external token: invalid_grant (the subject token must be signed with RS256)'),
		});
		expect(exchanges(sandbox.current).map((c) => c.status)).toEqual([200, 400]);
		expect(visibleText(error)).not.toContain(otherProvider);
	});

	it('explains a token issued for another OAuth client before sending it', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current, 'alice', { clientId: 'someone-else' }));
		await expect(executeNode(store, { type: 'tapkey', credential, parameters: listOwners })).rejects.toMatchObject({
			description: expect.stringContaining('was issued for the OAuth client "someone-else"'),
		});
		expect(sandbox.current.requests.filter((r) => r.provider === 'tapkey')).toEqual([]);
	});

	it('passes the Test button with a valid JWT and fails it with a clear message otherwise', async () => {
		const store = new CredentialStore();
		const good = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current));
		await expect(testCredential(store, good)).resolves.toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(exchanges(sandbox.current)).toHaveLength(1);
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => `${c.method} ${c.path} ${c.query}`)).toEqual(['GET /Owners %24top=1']);

		const expired = jwt(sandbox.current, 'alice', { expiresInSeconds: -5 });
		const bad = tokenExchangeCredential(store, sandbox.current, expired);
		const result = await testCredential(store, bad);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Token exchange refused: the external token expired at/);
		expect(result.message).not.toContain(expired);
	});

	it('feeds the searchable owner list and the trigger', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current));
		const owners = tapkeyData(sandbox.current).owners;
		const page = await searchList(store, { type: 'tapkey', credential, parameters: { authentication: 'tokenExchange' } }, 'searchOwners');
		expect(page.results.map((r) => r.value)).toEqual(owners.map((o) => o.id));

		const staticData: IDataObject = {};
		const run = {
			type: 'tapkeyTrigger',
			credential,
			parameters: { authentication: 'tokenExchange', ownerId: { __rl: true, mode: 'id', value: owners[0].id }, event: 'unlock' },
			staticData,
		};
		expect(await pollTrigger(store, run)).toBeNull();
		expect(staticData.since).toEqual(expect.any(String));
		expect(exchanges(sandbox.current)).toHaveLength(1);
	});

	it('a user of the identity provider who administers no locking system sees no owners, without the service-account advice', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current, 'mallory'));
		const items = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		expect(items).toEqual([]);
	});

	it('a 401 for another reason than the token: one probe accepts the token, and the provider\'s own message is the answer', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current));
		const owner = tapkeyData(sandbox.current).owners[0];
		await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		sandbox.current.faults.push({
			provider: 'tapkey',
			kind: 'status',
			status: 401,
			path: '/BoundLocks',
			count: -1,
			body: { ErrorCode: 'NotPermitted', Message: 'This user may not list the locks of this owner' },
		});
		const listLocks = {
			type: 'tapkey',
			credential,
			input: [{}, {}, {}],
			parameters: { authentication: 'tokenExchange', resource: 'boundLock', operation: 'getMany', ownerId: { __rl: true, mode: 'id', value: owner.id }, returnAll: true },
		};
		for (let run = 0; run < 2; run++) {
			const error = await executeNode(store, listLocks).catch((e: unknown) => e);
			expect(error).toMatchObject({ message: 'Tapkey could not list bound locks: This user may not list the locks of this owner (NotPermitted)' });
			expect(String((error as { description?: unknown }).description)).not.toMatch(/could not be renewed|try again later/i);
		}
		expect(exchanges(sandbox.current)).toHaveLength(1);
		// The probe: once, for the three items of the first run; the second run knows the token is good.
		expect(apiCalls(sandbox.current, 'tapkey').filter((c) => c.path === '/Owners')).toHaveLength(2);
	});

	it('keeps the OAuth2 credential for workflows saved without the Authentication parameter', async () => {
		const store = new CredentialStore();
		const credential = tokenExchangeCredential(store, sandbox.current, jwt(sandbox.current));
		const { authentication: _omitted, ...withoutAuthentication } = listOwners;
		// The node asks for the OAuth2 credential, which this node does not carry.
		await expect(executeNode(store, { type: 'tapkey', credential, parameters: withoutAuthentication })).rejects.toThrow(
			/tapkeyOAuth2Api/,
		);
		expect(sandbox.current.requests).toEqual([]);
	});
});
