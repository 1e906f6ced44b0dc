import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode, searchList } from '../../helpers/n8n';
import { apiCalls, tokenCalls, useSandbox } from '../../helpers/sandbox';
import { bigStore, connectedMerchant, pageQueries, rl, serviceAccount, smallStore, taptouchData } from './fixtures';

const sandbox = useSandbox();

const calls = () => apiCalls(sandbox.current, 'taptouch');

describe('Taptouch stores', () => {
	it('lists the stores for a client-credentials credential, one item per store', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: { resource: 'store', operation: 'getMany', returnAll: true },
		});
		expect(items).toEqual(taptouchData(sandbox.current).stores.map((json) => ({ json, pairedItem: { item: 0 } })));
		expect(pageQueries(calls())).toEqual(['0/100']);
		expect(tokenCalls(sandbox.current, 'taptouch')).toMatchObject([
			{ grantType: 'client_credentials', clientAuth: 'body', scope: 'integration.store integration.order integration.inventory', status: 200 },
		]);
	});

	it('lists the stores for a connected merchant, whose token carries integration.store only', async () => {
		const store = new CredentialStore();
		const credential = await connectedMerchant(store, sandbox.current);
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: { resource: 'store', operation: 'getMany', returnAll: false, limit: 2 },
		});
		expect(items.map((i) => i.json.id)).toEqual(taptouchData(sandbox.current).stores.slice(0, 2).map((s) => s.id));
		expect(pageQueries(calls())).toEqual(['0/2']);
		expect(tokenCalls(sandbox.current, 'taptouch')).toMatchObject([
			{ grantType: 'authorization_code', clientAuth: 'body', scope: 'integration.store', status: 200 },
		]);
	});
});

describe('Taptouch orders', () => {
	it('returns every order of a large store exactly once with Return All, in three pages', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = bigStore(sandbox.current);
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: { resource: 'order', operation: 'getMany', storeId: rl(storeId), returnAll: true },
		});
		const expected = taptouchData(sandbox.current).orders[storeId];
		expect(expected).toHaveLength(250);
		expect(items.map((i) => i.json)).toEqual(expected);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(250);
		expect(calls().map((c) => c.path)).toEqual(Array(3).fill(`/stores/${storeId}/orders`));
		expect(pageQueries(calls())).toEqual(['0/100', '1/100', '2/100']);
	});

	it('stops paging as soon as Limit is reached', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = bigStore(sandbox.current);
		const run = (limit: number) =>
			executeNode(store, {
				type: 'taptouch',
				credential,
				parameters: { resource: 'order', operation: 'getMany', storeId: rl(storeId, 'list'), returnAll: false, limit },
			});
		const orders = taptouchData(sandbox.current).orders[storeId];

		expect((await run(30)).map((i) => i.json.id)).toEqual(orders.slice(0, 30).map((o) => o.id));
		expect(pageQueries(calls())).toEqual(['0/30']);

		sandbox.current.requests.length = 0;
		expect((await run(150)).map((i) => i.json.id)).toEqual(orders.slice(0, 150).map((o) => o.id));
		expect(pageQueries(calls())).toEqual(['0/100', '1/100']);

		sandbox.current.requests.length = 0;
		expect(await run(100)).toHaveLength(100);
		expect(pageQueries(calls())).toEqual(['0/100']);
	});

	it('filters by creation time and status (assumed parameters)', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = bigStore(sandbox.current);
		const orders = taptouchData(sandbox.current).orders[storeId];
		const from = String(orders[10].createdAt);
		const to = String(orders[40].createdAt);
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: {
				resource: 'order',
				operation: 'getMany',
				storeId: rl(storeId),
				returnAll: true,
				filters: { createdFrom: from, createdTo: to, status: 'open' },
			},
		});
		const expected = orders.slice(10, 40).filter((o) => o.status === 'open');
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json)).toEqual(expected);
		const query = new URLSearchParams(calls()[0].query);
		expect(Object.fromEntries(query)).toEqual({ createdFrom: from, createdTo: to, status: 'open', index: '0', count: '100' });
	});

	it("reads the creation-time filters without an offset in the workflow's time zone", async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await executeNode(store, {
			type: 'taptouch',
			credential,
			timezone: 'America/New_York',
			parameters: {
				resource: 'order',
				operation: 'getMany',
				storeId: rl(bigStore(sandbox.current)),
				returnAll: true,
				filters: { createdFrom: '2027-01-15T08:00:00', createdTo: '2027-07-15T08:00:00' },
			},
		});
		const query = new URLSearchParams(calls()[0].query);
		expect([query.get('createdFrom'), query.get('createdTo')]).toEqual(['2027-01-15T13:00:00.000Z', '2027-07-15T12:00:00.000Z']);
	});

	it('gets one order', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const order = taptouchData(sandbox.current).orders[storeId][3];
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: { resource: 'order', operation: 'get', storeId: rl(storeId), orderId: rl(String(order.id)) },
		});
		expect(items).toEqual([{ json: order, pairedItem: { item: 0 } }]);
		expect(calls().map((c) => `${c.method} ${c.path}`)).toEqual([`GET /stores/${storeId}/orders/${order.id}`]);
	});

	it('reports an unknown order with the message from the envelope', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		await expect(
			executeNode(store, {
				type: 'taptouch',
				credential,
				parameters: { resource: 'order', operation: 'get', storeId: rl(storeId), orderId: rl('no-such-order') },
			}),
		).rejects.toMatchObject({
			message: 'Taptouch could not get the order: Order no-such-order was not found.',
			description: 'Nothing was found at this ID. Check the IDs in this node.',
			httpCode: '404',
		});
	});
});

