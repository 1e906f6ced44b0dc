import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { bigStore, pageQueries, rl, serviceAccount, smallStore, taptouchData } from './fixtures';

const sandbox = useSandbox();

function setup() {
	const store = new CredentialStore();
	const credential = serviceAccount(store, sandbox.current);
	const run = async (parameters: IDataObject) =>
		(await executeNode(store, { type: 'taptouch', credential, parameters: { returnAll: true, ...parameters } })).map(
			(item) => item.json,
		);
	return { data: taptouchData(sandbox.current), run };
}

describe('Taptouch Simplify', () => {
	it('keeps the name, time zone and currency of each store', async () => {
		const { data, run } = setup();
		expect(await run({ resource: 'store', operation: 'getMany', simplify: true })).toEqual(
			data.stores.map(({ id, name, active, timezone, currency }) => ({ id, name, active, timezone, currency })),
		);
	});

	it('keeps number, status, type, total and creation time of each order, not its lines', async () => {
		const { data, run } = setup();
		const storeId = bigStore(sandbox.current);
		const orders = await run({ resource: 'order', operation: 'getMany', storeId: rl(storeId), simplify: true });
		expect(orders).toEqual(
			data.orders[storeId].map((order) => ({
				id: order.id,
				orderNumber: order.orderNumber,
				status: order.status,
				orderType: order.orderType,
				total: order.total,
				currency: order.currency,
				createdAt: order.createdAt,
			})),
		);
		// What an AI agent reading the orders pays for: less than half the text of the full records.
		expect(JSON.stringify(orders).length).toBeLessThan(JSON.stringify(data.orders[storeId]).length / 2);
		// Paged as without Simplify: every order, in three pages.
		expect(pageQueries(apiCalls(sandbox.current, 'taptouch'))).toEqual(['0/100', '1/100', '2/100']);
	});

	it('keeps SKU, name, stock, price and availability of each inventory item', async () => {
		const { data, run } = setup();
		const storeId = smallStore(sandbox.current);
		expect(await run({ resource: 'inventory', operation: 'getMany', storeId: rl(storeId), simplify: true })).toEqual(
			data.inventory[storeId].map(({ id, sku, name, quantity, price, available }) => ({ id, sku, name, quantity, price, available })),
		);
	});

	it('is off unless chosen, so saved workflows keep getting the full records', async () => {
		const { data, run } = setup();
		const storeId = smallStore(sandbox.current);
		expect(await run({ resource: 'order', operation: 'getMany', storeId: rl(storeId) })).toEqual(data.orders[storeId]);
		expect(await run({ resource: 'inventory', operation: 'getMany', storeId: rl(storeId), simplify: false })).toEqual(
			data.inventory[storeId],
		);
	});

	it('applies the order filters and Limit before simplifying', async () => {
		const { data, run } = setup();
		const storeId = bigStore(sandbox.current);
		const open = await run({
			resource: 'order',
			operation: 'getMany',
			storeId: rl(storeId),
			returnAll: false,
			limit: 3,
			filters: { status: 'open' },
			simplify: true,
		});
		expect(open).toHaveLength(3);
		expect(open.map((order) => order.id)).toEqual(
			data.orders[storeId].filter((order) => order.status === 'open').slice(0, 3).map((order) => order.id),
		);
		expect(open.every((order) => !('items' in order))).toBe(true);
	});
});
