/**
 * The test-only fourth provider (API key, cursor paging in an envelope) through n8n-core's real
 * ExecuteContext: paging across pages, Limit, and a provider that pages badly. Evidence: the
 * sandbox's request log.
 */
import { CredentialStore, executeNode, searchList } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { listWidgets, pageRequests, shown, widgets, widgetsCredential } from './fixtures';

const sandbox = useSandbox(undefined, { withTestProviders: true });

describe('Widgets (test-only provider): cursor paging through the shared core', () => {
	it('Return All follows nextPageToken across three pages and stops at the null token', async () => {
		const store = new CredentialStore();
		const credential = widgetsCredential(store, sandbox.current);
		const items = await executeNode(store, listWidgets(credential));
		expect(items.map((i) => i.json)).toEqual(widgets(sandbox.current));
		expect(items).toHaveLength(70);
		expect(pageRequests(sandbox.current)).toEqual([
			'GET /widgets 200 pageSize=25',
			'GET /widgets 200 pageSize=25 pageToken=T1',
			'GET /widgets 200 pageSize=25 pageToken=T2',
		]);
		// The key went in the X-Api-Key header (the sandbox takes it nowhere else); no OAuth at all.
		expect(apiCalls(sandbox.current, 'widgets').every((c) => c.clientId === 'api-key' && c.apiTokenIn === 'tokenHeader')).toBe(true);
		expect(sandbox.current.requests.filter((r) => r.kind === 'token')).toEqual([]);
	});

	it('ends on an exact multiple of the page size without an extra request', async () => {
		sandbox.current.providers.widgets.reset({ widgets: 50 });
		const store = new CredentialStore();
		const items = await executeNode(store, listWidgets(widgetsCredential(store, sandbox.current)));
		expect(items).toHaveLength(50);
		expect(pageRequests(sandbox.current)).toEqual(['GET /widgets 200 pageSize=25', 'GET /widgets 200 pageSize=25 pageToken=T1']);
	});

	it.each([
		[3, ['GET /widgets 200 pageSize=3']],
		[25, ['GET /widgets 200 pageSize=25']],
		[30, ['GET /widgets 200 pageSize=25', 'GET /widgets 200 pageSize=5 pageToken=T1']],
		[60, ['GET /widgets 200 pageSize=25', 'GET /widgets 200 pageSize=25 pageToken=T1', 'GET /widgets 200 pageSize=10 pageToken=T2']],
		[500, ['GET /widgets 200 pageSize=25', 'GET /widgets 200 pageSize=25 pageToken=T1', 'GET /widgets 200 pageSize=25 pageToken=T2']],
	])('Limit %i: the first records, and not one request (or record) more than Limit needs', async (limit, requests) => {
		const store = new CredentialStore();
		const credential = widgetsCredential(store, sandbox.current);
		const items = await executeNode(store, listWidgets(credential, { returnAll: false, limit }));
		expect(items.map((i) => i.json)).toEqual(widgets(sandbox.current).slice(0, limit));
		expect(pageRequests(sandbox.current)).toEqual(requests);
	});

	it('a provider that silently serves shorter pages than asked: the cursor, not the page length, ends paging', async () => {
		sandbox.current.faults.push({ provider: 'widgets', kind: 'capPage', pageCap: 10, count: -1 });
		const store = new CredentialStore();
		const items = await executeNode(store, listWidgets(widgetsCredential(store, sandbox.current)));
		expect(items.map((i) => i.json)).toEqual(widgets(sandbox.current));
		// Seven pages of 10 (the log shows what was asked: 25), the last one with a null token.
		expect(pageRequests(sandbox.current)).toEqual([
			'GET /widgets 200 pageSize=25',
			...[1, 2, 3, 4, 5, 6].map((n) => `GET /widgets 200 pageSize=25 pageToken=T${n}`),
		]);
	});

	it('a provider that ignores pageToken (every page is the first): paging stops with an error instead of looping', async () => {
		sandbox.current.faults.push({ provider: 'widgets', kind: 'ignorePaging', count: -1 });
		const store = new CredentialStore();
		const credential = widgetsCredential(store, sandbox.current);
		const error = await executeNode(store, listWidgets(credential)).catch((e: unknown) => e);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: 'Widgets could not list widgets: page 2 repeated records already received',
			description: expect.stringContaining('Widgets answered a full page with nothing new'),
		});
		expect(apiCalls(sandbox.current, 'widgets')).toHaveLength(2);
		// A Limit within the first page never notices.
		sandbox.current.requests.length = 0;
		const items = await executeNode(store, listWidgets(credential, { returnAll: false, limit: 5 }));
		expect(items).toHaveLength(5);
		expect(apiCalls(sandbox.current, 'widgets')).toHaveLength(1);
	});

	it('an answer without the envelope is refused as "not a list"', async () => {
		sandbox.current.faults.push({ provider: 'widgets', kind: 'status', status: 200, body: { widgets: [] }, count: 1 });
		const store = new CredentialStore();
		const error = await executeNode(store, listWidgets(widgetsCredential(store, sandbox.current))).catch((e: unknown) => e);
		expect(shown(error)).toContain('Widgets could not list widgets: the answer was not a list');
	});

	it('the searchable Widget list pages with the API cursor as n8n pagination token', async () => {
		const store = new CredentialStore();
		const run = { type: 'widgets', credential: widgetsCredential(store, sandbox.current), parameters: { resource: 'widget', operation: 'get' } };
		const first = await searchList(store, run, 'searchWidgets');
		expect(first.results).toHaveLength(25);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await searchList(store, run, 'searchWidgets', undefined, first.paginationToken as string);
		expect(second.results[0]).toEqual({ name: 'Widget 26', value: 'w-0026' });
		const filtered = await searchList(store, run, 'searchWidgets', 'widget 7');
		expect(filtered.results.map((r) => r.value)).toEqual(['w-0007']);
		expect(pageRequests(sandbox.current)).toEqual([
			'GET /widgets 200 pageSize=25',
			'GET /widgets 200 pageSize=25 pageToken=T1',
			'GET /widgets 200 pageSize=25',
		]);
	});
});
