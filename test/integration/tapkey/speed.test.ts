/**
 * Speed without shortcuts: reads of many items run at once (Request Options → Concurrency),
 * bounded per credential; paging reads ahead without asking for a page a sequential pager would
 * not ask for. Measured through n8n-core's real helpers against the sandbox's request log.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RequestLogEntry } from '../../../sandbox';
import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, tokenCalls, useSandbox } from '../../helpers/sandbox';
import { MAX_IN_FLIGHT_PER_CREDENTIAL, MAX_IN_FLIGHT_PER_LANE_USER } from '../../../nodes/shared/limits';
import { connectedUser, rl, serviceAccount, tapkeyData } from './fixtures';

// 40 owners: two with several pages, one page-size multiple (2000: the last page is empty), the rest small.
const LOCKS_PER_OWNER = [2500, 2000, 12, 0, ...Array<number>(36).fill(3)];
const sandbox = useSandbox({ tapkey: { locksPerOwner: LOCKS_PER_OWNER } });

type Credential = { type: string; id: string; name: string };

/** The most API requests the sandbox was answering at one moment. */
function maxInFlight(calls: RequestLogEntry[]): number {
	const events = calls.flatMap((c) => [
		{ t: c.startedAt!, d: 1 },
		{ t: c.at, d: -1 },
	]);
	// Ends before starts at the same millisecond: a request answered then is no longer in flight.
	events.sort((a, b) => a.t - b.t || a.d - b.d);
	let now = 0;
	let max = 0;
	for (const e of events) max = Math.max(max, (now += e.d));
	return max;
}

const owners = () => tapkeyData(sandbox.current).owners;
const locksOf = (ownerId: unknown) => tapkeyData(sandbox.current).boundLocks[String(ownerId)];
const lockPages = () =>
	apiCalls(sandbox.current, 'tapkey')
		.filter((c) => /\/BoundLocks$/i.test(c.path))
		.map((c) => `${c.path.split('/')[2]} ${decodeURIComponent(c.query)}`);

function listLocksOfEveryOwner(credential: Credential, extra: IDataObject = {}) {
	return {
		type: 'tapkey',
		credential,
		input: owners().map((o) => ({ id: o.id })) as IDataObject[],
		parameters: {
			resource: 'boundLock',
			operation: 'getMany',
			ownerId: rl('={{ $json.id }}'),
			returnAll: true,
			...extra,
		},
	};
}

const slowApi = (latencyMs: number) =>
	sandbox.current.faults.push({ provider: 'tapkey', target: 'api', kind: 'latency', latencyMs, count: -1 });

