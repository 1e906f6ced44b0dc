/**
 * The test-only fourth provider with "On Error: Continue": bad items become error items paired
 * with their input, good ones results, in input order.
 */
import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { apiKey, rl, shown, widgets, widgetsCredential } from './fixtures';
import type { Credential } from './fixtures';

const sandbox = useSandbox(undefined, { withTestProviders: true });

const getEach = (credential: Credential, ids: string[], continueOnFail: boolean) => ({
	type: 'widgets',
	credential,
	continueOnFail,
	input: ids.map((id) => ({ id })) as IDataObject[],
	parameters: { resource: 'widget', operation: 'get', widgetId: rl('={{ $json.id }}') },
});

describe('Widgets (test-only provider): continue on fail', () => {
	it('bad items become error items, good ones results, each paired with its input item', async () => {
		const store = new CredentialStore();
		const credential = widgetsCredential(store, sandbox.current);
		const items = await executeNode(store, getEach(credential, ['w-0001', 'w-9999', 'not an id', 'w-0003'], true));
		const all = widgets(sandbox.current);
		expect(items.map((i) => [i.pairedItem, i.json])).toEqual([
			[{ item: 0 }, all[0]],
			[{ item: 1 }, { error: 'Widgets could not get the widget: Widget w-9999 not found (NOT_FOUND)', description: expect.any(String) }],
			[{ item: 2 }, { error: 'Widget "not an id" is not a valid ID', description: 'Expected a widget ID such as w-0042.' }],
			[{ item: 3 }, all[2]],
		]);
		// Error items carry the error, so "Continue (using error output)" can route them.
		expect(items.map((i) => i.error !== undefined)).toEqual([false, true, true, false]);
		// The malformed ID never reached the API.
		expect(apiCalls(sandbox.current, 'widgets').map((c) => `${c.path} ${c.status}`).sort()).toEqual([
			'/widgets/w-0001 200',
			'/widgets/w-0003 200',
			'/widgets/w-9999 404',
		]);
	});

	it('a key echoed in an error item is redacted there too', async () => {
		const store = new CredentialStore();
		sandbox.current.faults.push({ provider: 'widgets', kind: 'echoToken', status: 400, path: 'w-0002', count: 1 });
		const items = await executeNode(store, getEach(widgetsCredential(store, sandbox.current), ['w-0001', 'w-0002'], true));
		expect(items[1].json.error).toBe('Widgets could not get the widget: Token [redacted] may not be used for this request (TokenNotAllowed)');
		expect(shown(items)).not.toContain(apiKey(sandbox.current));
	});

	it('without continue on fail, the first bad item stops the node with its item index', async () => {
		const store = new CredentialStore();
		const error = await executeNode(store, getEach(widgetsCredential(store, sandbox.current), ['w-0001', 'w-9999', 'w-0003'], false)).catch(
			(e: unknown) => e,
		);
		expect(error).toMatchObject({ message: 'Widgets could not get the widget: Widget w-9999 not found (NOT_FOUND)', context: { itemIndex: 1 } });
	});
});
