/**
 * Tapkey documents no largest page. A short page whose size looks like a cap (a multiple of 50)
 * may hide more records, and finding out costs a request: it is paid once per credential and kind
 * of list in a process, not once per owner; and the dropdowns read with the same rules as Get Many.
 * Counted in the sandbox's request log, through n8n-core's real helpers.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../../../sandbox';
import { CredentialStore, executeNode, searchList } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { rl, serviceAccount, tapkeyData } from './fixtures';

// One owner with 120 locks, then 20 owners with 500 each (the speed bench's shape).
const OWNERS = 20;
const sandbox = useSandbox({ tapkey: { locksPerOwner: [120, ...Array<number>(OWNERS).fill(500)] } });

type Credential = { type: string; id: string; name: string };

const inject = (...faults: Fault[]) => sandbox.current.faults.push(...faults);
const owners = () => tapkeyData(sandbox.current).owners.slice(1);
const locksOf = (ownerId: unknown) => tapkeyData(sandbox.current).boundLocks[String(ownerId)];
const lockCalls = () => apiCalls(sandbox.current, 'tapkey').filter((c) => /\/BoundLocks$/i.test(c.path));

function listLocksOfEveryOwner(credential: Credential) {
	return {
		type: 'tapkey',
		credential,
		input: owners().map((o) => ({ id: o.id })) as IDataObject[],
		parameters: { resource: 'boundLock', operation: 'getMany', ownerId: rl('={{ $json.id }}'), returnAll: true },
	};
}

const everyLock = () => owners().flatMap((o) => locksOf(o.id).map((lock) => lock.id));

describe('the page size, learned once per credential (issue 23, item 15)', () => {
	it('lists 20 owners × 500 locks with 20 requests and one probe, and the next run with 20', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const first = await executeNode(store, listLocksOfEveryOwner(credential));
		expect(first.map((item) => item.json.id)).toEqual(everyLock());
		// Every owner's first page ($top=1000) holds 500; one owner's next page finds that nothing follows.
		expect(lockCalls().map((c) => new URLSearchParams(c.query).get('$skip')).sort()).toEqual([
			...Array<string>(OWNERS).fill('0'),
			'500',
		]);

		sandbox.current.requests.length = 0;
		const second = await executeNode(store, listLocksOfEveryOwner(credential));
		expect(second).toHaveLength(first.length);
		expect(lockCalls()).toHaveLength(OWNERS);
	});

	it('reads everything from a provider that really caps pages at 50', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'capPage', pageCap: 50, count: -1 });
		const items = await executeNode(store, listLocksOfEveryOwner(credential));
		expect(items.map((item) => item.json.id)).toEqual(everyLock());
		// 10 pages of 50 and the empty one after them, per owner: the probe is one of those pages.
		expect(lockCalls()).toHaveLength(OWNERS * 11);
	});

	it('does not carry what one credential learned over to another', async () => {
		const store = new CredentialStore();
		await executeNode(store, listLocksOfEveryOwner(serviceAccount(store, sandbox.current)));
		inject({ provider: 'tapkey', kind: 'capPage', pageCap: 500, count: -1 });
		const other = serviceAccount(store, sandbox.current);
		// The other credential, reading bound locks of a 500-capped provider, asks whether more follow.
		sandbox.current.requests.length = 0;
		await executeNode(store, { ...listLocksOfEveryOwner(other), input: [{ id: owners()[0].id }] });
		expect(lockCalls().map((c) => new URLSearchParams(c.query).get('$skip'))).toEqual(['0', '500']);
	});
});

describe('bound-lock dropdown past a page-size cap (issue 23, item 11)', () => {
	const dropdown = (credential: Credential) => ({
		type: 'tapkey',
		credential,
		parameters: { resource: 'boundLock', operation: 'get', ownerId: rl(String(tapkeyData(sandbox.current).owners[0].id)) },
	});

	it('shows every lock, page by page, and finds the 120th, as Get Many does', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		inject({ provider: 'tapkey', kind: 'capPage', pageCap: 50, count: -1 });
		const locks = tapkeyData(sandbox.current).boundLocks[String(tapkeyData(sandbox.current).owners[0].id)];
		const run = dropdown(credential);
		const shown: unknown[] = [];
		let token: string | undefined;
		do {
			const page = await searchList(store, run, 'searchBoundLocks', undefined, token);
			shown.push(...page.results.map((result) => result.value));
			token = page.paginationToken as string | undefined;
		} while (token !== undefined && shown.length <= locks.length);
		expect(shown).toEqual(locks.map((lock) => lock.id));

		const found = await searchList(store, run, 'searchBoundLocks', 'door 0120');
		expect(found.results).toEqual([{ name: 'Door 0120', value: locks[119].id }]);
		expect(found.paginationToken).toBeUndefined();
	});
});
