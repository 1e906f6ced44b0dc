/**
 * A hostile or broken provider, through n8n-core's real helpers: redirects to other origins,
 * echoed tokens, hung or flaky token endpoints, repeated pages, permission 401s, cancellation.
 * The sandbox's request log is the evidence.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../../../sandbox';
import { CredentialStore, executeNode, pollTrigger, searchList } from '../../helpers/n8n';
import { apiCalls, sandboxCredential, tokenCalls, useSandbox } from '../../helpers/sandbox';
import { RENEWAL_WAIT_MS } from '../../../nodes/shared/limits';
import { connectedUser, rl, serviceAccount, tapkeyData, TYPE } from './fixtures';

const sandbox = useSandbox({ tapkey: { locksPerOwner: [2500, 12, 0] } });

type Credential = { type: string; id: string; name: string };
const inject = (...faults: Fault[]) => sandbox.current.faults.push(...faults);
const refreshes = () => tokenCalls(sandbox.current, 'tapkey').filter((r) => r.grantType === 'refresh_token');
const elsewhere = () => sandbox.current.requests.filter((r) => r.kind === 'elsewhere');
const owner = (n: number) => String(tapkeyData(sandbox.current).owners[n].id);
const grantsOf = (n: number) => (tapkeyData(sandbox.current).grants[owner(n)] ?? []).length;

const listLocks = (credential: Credential, extra: IDataObject = {}) => ({
	type: 'tapkey',
	credential,
	parameters: { resource: 'boundLock', operation: 'getMany', ownerId: rl(owner(0)), returnAll: true, ...extra },
});

const getLocks = (credential: Credential, count: number, requestOptions: IDataObject = {}) => {
	const locks = tapkeyData(sandbox.current).boundLocks[owner(1)];
	return {
		type: 'tapkey',
		credential,
		input: Array.from({ length: count }, (_, n) => ({ lockId: locks[n % locks.length].id })) as IDataObject[],
		parameters: {
			resource: 'boundLock',
			operation: 'get',
			ownerId: rl(owner(1)),
			boundLockId: rl('={{ $json.lockId }}'),
			requestOptions,
		},
	};
};

const createGrant = (credential: Credential) => ({
	type: 'tapkey',
	credential,
	parameters: {
		resource: 'grant',
		operation: 'create',
		ownerId: rl(owner(1)),
		boundLockId: rl(String(tapkeyData(sandbox.current).boundLocks[owner(1)][0].id)),
		email: 'gus@example.com',
		validFrom: '2026-12-01T00:00:00Z',
	},
});

const accessToken = (store: CredentialStore, credential: Credential) =>
	String((store.data(credential.id).oauthTokenData as IDataObject).access_token);

/** Everything a user could see of an error, as one text. */
const shown = (error: unknown) => {
	const { message, description } = error as { message?: string; description?: string };
	return `${message}\n${description}\n${JSON.stringify(error)}`;
};

describe('credentials never leave the API origin', () => {
	it('refuses a redirect to another origin and sends nothing there', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'redirect', status: 302, count: 1 });
		await expect(executeNode(store, listLocks(credential))).rejects.toMatchObject({
			message: expect.stringMatching(/^Tapkey redirected the request to another site \(http:\/\/localhost:\d+\); it was not followed$/),
			description: expect.stringContaining(`only ever sent to ${new URL(sandbox.current.url).origin}`),
		});
		expect(elsewhere()).toEqual([]);
	});

	it('never re-sends a write body to another origin on a 307', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'redirect', status: 307, method: 'PUT', count: 1 });
		await expect(executeNode(store, createGrant(credential))).rejects.toThrow(/redirected the request to another site/);
		expect(elsewhere()).toEqual([]);
		expect(apiCalls(sandbox.current, 'tapkey').filter((c) => c.method === 'PUT')).toHaveLength(1);
	});

	it('follows a redirect within the API origin', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'redirect', status: 301, sameOrigin: true, count: 1 });
		const items = await executeNode(store, listLocks(credential, { returnAll: false, limit: 5 }));
		expect(items).toHaveLength(5);
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => c.fault ?? c.status)).toEqual(['redirect', 200]);
	});

	it.each([301, 302, 303])('never sends a write again as a GET after a same-origin %s: the error says it may have been applied', async (status) => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'redirect', status, sameOrigin: true, method: 'PUT', count: 1 });
		const error = await executeNode(store, createGrant(credential)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect(shown(error)).toContain(`Tapkey could not create the grant: it answered HTTP ${status}, a redirect that would turn the request into a GET`);
		expect(shown(error)).toContain('may or may not have been applied');
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => c.method)).toEqual(['PUT']);
	});

	it.each([307, 308])('follows a same-origin %s for a write with its method and body: one grant', async (status) => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'redirect', status, sameOrigin: true, method: 'PUT', count: 1 });
		const items = await executeNode(store, createGrant(credential));
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: expect.anything() });
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => `${c.method} ${c.fault ?? c.status}`)).toEqual(['PUT redirect', 'PUT 200']);
	});

	it.each([
		['a 300 with no Location', { status: 300 }],
		['a 304', { status: 304 }],
		['a 302 whose Location is not a URL', { status: 302 }],
	])('never takes %s as an answer: a write says it may have been applied', async (_name, answer) => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await executeNode(store, listLocks(credential, { returnAll: false, limit: 1 }));
		const fault: Fault =
			answer.status === 302
				? { provider: 'tapkey', kind: 'status', status: 302, method: 'PUT', count: 1, headers: { Location: 'http://[::1' } }
				: { provider: 'tapkey', kind: 'status', status: answer.status, method: 'PUT', count: 1 };
		inject(fault);
		const error = await executeNode(store, createGrant(credential)).catch((e: unknown) => e);
		expect(shown(error)).toContain(`Tapkey could not create the grant: it answered HTTP ${answer.status} with no redirect that can be followed`);
		expect(shown(error)).toContain('may or may not have been applied');
		expect(apiCalls(sandbox.current, 'tapkey').filter((c) => c.method === 'PUT')).toHaveLength(1);
	});
});