describe('Concurrency (Request Options)', () => {
	let store: CredentialStore;
	let credential: Credential;
	beforeEach(() => {
		store = new CredentialStore();
		credential = serviceAccount(store, sandbox.current);
	});

	it('reads every owner at once by default, output in input order with pairedItem', async () => {
		slowApi(100);
		const items = await executeNode(store, listLocksOfEveryOwner(credential));
		const expected = owners().flatMap((o, index) => locksOf(o.id).map((lock) => ({ id: lock.id, index })));
		expect(items.map((i) => ({ id: i.json.id, index: (i.pairedItem as { item: number }).item }))).toEqual(expected);
		// 40 owners; one execution takes at most its share of the credential's lane.
		expect(maxInFlight(apiCalls(sandbox.current, 'tapkey'))).toBe(MAX_IN_FLIGHT_PER_LANE_USER);
	});

	it('honours a lower Concurrency', async () => {
		slowApi(80);
		const items = await executeNode(store, listLocksOfEveryOwner(credential, { requestOptions: { concurrency: 3 } }));
		expect(items).toHaveLength(LOCKS_PER_OWNER.reduce((a, b) => a + b, 0));
		expect(maxInFlight(apiCalls(sandbox.current, 'tapkey'))).toBe(3);
	});

	it('bounds requests per credential across executions of the process', async () => {
		slowApi(80);
		await Promise.all([
			executeNode(store, { ...listLocksOfEveryOwner(credential), executionId: 'first' }),
			executeNode(store, { ...listLocksOfEveryOwner(credential), executionId: 'second' }),
		]);
		expect(maxInFlight(apiCalls(sandbox.current, 'tapkey'))).toBe(MAX_IN_FLIGHT_PER_CREDENTIAL);
	});

	it('writes still run one item after the other', async () => {
		slowApi(20);
		const ownerId = String(owners()[2].id);
		const locks = locksOf(ownerId);
		await executeNode(store, {
			type: 'tapkey',
			credential,
			input: locks.map((l) => ({ lockId: l.id })),
			parameters: {
				resource: 'grant',
				operation: 'create',
				ownerId: rl(ownerId),
				boundLockId: rl('={{ $json.lockId }}'),
				email: 'erin@example.com',
				validFrom: '2026-12-01T00:00:00Z',
				requestOptions: { concurrency: 50 },
			},
		});
		const writes = apiCalls(sandbox.current, 'tapkey').filter((c) => c.method !== 'GET');
		expect(writes.length).toBeGreaterThanOrEqual(locks.length);
		expect(maxInFlight(writes)).toBe(1);
	});

	it('reports the earliest failing item, as a sequential run would', async () => {
		const input = owners().map((o) => ({ id: o.id })) as IDataObject[];
		input[7] = { id: 'no-such-owner-7' };
		input[3] = { id: 'no-such-owner-3' };
		const run = { ...listLocksOfEveryOwner(credential), input };
		await expect(executeNode(store, run)).rejects.toMatchObject({ context: { itemIndex: 3 } });
	});

	it.each([
		[0, 'not 0'],
		[1.5, 'not 1.5'],
		[5000, 'not 5000'],
		['many', 'not "many"'],
	])('refuses Concurrency %p before any request', async (concurrency, says) => {
		const run = listLocksOfEveryOwner(credential, { requestOptions: { concurrency } });
		await expect(executeNode(store, run)).rejects.toThrow(
			`Concurrency (Request Options) must be a whole number from 1 to 1000, ${says}`,
		);
		expect(sandbox.current.requests).toEqual([]);
	});

	it('reads the credential once per run, not once per request', async () => {
		// The first run fetches the token: 40 items wait for one lead, which reads before and after.
		const total = LOCKS_PER_OWNER.reduce((a, b) => a + b, 0);
		expect(await executeNode(store, listLocksOfEveryOwner(credential))).toHaveLength(total);
		expect(tokenCalls(sandbox.current, 'tapkey')).toHaveLength(1);
		expect(store.reads.get(credential.id)).toBeLessThanOrEqual(4);

		store.reads.clear();
		sandbox.current.requests.length = 0;
		expect(await executeNode(store, listLocksOfEveryOwner(credential))).toHaveLength(total);
		// 44 requests (40 owners, the two larger ones over 3 pages each), one read of the credential.
		expect(apiCalls(sandbox.current, 'tapkey').length).toBeGreaterThan(40);
		expect(store.reads.get(credential.id)).toBe(1);
	});

	it('a token renewed elsewhere during the run costs one 401, not a second refresh', async () => {
		const user = await connectedUser(store, sandbox.current);
		sandbox.current.requests.length = 0;
		slowApi(40);
		const run = executeNode(store, { ...listLocksOfEveryOwner(user, { requestOptions: { concurrency: 1 } }), input: owners().slice(4, 10).map((o) => ({ id: o.id })) as IDataObject[] });
		// Until the run's first request is answered (at most 5 s; the run's own failure ends the test below).
		for (let waited = 0; apiCalls(sandbox.current, 'tapkey').length < 1 && waited < 5000; waited += 5) {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		// Another execution (or worker) refreshes: the run's token expires, a new one is stored.
		sandbox.current.oauth.tapkey.expireAll('access');
		const data = store.data(user.id);
		const answer = await fetch(String(data.customAccessTokenUrl), {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: String((data.oauthTokenData as IDataObject).refresh_token),
				client_id: String(data.clientId),
				client_secret: String(data.clientSecret),
			}),
		});
		expect(answer.status).toBe(200);
		store.update(user.id, { oauthTokenData: (await answer.json()) as IDataObject });

		const items = await run;
		expect(items).toHaveLength(6 * 3);
		// The run's next request was refused once, then sent with the stored token: no refresh of its own
		// (its refresh token is spent, so one would fail).
		expect(tokenCalls(sandbox.current, 'tapkey').map((r) => `${r.grantType} ${r.status}`)).toEqual(['refresh_token 200']);
		expect(apiCalls(sandbox.current, 'tapkey').map((c) => c.status)).toEqual([200, 401, 200, 200, 200, 200, 200]);
	});

	it('refreshes exactly once when 40 concurrent items hit an expired token', async () => {
		const user = await connectedUser(store, sandbox.current);
		sandbox.current.requests.length = 0;
		sandbox.current.oauth.tapkey.expireAll('access');
		slowApi(10);
		const items = await executeNode(store, listLocksOfEveryOwner(user));
		expect(new Set(items.map((i) => i.json.id)).size).toBe(LOCKS_PER_OWNER.reduce((a, b) => a + b, 0));
		expect(tokenCalls(sandbox.current, 'tapkey').map((r) => `${r.grantType} ${r.status}`)).toEqual(['refresh_token 200']);
	});
});