describe('Taptouch inventory', () => {
	it('lists every item of a store with Return All', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = bigStore(sandbox.current);
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: { resource: 'inventory', operation: 'getMany', storeId: rl(storeId), returnAll: true },
		});
		expect(items.map((i) => i.json)).toEqual(taptouchData(sandbox.current).inventory[storeId]);
		expect(pageQueries(calls())).toEqual(['0/100', '1/100']);
	});

	it('updates only the fields given, and returns the updated item', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const before = taptouchData(sandbox.current).inventory[storeId][2];
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: {
				resource: 'inventory',
				operation: 'update',
				storeId: rl(storeId),
				itemId: rl(String(before.id)),
				updateFields: { quantity: 42, available: false },
			},
		});
		const after = taptouchData(sandbox.current).inventory[storeId][2];
		expect(after).toMatchObject({ ...before, quantity: 42, available: false, updatedAt: expect.any(String) });
		expect(after.price).toBe(before.price);
		expect(items).toEqual([{ json: after, pairedItem: { item: 0 } }]);
		expect(calls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
			`PUT /stores/${storeId}/inventory/${before.id} 200`,
		]);
	});

	it('passes on Taptouch validation errors (422) with the fields named', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const item = taptouchData(sandbox.current).inventory[storeId][0];
		await expect(
			executeNode(store, {
				type: 'taptouch',
				credential,
				parameters: {
					resource: 'inventory',
					operation: 'update',
					storeId: rl(storeId),
					itemId: rl(String(item.id)),
					updateFields: { quantity: 2.5, price: -1 },
				},
			}),
		).rejects.toMatchObject({
			message:
				'Taptouch could not update the inventory item: quantity: must be a whole number of 0 or more; price: must be a number of 0 or more',
			description: expect.stringContaining('could not process the values sent'),
			httpCode: '422',
		});
		expect(taptouchData(sandbox.current).inventory[storeId][0]).toEqual(item);
	});

	it('refuses an update without fields before sending anything', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		await expect(
			executeNode(store, {
				type: 'taptouch',
				credential,
				parameters: { resource: 'inventory', operation: 'update', storeId: rl('S1'), itemId: rl('I1'), updateFields: {} },
			}),
		).rejects.toThrow(/^Add at least one field to update$/);
		expect(sandbox.current.requests).toEqual([]);
	});
});