describe('secrets in errors', () => {
	it('redacts a token fetched during the call when the API echoes it', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'echoToken', status: 400, count: 1 });
		const error = await executeNode(store, listLocks(credential)).catch((e: unknown) => e);
		const token = accessToken(store, credential);
		expect(token.length).toBeGreaterThan(8);
		expect(shown(error)).toContain('Token [redacted] may not be used');
		expect(shown(error)).not.toContain(token);
	});

	it('redacts before cutting a long message, so no prefix of a token survives', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		const token = accessToken(store, credential);
		inject({
			provider: 'tapkey',
			kind: 'status',
			status: 400,
			count: 1,
			body: { ErrorCode: 'BadRequest', Message: `${'x'.repeat(490)}${token}` },
		});
		const error = await executeNode(store, listLocks(credential)).catch((e: unknown) => e);
		expect(shown(error)).toContain('xxxx');
		expect(shown(error)).not.toContain(token.slice(0, 8));
	});

	it("never shows a custom URL's user and password", async () => {
		const store = new CredentialStore();
		const data = sandboxCredential(sandbox.current, 'tapkey', 'tapkey-service', 'clientCredentials', {
			customBaseUrl: 'http://admin:pa55word-XYZ@127.0.0.1:9/api/v1',
		});
		const credential = { type: TYPE, ...store.add(TYPE, data) };
		const error = await executeNode(store, listLocks(credential)).catch((e: unknown) => e);
		expect(shown(error)).toMatch(/reachable at http:\/\/127\.0\.0\.1:9\/api\/v1/);
		expect(shown(error)).not.toContain('pa55word');
	});
});

