import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../../../sandbox';
import * as harness from '../../helpers/n8n';
import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, tokenCalls, useSandbox } from '../../helpers/sandbox';
import { connectedUser, getLocksRun as getBoundLocksRun, rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox({ tapkey: { locksPerOwner: [2500, 12, 0] } });
const afterAllStops: Array<() => void> = [];
afterAll(() => afterAllStops.forEach((stop) => stop()));

const refreshes = () => tokenCalls(sandbox.current, 'tapkey').filter((r) => r.grantType === 'refresh_token');
const inject = (...faults: Fault[]) => sandbox.current.faults.push(...faults);

const getLocksRun = (credential: { type: string; id: string; name: string }, count: number) =>
	getBoundLocksRun(sandbox.current, credential, count);

describe('token lifecycle under concurrency', () => {
	it('refreshes once when 10 items of one execution hit an expired token', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('access');
		const items = await executeNode(store, getLocksRun(credential, 10));
		expect(items).toHaveLength(10);
		expect(refreshes().map((r) => r.status)).toEqual([200]);
		// The rotated refresh token was stored and the credential keeps working.
		sandbox.current.oauth.tapkey.expireAll('access');
		await executeNode(store, getLocksRun(credential, 2));
		expect(refreshes().map((r) => r.status)).toEqual([200, 200]);
	});

	it('refreshes once when 10 executions hit an expired single-use refresh token at once', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('access');
		const runs = await Promise.all(Array.from({ length: 10 }, () => executeNode(store, getLocksRun(credential, 3))));
		expect(runs.map((items) => items.length)).toEqual(Array(10).fill(3));
		expect(refreshes().map((r) => r.status)).toEqual([200]);
		expect(store.tokenWrites).toHaveLength(1);
	});

	it('de-duplicates the first client-credentials token fetch of 10 concurrent executions', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await Promise.all(Array.from({ length: 10 }, () => executeNode(store, getLocksRun(credential, 2))));
		expect(tokenCalls(sandbox.current, 'tapkey').map((r) => r.grantType)).toEqual(['client_credentials']);
	});

	it('two processes sharing one credential (queue mode): the loser of the refresh race re-reads and succeeds', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		// A second copy of every module, as a second n8n worker process has its own memory.
		let secondWorker!: typeof harness;
		let stopSecondWorker!: () => void;
		jest.isolateModules(() => {
			secondWorker = require('../../helpers/n8n');
			const { Container } = require('@n8n/di');
			const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
			stopSecondWorker = () => Container.get(SSHClientsManager).onShutdown();
		});
		afterAllStops.push(() => stopSecondWorker());
		// Without replay detection, as most providers: a lost race must not break anything.
		sandbox.current.oauth.tapkey.replayRevokesChain = false;
		for (let round = 0; round < 3; round++) {
			sandbox.current.oauth.tapkey.expireAll('access');
			const [first, second] = await Promise.all([
				executeNode(store, getLocksRun(credential, 5)),
				secondWorker.executeNode(store, getLocksRun(credential, 5)),
			]);
			expect([first.length, second.length]).toEqual([5, 5]);
		}
		// At most one refresh per process and per expiry, and exactly one of them wins each time.
		const outcomes = refreshes().map((r) => r.status);
		expect(outcomes.filter((s) => s === 200)).toHaveLength(3);
		expect(outcomes.length).toBeLessThanOrEqual(6);
	});
});

describe('what a refresh costs', () => {
	it('a read costs one 401, one token request and the read again', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		sandbox.current.oauth.tapkey.expireAll('access');
		await executeNode(store, getLocksRun(credential, 1));
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => `${c.method} ${c.status}`)).toEqual(['GET 401', 'GET 200']);
		expect(refreshes().map((r) => r.status)).toEqual([200]);
	});

	it('a write is never handed to n8n\'s retry: the token is renewed on its own, then the write goes once more', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		const data = tapkeyData(sandbox.current);
		const ownerId = String(data.owners[1].id);
		sandbox.current.oauth.tapkey.expireAll('access');
		await executeNode(store, {
			type: 'tapkey',
			credential,
			parameters: {
				resource: 'grant',
				operation: 'create',
				ownerId: rl(ownerId),
				boundLockId: rl(String(data.boundLocks[ownerId][0].id)),
				email: 'fay@example.com',
				validFrom: '2026-12-01T00:00:00Z',
			},
		});
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => `${c.method} ${c.path.split('/').pop()} ${c.status}`)).toEqual([
			'PUT Grants 401',
			'PUT Grants 200',
		]);
		expect(tapkeyData(sandbox.current).grants[ownerId].filter((g) => g.boundLockId === data.boundLocks[ownerId][0].id)).toHaveLength(2);
	});
});

