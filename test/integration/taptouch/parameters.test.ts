import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { bigStore, rl, serviceAccount } from './fixtures';

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