describe('Taptouch envelope errors and failures', () => {
	it('turns an error envelope inside an HTTP 200 (ack 422) into a NodeApiError with its message', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		sandbox.current.faults.push({
			provider: 'taptouch',
			kind: 'status',
			status: 200,
			count: 1,
			body: { status: { timestamp: 1767610800, ack: 422, errors: { code: 'invalid_store', message: 'The store is closed for maintenance.' } }, data: null },
		});
		const run = executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: { resource: 'store', operation: 'getMany', returnAll: true },
		});
		await expect(run).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Taptouch could not list stores: The store is closed for maintenance. (invalid_store)',
		});
		expect(calls().map((c) => c.status)).toEqual([200]);
	});

	it('reports the envelope status, not the HTTP 200 it came in', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		sandbox.current.faults.push({
			provider: 'taptouch',
			kind: 'status',
			status: 200,
			count: 1,
			body: { status: { timestamp: 1767610800, ack: 422, errors: 'index is out of range' }, data: [] },
		});
		await expect(
			executeNode(store, { type: 'taptouch', credential, parameters: { resource: 'store', operation: 'getMany', returnAll: true } }),
		).rejects.toMatchObject({
			message: 'Taptouch could not list stores: index is out of range',
			httpCode: '422',
			description: expect.stringContaining('could not process the values sent'),
		});
	});

	it('retries a read after a 500 in the envelope shape and succeeds', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		sandbox.current.faults.push({ provider: 'taptouch', kind: 'status', status: 500, count: 1 });
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: { resource: 'store', operation: 'getMany', returnAll: true },
		});
		expect(items).toHaveLength(3);
		expect(calls().map((c) => c.status)).toEqual([500, 200]);
	});

	it('with Continue On Fail, gives an error item paired with the failing input and results for the others', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const storeId = smallStore(sandbox.current);
		const orders = taptouchData(sandbox.current).orders[storeId];
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			continueOnFail: true,
			input: [{ id: orders[0].id }, { id: 'missing-order' }, { id: '' }],
			parameters: { resource: 'order', operation: 'get', storeId: rl(storeId), orderId: rl('={{ $json.id }}') },
		});
		expect(items).toEqual([
			{ json: orders[0], pairedItem: { item: 0 } },
			{
				json: {
					error: 'Taptouch could not get the order: Order missing-order was not found.',
					description: 'Nothing was found at this ID. Check the IDs in this node.',
				},
				// The error itself too: n8n routes the item to the error output by it.
				error: expect.objectContaining({ message: 'Taptouch could not get the order: Order missing-order was not found.' }),
				pairedItem: { item: 1 },
			},
			{
				json: { error: 'Order is required', description: 'Choose the order from the list or enter its ID.' },
				error: expect.objectContaining({ message: 'Order is required' }),
				pairedItem: { item: 2 },
			},
		]);
	});

	it('names the missing scope when a client-credentials token lacks it (403 envelope)', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		store.update(credential.id, { scope: 'integration.store' });
		await expect(
			executeNode(store, {
				type: 'taptouch',
				credential,
				parameters: { resource: 'inventory', operation: 'getMany', storeId: rl(bigStore(sandbox.current)), returnAll: true },
			}),
		).rejects.toMatchObject({
			message: 'Taptouch could not list inventory items: The access token lacks the scope "integration.inventory". (insufficient_scope)',
			httpCode: '403',
		});
	});
});