describe('a refresh token that no longer works', () => {
	it.each([
		['expired', () => sandbox.current.oauth.tapkey.expireAll('all')],
		['revoked', () => sandbox.current.oauth.tapkey.revokeAll('all')],
	])('%s: asks to reconnect the named credential and writes nothing', async (_name, breakTokens) => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		const before = store.data(credential.id);
		breakTokens();
		await expect(executeNode(store, getLocksRun(credential, 3))).rejects.toMatchObject({
			message: 'The Tapkey credential "Tapkey tapkey-web" needs to be reconnected',
			description: expect.stringContaining('Reconnect'),
		});
		expect(refreshes()).toHaveLength(1);
		expect(store.tokenWrites).toEqual([]);
		expect(store.data(credential.id)).toEqual(before);
	});

	it('replayed (an old copy of the credential): asks to reconnect', async () => {
		const store = new CredentialStore();
		const credential = await connectedUser(store, sandbox.current);
		const stale = store.data(credential.id);
		sandbox.current.oauth.tapkey.expireAll('access');
		await executeNode(store, getLocksRun(credential, 1));
		// Restore the spent refresh token, as a backup or a second copy of the credential would.
		store.update(credential.id, stale);
		sandbox.current.oauth.tapkey.expireAll('access');
		await expect(executeNode(store, getLocksRun(credential, 1))).rejects.toThrow(/needs to be reconnected/);
		expect(refreshes().map((r) => [r.status, r.error])).toEqual([
			[200, undefined],
			[400, 'invalid_grant: refresh token already used'],
		]);
	});

	it('a wrong client secret says which part of the credential to fix', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		store.update(credential.id, { clientSecret: 'wrong-secret' });
		await expect(executeNode(store, getLocksRun(credential, 1))).rejects.toMatchObject({
			message: "Tapkey rejected the credential's client: invalid_client (client authentication failed)",
		});
		expect(apiCalls(sandbox.current, 'tapkey')).toEqual([]);
	});
});