describe('token endpoint trouble', () => {
	it('a token endpoint that does not answer: requests give up after a fixed wait, no second refresh starts, and its late token is used', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('access');
		inject({ provider: 'tapkey', target: 'token', kind: 'latency', latencyMs: RENEWAL_WAIT_MS + 3000, count: 1 });
		const started = Date.now();
		// A short request Timeout does not shorten the wait for the token: it is not a request's.
		await expect(executeNode(store, getLocks(credential, 4, { timeout: 300 }))).rejects.toMatchObject({
			message: `Tapkey could not get the bound lock: its token endpoint did not answer within ${RENEWAL_WAIT_MS / 1000} seconds`,
			description: expect.stringContaining('"Tapkey tapkey-web"'),
		});
		expect(Date.now() - started).toBeLessThan(RENEWAL_WAIT_MS + 2500);
		// The renewal is still under way: a run now waits for it instead of spending the refresh token again.
		const items = await executeNode(store, getLocks(credential, 4));
		expect(items).toHaveLength(4);
		expect(refreshes().map((r) => r.status)).toEqual([200]);
	}, 60_000);

	it('a slow token endpoint and a short request Timeout: one refresh, every run succeeds', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('access');
		sandbox.current.oauth.tapkey.replayRevokesChain = true;
		inject({ provider: 'tapkey', target: 'token', kind: 'latency', latencyMs: 2500, count: 1 });
		const [fast, patient] = await Promise.all([
			executeNode(store, getLocks(credential, 2, { timeout: 400 })),
			executeNode(store, getLocks(credential, 2)),
		]);
		expect([fast.length, patient.length]).toEqual([2, 2]);
		expect(refreshes().map((r) => r.status)).toEqual([200]);
	}, 30_000);

	it('a write sent with the first token while the token endpoint takes longer than the wait for a token: it completes, one grant', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const before = grantsOf(1);
		inject({ provider: 'tapkey', target: 'token', kind: 'latency', latencyMs: RENEWAL_WAIT_MS + 1500, count: 1 });
		const items = await executeNode(store, createGrant(credential));
		expect(items).toHaveLength(1);
		expect(grantsOf(1)).toBe(before + 1);
		expect(tokenCalls(sandbox.current, 'tapkey')).toHaveLength(1);
	}, 60_000);

	it('a write sent with the first token that takes longer than the wait for a token but less than its Timeout: it completes', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'latency', method: 'PUT', latencyMs: RENEWAL_WAIT_MS + 1500, count: 1 });
		const items = await executeNode(store, createGrant(credential));
		expect(items).toHaveLength(1);
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => `${c.method} ${c.status}`)).toEqual(['PUT 200']);
	}, 60_000);

	it('a write sent with the first token that gets no answer within the wait and its Timeout: its outcome is unknown, never "not applied"', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const before = grantsOf(1);
		inject({ provider: 'tapkey', target: 'token', kind: 'latency', latencyMs: RENEWAL_WAIT_MS + 3000, count: 1 });
		const run = createGrant(credential);
		const error = await executeNode(store, { ...run, parameters: { ...run.parameters, requestOptions: { timeout: 1000 } } }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect(shown(error)).toContain('Tapkey could not create the grant: no answer within');
		expect(shown(error)).toContain('may or may not have been applied');
		expect(shown(error)).not.toContain('not applied');
		// n8n's request goes on: the token comes, and the write with it. That is why the outcome was unknown.
		for (let wait = 0; wait < 60 && grantsOf(1) === before; wait++) await new Promise((resolve) => setTimeout(resolve, 250));
		expect(grantsOf(1)).toBe(before + 1);
	}, 60_000);

	it('a renewal that cannot run (this n8n offers no refreshOAuth2Token helper) says so, once, and not "try again later"', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('access');
		const error = await executeNode(store, { ...getLocks(credential, 3), withoutHelpers: ['refreshOAuth2Token'] }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect(shown(error)).toContain('Tapkey could not get the bound lock: the access token could not be renewed because of an error in n8n or in this node');
		expect(shown(error)).toContain('no refreshOAuth2Token helper');
		expect(shown(error)).not.toMatch(/try again later/i);
		expect(refreshes()).toEqual([]);
	});

	it.each([
		['a 503', { kind: 'status', status: 503 } as const],
		['a dropped connection', { kind: 'drop' } as const],
	])('10 parallel items all succeed when the token endpoint fails once with %s', async (_name, fault) => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('access');
		inject({ provider: 'tapkey', target: 'token', count: 1, ...fault });
		const items = await executeNode(store, getLocks(credential, 10));
		expect(items).toHaveLength(10);
		expect(tokenCalls(sandbox.current, 'tapkey').map((r) => r.fault ?? r.status)).toEqual([200, fault.kind, 200]);
	});

	it('a write whose token could not be renewed says it was not applied', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('access');
		inject({ provider: 'tapkey', target: 'token', kind: 'status', status: 503, count: -1 });
		const error = await executeNode(store, createGrant(credential)).catch((e: unknown) => e);
		expect(shown(error)).toContain('The change was not applied');
		expect(shown(error)).not.toContain('may or may not');
		// A token endpoint that keeps failing is not a credential to reconnect.
		expect(shown(error)).toContain('try again later');
		expect(shown(error)).not.toMatch(/reconnect/i);
		expect(apiCalls(sandbox.current, 'tapkey').filter((c) => c.method === 'PUT').map((c) => c.status)).toEqual([401]);
		expect(refreshes().length).toBeLessThanOrEqual(3);
	});

	it('a 401 that is about permissions refreshes once, then shows the provider message', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await executeNode(store, listLocks(credential, { returnAll: false, limit: 1 }));
		inject({
			provider: 'tapkey',
			kind: 'status',
			status: 401,
			path: '/BoundLocks/',
			count: -1,
			body: { ErrorCode: 'NotPermitted', Message: 'This service account may not read single locks' },
		});
		for (let run = 0; run < 3; run++) {
			await expect(executeNode(store, getLocks(credential, 3))).rejects.toThrow(
				'Tapkey could not get the bound lock: This service account may not read single locks (NotPermitted)',
			);
		}
		expect(tokenCalls(sandbox.current, 'tapkey').map((r) => r.grantType)).toEqual(['client_credentials', 'client_credentials']);
	});
});

