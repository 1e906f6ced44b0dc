/**
 * Which failures of a token renewal are remembered as refusals, and for how long, through n8n-core's
 * real OAuth2 helpers and the credential's own token exchange against the sandbox: a passing failure
 * is never remembered, a refusal ends when the credential is corrected or (for the client or an
 * exchange) after a short time, and a refresh token another process spent first is not "reconnect".
 */
import type { IDataObject } from 'n8n-workflow';

import { CLIENT_REFUSAL_MEMORY_MS } from '../../../nodes/shared/limits';
import type { Fault, Sandbox } from '../../../sandbox';
import { TOKEN_EXCHANGE_GRANT } from '../../../sandbox/tokenExchange';
import { recordSecret } from '../../helpers/audit';
import { CredentialStore, executeNode } from '../../helpers/n8n';
import { tokenCalls, useSandbox } from '../../helpers/sandbox';
import { connectedUser, getLocksRun, tapkeyData } from './fixtures';

const sandbox = useSandbox();
const inject = (...faults: Fault[]) => sandbox.current.faults.push(...faults);
const refreshes = () => tokenCalls(sandbox.current, 'tapkey').filter((r) => r.grantType === 'refresh_token');
const exchanges = () => tokenCalls(sandbox.current, 'tapkey').filter((r) => r.grantType === TOKEN_EXCHANGE_GRANT);
/** Every token request, those a fault answered too (the sandbox logs no grant type for them). */
const tokenRequests = () => tokenCalls(sandbox.current, 'tapkey');

const TE_TYPE = 'tapkeyTokenExchangeApi';
const listOwners = { authentication: 'tokenExchange', resource: 'owner', operation: 'getMany', returnAll: true };

function exchangeCredential(store: CredentialStore, sb: Sandbox, extra: IDataObject = {}) {
	const subjectToken = sb.tokenExchange.subjectToken({ sub: 'alice' });
	recordSecret(subjectToken);
	const data = {
		environment: 'custom',
		customAccessTokenUrl: sb.urls.tapkey.accessTokenUrl,
		customBaseUrl: sb.urls.tapkey.baseUrl,
		clientId: sb.tokenExchange.clients.RS256.clientId,
		identityProvider: sb.tokenExchange.providers.RS256.id,
		subjectToken,
		...extra,
	};
	return { type: TE_TYPE, ...store.add(TE_TYPE, data, 'Tapkey TE') };
}

/** Runs `body` as if `ms` had passed since now (Date.now only: nothing waits for it). */
async function later<T>(ms: number, body: () => Promise<T>): Promise<T> {
	const realNow = Date.now.bind(Date);
	const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
	try {
		return await body();
	} finally {
		spy.mockRestore();
	}
}

describe('a passing failure of the token exchange is not a refusal (issue 23, item 3)', () => {
	it('one 503 from the token endpoint: the run exchanges again and succeeds', async () => {
		const store = new CredentialStore();
		const credential = exchangeCredential(store, sandbox.current);
		inject({ provider: 'tapkey', target: 'token', kind: 'status', status: 503, count: 1 });
		const items = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		expect(items).toHaveLength(tapkeyData(sandbox.current).owners.length);
		expect(tokenRequests().map((c) => c.status)).toEqual([503, 200]);
	});

	it('one dropped connection, then temporarily_unavailable: the run exchanges again and succeeds', async () => {
		const store = new CredentialStore();
		const credential = exchangeCredential(store, sandbox.current);
		inject(
			{ provider: 'tapkey', target: 'token', kind: 'drop', count: 1 },
			{ provider: 'tapkey', target: 'token', kind: 'status', status: 400, body: { error: 'temporarily_unavailable' }, count: 1 },
		);
		const items = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		expect(items).toHaveLength(tapkeyData(sandbox.current).owners.length);
		expect(tokenRequests().map((c) => c.status)).toEqual([expect.any(Number), 400, 200]);
	});

	it('a token endpoint down for a whole run fails that run only: the next run exchanges and succeeds', async () => {
		const store = new CredentialStore();
		const credential = exchangeCredential(store, sandbox.current);
		inject({ provider: 'tapkey', target: 'token', kind: 'status', status: 503, count: 3 });
		const error = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners }).catch((e: unknown) => e);
		expect((error as Error).message).toMatch(/the access token could not be renewed/);
		expect(tokenRequests()).toHaveLength(3);

		const items = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		expect(items).toHaveLength(tapkeyData(sandbox.current).owners.length);
		expect(tokenRequests().map((c) => c.status)).toEqual([503, 503, 503, 200]);
	});
});