describe('faults on the way', () => {
	const listLocks = (credential: { type: string; id: string; name: string }, extra: IDataObject = {}) => ({
		type: 'tapkey',
		credential,
		parameters: {
			resource: 'boundLock',
			operation: 'getMany',
			ownerId: rl(String(tapkeyData(sandbox.current).owners[0].id)),
			returnAll: true,
			...extra,
		},
	});
	const createGrant = (credential: { type: string; id: string; name: string }) => {
		const data = tapkeyData(sandbox.current);
		const ownerId = String(data.owners[1].id);
		return {
			type: 'tapkey',
			credential,
			parameters: {
				resource: 'grant',
				operation: 'create',
				ownerId: rl(ownerId),
				boundLockId: rl(String(data.boundLocks[ownerId][0].id)),
				email: 'erin@example.com',
				validFrom: '2026-12-01T00:00:00Z',
				requestOptions: { timeout: 400 },
			},
		};
	};
	let store: CredentialStore;
	let credential: { type: string; id: string; name: string };
	beforeEach(() => {
		store = new CredentialStore();
		credential = serviceAccount(store, sandbox.current);
	});

	it('access token revoked in the middle of paging: completes with every record exactly once', async () => {
		inject({ provider: 'tapkey', kind: 'revokeAccess', count: 1, after: 2 });
		const items = await executeNode(store, listLocks(credential));
		const expected = tapkeyData(sandbox.current).boundLocks[String(tapkeyData(sandbox.current).owners[0].id)];
		expect(items.map((i) => i.json.id)).toEqual(expected.map((l) => l.id));
		expect(tokenCalls(sandbox.current, 'tapkey').map((r) => r.grantType)).toEqual(['client_credentials', 'client_credentials']);
	});

	it('waits for Retry-After on 429 and goes on', async () => {
		inject({ provider: 'tapkey', kind: 'status', status: 429, retryAfter: '1', count: 1, after: 1 });
		const items = await executeNode(store, listLocks(credential));
		expect(items).toHaveLength(2500);
		const calls = apiCalls(sandbox.current, 'tapkey');
		expect(calls.map((c) => c.status)).toEqual([200, 429, 200, 200]);
		expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(900);
	});

	it('does not sit out a Retry-After longer than a minute: says when to try again', async () => {
		inject({ provider: 'tapkey', kind: 'status', status: 429, retryAfter: '3600', count: 1 });
		await expect(executeNode(store, listLocks(credential))).rejects.toMatchObject({
			httpCode: '429',
			description: expect.stringContaining('Too many requests'),
		});
	});

	it('retries a read 3 times after 5xx and succeeds', async () => {
		inject({ provider: 'tapkey', kind: 'status', status: 503, count: 3 });
		const items = await executeNode(store, listLocks(credential, { returnAll: false, limit: 5 }));
		expect(items).toHaveLength(5);
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => c.status)).toEqual([503, 503, 503, 200]);
	});

	it('gives up on a read after 3 retries with the provider named', async () => {
		inject({ provider: 'tapkey', kind: 'status', status: 500, count: -1 });
		await expect(executeNode(store, listLocks(credential))).rejects.toMatchObject({
			message: 'Tapkey could not list bound locks: injected fault (InjectedFault)',
			description: expect.stringContaining('Tapkey had a server error'),
		});
		expect(apiCalls(sandbox.current, 'tapkey')).toHaveLength(4);
	});

	it('retries a read after a dropped connection', async () => {
		inject({ provider: 'tapkey', kind: 'drop', count: 1 });
		const items = await executeNode(store, listLocks(credential, { returnAll: false, limit: 3 }));
		expect(items).toHaveLength(3);
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => c.fault ?? c.status)).toEqual(['drop', 200]);
	});

	it('retries a read that times out', async () => {
		inject({ provider: 'tapkey', kind: 'latency', latencyMs: 1500, count: 1 });
		const items = await executeNode(store, listLocks(credential, { returnAll: false, limit: 3, requestOptions: { timeout: 300 } }));
		expect(items).toHaveLength(3);
	});

	it.each([
		['a 500', { kind: 'status', status: 500 } as const, /injected fault/],
		['a dropped connection', { kind: 'drop' } as const, /ECONNRESET|socket hang up/],
		['a timeout', { kind: 'latency', latencyMs: 1500 } as const, /ETIMEDOUT|timeout/],
	])('never resends a write after %s, and says it may have happened', async (_name, fault, message) => {
		inject({ provider: 'tapkey', method: 'PUT', count: 1, ...fault });
		const error = await executeNode(store, createGrant(credential)).catch((e: Error) => e);
		expect(error).toMatchObject({
			message: expect.stringMatching(message),
			description: expect.stringContaining('may or may not have been applied'),
		});
		// The sandbox logs a delayed request when it answers; give a resend time to show up.
		await new Promise((resolve) => setTimeout(resolve, 1700));
		expect(apiCalls(sandbox.current, 'tapkey').filter((c) => c.method === 'PUT')).toHaveLength(1);
	});

	it.each([
		['an HTML error page', { kind: 'html', status: 502 } as const, 'Tapkey could not list bound locks: the answer was an HTML page instead of JSON'],
		['malformed JSON', { kind: 'garbage', status: 200 } as const, 'Tapkey could not list bound locks: the answer was not valid JSON'],
		['an empty body', { kind: 'empty', status: 200 } as const, 'Tapkey could not list bound locks: the answer was not a list'],
	])('turns %s into a clear error naming provider and operation', async (_name, fault, message) => {
		inject({ provider: 'tapkey', count: -1, ...fault });
		await expect(executeNode(store, listLocks(credential))).rejects.toThrow(message);
	});
});