describe('paging that never ends', () => {
	it('stops with a clear error when the provider ignores the page parameter', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'ignorePaging', count: -1 });
		await expect(executeNode(store, listLocks(credential))).rejects.toMatchObject({
			message: 'Tapkey could not list bound locks: page 2 repeated records already received',
			description: expect.stringContaining('1000 records were received'),
		});
		expect(apiCalls(sandbox.current, 'tapkey')).toHaveLength(2);
	});

	it('goes on past a page-size cap the provider does not announce: every record once', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await executeNode(store, listLocks(credential, { returnAll: false, limit: 1 }));
		inject({ provider: 'tapkey', kind: 'capPage', pageCap: 500, count: -1 });
		const items = await executeNode(store, listLocks(credential));
		const all = tapkeyData(sandbox.current).boundLocks[owner(0)];
		expect(items.map((item) => item.json.id)).toEqual(all.map((lock) => lock.id));
		// 2,500 locks in pages of 500, and the empty page that shows the end.
		expect(apiCalls(sandbox.current, 'tapkey').slice(1).map((c) => new URLSearchParams(c.query).get('$skip'))).toEqual([
			'0',
			'500',
			'1000',
			'1500',
			'2000',
			'2500',
		]);
	});
});

describe('rate limits', () => {
	it('a 429 pauses every request of the credential, not only the one that got it', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await executeNode(store, listLocks(credential, { returnAll: false, limit: 1 }));
		inject({ provider: 'tapkey', kind: 'status', status: 429, retryAfter: '1', count: 1 });
		const limited = executeNode(store, listLocks(credential, { returnAll: false, limit: 5 }));
		await new Promise((resolve) => setTimeout(resolve, 150));
		const others = executeNode(store, getLocks(credential, 4));
		expect((await Promise.all([limited, others])).map((items) => items.length)).toEqual([5, 4]);
		const calls = apiCalls(sandbox.current, 'tapkey');
		const limitedAt = calls.find((c) => c.status === 429)!.at;
		const during = calls.filter((c) => c.at > limitedAt && c.at < limitedAt + 900);
		expect(during).toEqual([]);
	});

	it.each(['', ' ', '5,5', '-5'])('a Retry-After of %j is no "at once": the back-off applies', async (retryAfter) => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await executeNode(store, listLocks(credential, { returnAll: false, limit: 1 }));
		inject({ provider: 'tapkey', kind: 'status', status: 429, retryAfter, count: 2 });
		await executeNode(store, listLocks(credential, { returnAll: false, limit: 5 }));
		const limited = apiCalls(sandbox.current, 'tapkey').slice(1);
		expect(limited.map((c) => c.status)).toEqual([429, 429, 200]);
		// Back-off of 0.25 s, then 0.5 s: not three requests within milliseconds.
		expect(limited[2].startedAt! - limited[0].at).toBeGreaterThanOrEqual(700);
	});
});

describe('waits end with the execution', () => {
	it('a Retry-After wait ends when the execution is cancelled', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'status', status: 429, retryAfter: '30', count: 1 });
		const cancel = new AbortController();
		const started = Date.now();
		const run = executeNode(store, { ...listLocks(credential), abortSignal: cancel.signal });
		setTimeout(() => cancel.abort(), 300);
		await expect(run).rejects.toBeDefined();
		expect(Date.now() - started).toBeLessThan(3000);
		expect(apiCalls(sandbox.current, 'tapkey')).toHaveLength(1);
	});
});

describe('a credential nobody connected', () => {
	it('says to open it and click Connect: in execution, list search and trigger', async () => {
		const store = new CredentialStore();
		const data = sandboxCredential(sandbox.current, 'tapkey', 'tapkey-web', 'authorizationCode');
		const credential = { type: TYPE, ...store.add(TYPE, data, 'My Tapkey') };
		const expected = {
			message: 'The Tapkey credential "My Tapkey" is not connected yet',
			description: expect.stringContaining('click "Connect my account"'),
		};
		await expect(executeNode(store, listLocks(credential))).rejects.toMatchObject(expected);
		await expect(
			searchList(store, { type: 'tapkey', credential, parameters: { resource: 'owner', operation: 'get' } }, 'searchOwners'),
		).rejects.toMatchObject(expected);
		await expect(
			pollTrigger(store, { type: 'tapkeyTrigger', credential, parameters: { ownerId: rl(owner(0)) }, staticData: {} }),
		).rejects.toMatchObject(expected);
		expect(sandbox.current.requests.filter((r) => r.provider === 'tapkey')).toEqual([]);
	});
});