describe('a remembered refusal does not outlive the fix (issue 23, item 4)', () => {
	it('a wrong client secret, corrected: the next run refreshes (n8n kept the tokens)', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		const rightSecret = store.data(credential.id).clientSecret;
		store.update(credential.id, { clientSecret: 'sbx-wrong-secret-0000000000' });
		sandbox.current.oauth.tapkey.expireAll('access');
		await expect(executeNode(store, getLocksRun(sandbox.current, credential, 1))).rejects.toThrow(/rejected the credential's client/);
		// Still wrong: remembered, nothing is asked again.
		await expect(executeNode(store, getLocksRun(sandbox.current, credential, 1))).rejects.toThrow(/rejected the credential's client/);
		expect(refreshes().map((r) => r.status)).toEqual([401]);

		store.update(credential.id, { clientSecret: rightSecret });
		expect(await executeNode(store, getLocksRun(sandbox.current, credential, 1))).toHaveLength(1);
		expect(refreshes().map((r) => r.status)).toEqual([401, 200]);
	});

	it('a wrong Identity Provider ID, corrected: the next run exchanges', async () => {
		const store = new CredentialStore();
		const credential = exchangeCredential(store, sandbox.current, { identityProvider: 'no-such-idp' });
		await expect(executeNode(store, { type: 'tapkey', credential, parameters: listOwners })).rejects.toMatchObject({
			description: expect.stringContaining('Check the Identity Provider ID'),
		});
		store.update(credential.id, { identityProvider: sandbox.current.tokenExchange.providers.RS256.id });
		const items = await executeNode(store, { type: 'tapkey', credential, parameters: listOwners });
		expect(items).toHaveLength(tapkeyData(sandbox.current).owners.length);
		expect(exchanges().map((c) => c.status)).toEqual([400, 200]);
	});

	it("a client's grant re-enabled at the provider: refused at once for a short time, then asked again", async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('access');
		inject({ provider: 'tapkey', target: 'token', kind: 'status', status: 400, body: { error: 'unauthorized_client' }, count: 1 });
		await expect(executeNode(store, getLocksRun(sandbox.current, credential, 1))).rejects.toThrow(/rejected the credential's client/);
		await expect(executeNode(store, getLocksRun(sandbox.current, credential, 1))).rejects.toThrow(/rejected the credential's client/);
		expect(tokenRequests().filter((r) => r.grantType !== 'authorization_code')).toHaveLength(1);

		const items = await later(CLIENT_REFUSAL_MEMORY_MS + 1000, async () => await executeNode(store, getLocksRun(sandbox.current, credential, 1)));
		expect(items).toHaveLength(1);
		expect(tokenRequests().filter((r) => r.grantType !== 'authorization_code').map((r) => r.status)).toEqual([400, 200]);
	});

	it('an exchange refusal lifted at the provider: asked again after a short time', async () => {
		const store = new CredentialStore();
		const credential = exchangeCredential(store, sandbox.current);
		inject({ provider: 'tapkey', target: 'token', kind: 'status', status: 401, body: { error: 'invalid_client' }, count: 1 });
		await expect(executeNode(store, { type: 'tapkey', credential, parameters: listOwners })).rejects.toThrow(/could not get an access token/);
		await expect(executeNode(store, { type: 'tapkey', credential, parameters: listOwners })).rejects.toThrow(/could not get an access token/);
		expect(tokenRequests()).toHaveLength(1);

		const items = await later(CLIENT_REFUSAL_MEMORY_MS + 1000, async () => await executeNode(store, { type: 'tapkey', credential, parameters: listOwners }));
		expect(items).toHaveLength(tapkeyData(sandbox.current).owners.length);
		expect(tokenRequests().map((c) => c.status)).toEqual([401, 200]);
	});
});

describe('a refresh token another process spent first (issue 23, item 7)', () => {
	it('waits for the token that process stores instead of asking to reconnect', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.replayRevokesChain = false;
		sandbox.current.oauth.tapkey.expireAll('access');
		const stored = store.data(credential.id);
		// The other process spends the single-use refresh token first...
		const answer = await fetch(sandbox.current.urls.tapkey.accessTokenUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: String((stored.oauthTokenData as IDataObject).refresh_token),
				client_id: String(stored.clientId),
				client_secret: String(stored.clientSecret),
			}).toString(),
		});
		expect(answer.status).toBe(200);
		const renewed = (await answer.json()) as IDataObject;
		// ...and saves its new token only after this process's refresh was refused.
		const saver = setInterval(() => {
			if (refreshes().some((r) => r.status === 400)) {
				clearInterval(saver);
				setTimeout(() => store.update(credential.id, { oauthTokenData: renewed }), 500);
			}
		}, 20);
		try {
			expect(await executeNode(store, getLocksRun(sandbox.current, credential, 3))).toHaveLength(3);
		} finally {
			clearInterval(saver);
		}
		expect(refreshes().map((r) => r.status)).toEqual([200, 400]);
		expect(store.data(credential.id).oauthTokenData).toEqual(renewed);
	});
});