describe('paging reads ahead', () => {
	let store: CredentialStore;
	let credential: Credential;
	beforeEach(() => {
		store = new CredentialStore();
		credential = serviceAccount(store, sandbox.current);
	});
	const listLocks = (ownerIndex: number, extra: IDataObject = {}) => ({
		type: 'tapkey',
		credential,
		parameters: { resource: 'boundLock', operation: 'getMany', ownerId: rl(String(owners()[ownerIndex].id)), returnAll: true, ...extra },
	});

	it('asks for exactly the pages a sequential pager asks for, and keeps every record once, in order', async () => {
		const first = await executeNode(store, listLocks(0));
		expect(first.map((i) => i.json.id)).toEqual(locksOf(owners()[0].id).map((l) => l.id));
		const second = await executeNode(store, listLocks(1));
		expect(second.map((i) => i.json.id)).toEqual(locksOf(owners()[1].id).map((l) => l.id));
		const [a, b] = [owners()[0].id, owners()[1].id];
		expect(lockPages()).toEqual([
			`${a} $top=1000&$skip=0`,
			`${a} $top=1000&$skip=1000`,
			`${a} $top=1000&$skip=2000`,
			// 2000 records: the third page is empty, and nothing is asked for after it.
			`${b} $top=1000&$skip=0`,
			`${b} $top=1000&$skip=1000`,
			`${b} $top=1000&$skip=2000`,
		]);
	});

	it('Limit still stops early: no page past it', async () => {
		const items = await executeNode(store, listLocks(0, { returnAll: false, limit: 1500 }));
		expect(items.map((i) => i.json.id)).toEqual(locksOf(owners()[0].id).slice(0, 1500).map((l) => l.id));
		const a = owners()[0].id;
		expect(lockPages()).toEqual([`${a} $top=1000&$skip=0`, `${a} $top=500&$skip=1000`]);
	});

	it('a provider repeating pages still ends with an error, not a loop', async () => {
		sandbox.current.faults.push({ provider: 'tapkey', target: 'api', kind: 'ignorePaging', count: -1 });
		await expect(executeNode(store, listLocks(0))).rejects.toThrow(/page 2 repeated records already received/);
		expect(apiCalls(sandbox.current, 'tapkey')).toHaveLength(2);
	});
});
