import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { bigStore, rl, serviceAccount, smallStore, taptouchData } from './fixtures';

const sandbox = useSandbox();

function setup() {
	const store = new CredentialStore();
	const credential = serviceAccount(store, sandbox.current);
	return { store, credential };
}

describe('Request Options → Timeout set by an expression', () => {
	it.each([
		['0, which would switch the timeout off', '={{ 0 }}', '0'],
		['-1, which n8n\'s HTTP stack throws on outside any promise', '={{ -1 }}', '-1'],
		['a fraction', '={{ 1.5 }}', '1.5'],
		['more than 10 minutes', '={{ 600001 }}', '600001'],
		['text that is no number', '={{ "soon" }}', '"soon"'],
	])('refuses %s, before any request', async (_case, timeout, shown) => {
		const { store, credential } = setup();
		await expect(
			executeNode(store, {
				type: 'taptouch',
				credential,
				parameters: { resource: 'store', operation: 'getMany', returnAll: true, requestOptions: { timeout } },
			}),
		).rejects.toMatchObject({
			message: `Timeout (Request Options) must be a whole number of milliseconds from 1 to 600000, not ${shown}`,
		});
		expect(sandbox.current.requests).toEqual([]);
	});

	it('accepts a whole number of milliseconds up to 10 minutes, also as text', async () => {
		const { store, credential } = setup();
		for (const timeout of ['={{ 600000 }}', '={{ "5000" }}']) {
			const items = await executeNode(store, {
				type: 'taptouch',
				credential,
				parameters: { resource: 'store', operation: 'getMany', returnAll: true, requestOptions: { timeout } },
			});
			expect(items.length).toBeGreaterThan(0);
		}
	});
});

describe('Text parameters set by an expression that is not text', () => {
	const orders = (store: CredentialStore, credential: ReturnType<typeof serviceAccount>, status: unknown) =>
		executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: {
				resource: 'order',
				operation: 'getMany',
				storeId: rl(bigStore(sandbox.current)),
				returnAll: true,
				filters: { status },
			},
		});

	it('sends a number given as the order Status as its text', async () => {
		const { store, credential } = setup();
		expect(await orders(store, credential, '={{ 5 }}')).toEqual([]);
		const query = new URLSearchParams(apiCalls(sandbox.current, 'taptouch')[0].query);
		expect(query.get('status')).toBe('5');
	});

	it('refuses a list or an object as the order Status, naming the parameter, before any request', async () => {
		const { store, credential } = setup();
		await expect(orders(store, credential, '={{ ["open"] }}')).rejects.toMatchObject({
			message: 'Status must be text, not a list',
		});
		await expect(orders(store, credential, '={{ { "status": "open" } }}')).rejects.toMatchObject({
			message: 'Status must be text, not an object',
		});
		expect(apiCalls(sandbox.current, 'taptouch')).toEqual([]);
	});
});

describe('Inventory Update fields and Limit mapped from expressions as text', () => {
	const update = (store: CredentialStore, credential: ReturnType<typeof serviceAccount>, itemId: string, updateFields: object) =>
		executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: { resource: 'inventory', operation: 'update', storeId: rl(smallStore(sandbox.current)), itemId: rl(itemId), updateFields },
		});

	it('sends Available "false" as false and Quantity "5", Price "2.50" as numbers', async () => {
		const { store, credential } = setup();
		const storeId = smallStore(sandbox.current);
		const item = taptouchData(sandbox.current).inventory[storeId].find((i) => i.available === true)!;
		await update(store, credential, String(item.id), { available: '={{ "false" }}', quantity: '={{ "5" }}', price: '={{ " 2.50 " }}' });
		expect(taptouchData(sandbox.current).inventory[storeId].find((i) => i.id === item.id)).toMatchObject({ available: false, quantity: 5, price: 2.5 });
	});

	it.each([
		[{ available: '={{ "yes" }}' }, 'Available must be true or false, not "yes"'],
		[{ available: '={{ 0 }}' }, 'Available must be true or false, not 0'],
		[{ quantity: '={{ "5 units" }}' }, 'Quantity must be a number, not "5 units"'],
		[{ price: '={{ true }}' }, 'Price must be a number, not true'],
	])('refuses %j before any request', async (fields, message) => {
		const { store, credential } = setup();
		await expect(update(store, credential, 'I1', fields)).rejects.toMatchObject({ message });
		expect(apiCalls(sandbox.current, 'taptouch')).toEqual([]);
	});

	it('reads Limit "3" as 3', async () => {
		const { store, credential } = setup();
		const items = await executeNode(store, {
			type: 'taptouch',
			credential,
			parameters: { resource: 'order', operation: 'getMany', storeId: rl(bigStore(sandbox.current)), returnAll: false, limit: '={{ "3" }}' },
		});
		expect(items).toHaveLength(3);
	});
});

describe('Order creation-time filters: ISO 8601, epoch numbers and date objects only', () => {
	const orders = (store: CredentialStore, credential: ReturnType<typeof serviceAccount>, filters: object) =>
		executeNode(store, {
			type: 'taptouch',
			credential,
			timezone: 'America/New_York',
			parameters: { resource: 'order', operation: 'getMany', storeId: rl(bigStore(sandbox.current)), returnAll: true, filters },
		});

	it.each([['01/15/2027 08:00'], ['Jan 15 2027 08:00'], ['2027/01/15 08:00'], ['2027-02-30T08:00:00'], ['2027-01-15T24:00']])(
		'refuses "%s" before any request, saying which forms are accepted',
		async (text) => {
			const { store, credential } = setup();
			const description = expect.stringContaining("or 2027-01-15T08:00:00 (or 2027-01-15) for that time in the workflow's time zone");
			await expect(orders(store, credential, { createdFrom: text })).rejects.toMatchObject({
				message: `Created After "${text}" is not a valid date and time`,
				description,
			});
			await expect(orders(store, credential, { createdTo: text })).rejects.toMatchObject({
				message: `Created Before "${text}" is not a valid date and time`,
				description,
			});
			expect(apiCalls(sandbox.current, 'taptouch')).toEqual([]);
		},
	);

	it('sends epoch milliseconds and a Luxon DateTime mapped into the filters as ISO 8601', async () => {
		const { store, credential } = setup();
		await orders(store, credential, {
			createdFrom: '={{ 1800000000000 }}',
			createdTo: '={{ DateTime.fromISO("2027-01-15T10:00:00", { zone: "Europe/Berlin" }) }}',
		});
		const query = new URLSearchParams(apiCalls(sandbox.current, 'taptouch')[0].query);
		expect([query.get('createdFrom'), query.get('createdTo')]).toEqual(['2027-01-15T08:00:00.000Z', '2027-01-15T09:00:00.000Z']);
	});
});