describe('Taptouch searchable lists', () => {
	it('offers stores, orders and items, filtered by the search text and paged as the user scrolls', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const data = taptouchData(sandbox.current);
		const stores = await searchList(store, { type: 'taptouch', credential, parameters: {} }, 'searchStores', 'harbour');
		expect(stores.results).toEqual([{ name: 'Bella Cucina Harbour', value: data.stores[1].id }]);

		const storeId = bigStore(sandbox.current);
		const run = { type: 'taptouch', credential, parameters: { resource: 'order', operation: 'get', storeId: rl(storeId) } };
		const first = await searchList(store, run, 'searchOrders');
		expect(first.results).toHaveLength(100);
		const second = await searchList(store, run, 'searchOrders', undefined, String(first.paginationToken));
		expect(second.results.map((r) => r.value)).toEqual(data.orders[storeId].slice(100, 200).map((o) => o.id));
		const third = await searchList(store, run, 'searchOrders', undefined, String(second.paginationToken));
		expect(third.results.map((r) => r.value)).toEqual(data.orders[storeId].slice(200).map((o) => o.id));
		expect(third.paginationToken).toBeUndefined();
		const found = await searchList(store, run, 'searchOrders', '#00007');
		expect(found.results).toEqual([{ name: expect.stringMatching(/^#00007 · /), value: data.orders[storeId][6].id }]);

		const items = await searchList(store, run, 'searchInventoryItems', 'sku-0-0003');
		expect(items.results).toEqual([{ name: data.inventory[storeId][2].name, value: data.inventory[storeId][2].id }]);
	});

	it('a search reads on past the first page of 100, as Get Many does, and scrolling goes on after what it read', async () => {
		// 150 stores: the last ones are on Taptouch's second page.
		sandbox.current.providers.taptouch.reset({ itemsPerStore: Array.from({ length: 150 }, () => 0) });
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const data = taptouchData(sandbox.current);
		const last = data.stores[149];
		const stores = await searchList(store, { type: 'taptouch', credential, parameters: {} }, 'searchStores', String(last.name));
		expect(stores.results).toEqual([{ name: last.name, value: last.id }]);
		expect(stores.paginationToken).toBeUndefined();
		expect(pageQueries(apiCalls(sandbox.current, 'taptouch'))).toEqual(['0/100', '1/100']);

		const storeId = bigStore(sandbox.current);
		const run = { type: 'taptouch', credential, parameters: { resource: 'order', operation: 'get', storeId: rl(storeId) } };
		const order = await searchList(store, run, 'searchOrders', '#00240');
		expect(order.results).toEqual([{ name: expect.stringMatching(/^#00240 · /), value: data.orders[storeId][239].id }]);
		sandbox.current.providers.taptouch.reset();
		const items = taptouchData(sandbox.current).inventory[storeId];
		const item = await searchList(store, run, 'searchInventoryItems', 'sku-0-0125');
		expect(item.results).toEqual([{ name: items[124].name, value: items[124].id }]);

		// A search that finds a page's worth stops at the end of the page it is on; the next page follows it.
		const many = await searchList(store, run, 'searchOrders', '#00');
		expect(many.results.map((r) => r.value)).toEqual(data.orders[storeId].slice(0, 100).map((o) => o.id));
		const more = await searchList(store, run, 'searchOrders', '#00', String(many.paginationToken));
		expect(more.results[0].value).toBe(data.orders[storeId][100].id);
	});

	it('refuses a malformed store behind the order and item lists, as the node parameter does, before any request', async () => {
		const store = new CredentialStore();
		const credential = serviceAccount(store, sandbox.current);
		const run = (storeId: string) => ({
			type: 'taptouch',
			credential,
			parameters: { resource: 'order', operation: 'get', storeId: rl(storeId) },
		});
		await expect(searchList(store, run('x/../../stores'), 'searchOrders')).rejects.toMatchObject({
			message: 'Store "x/../../stores" is not a valid ID',
			description: 'Expected the ID of a Taptouch store.',
		});
		await expect(searchList(store, run('a?b'), 'searchInventoryItems')).rejects.toThrow('Store "a?b" is not a valid ID');
		expect(sandbox.current.requests).toEqual([]);
	});
});
