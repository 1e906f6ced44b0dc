/**
 * The test-only fourth provider's one secret, the API key (`apiKey`, sent as `X-Api-Key`), never
 * shows in an error, whatever the API echoes back. The provider declares it in `secretFields`; the
 * shared core does the rest.
 */
import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { apiKey, getWidget, listWidgets, shown, widgetsCredential } from './fixtures';

const sandbox = useSandbox(undefined, { withTestProviders: true });

describe('Widgets (test-only provider): its API key is redacted from errors', () => {
	it('an error body that echoes the key it was sent shows [redacted], never the key', async () => {
		const store = new CredentialStore();
		const key = apiKey(sandbox.current);
		sandbox.current.faults.push({ provider: 'widgets', kind: 'echoToken', status: 400, count: 1 });
		const error = await executeNode(store, getWidget(widgetsCredential(store, sandbox.current), 'w-0001')).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: 'Widgets could not get the widget: Token [redacted] may not be used for this request (TokenNotAllowed)',
			httpCode: '400',
		});
		expect(shown(error)).not.toContain(key);
		// The sandbox really echoed it: the fault answered the one request.
		expect(apiCalls(sandbox.current, 'widgets').map((c) => c.fault)).toEqual(['echoToken']);
	});

	it('a wrong key echoed by the 401 is redacted too', async () => {
		const store = new CredentialStore();
		const wrong = 'sbx-widgets-wrong-key-2f7a9c';
		const error = await executeNode(store, listWidgets(widgetsCredential(store, sandbox.current, wrong))).catch((e: unknown) => e);
		expect(shown(error)).toContain('API key [redacted] is not valid');
		expect(shown(error)).not.toContain(wrong);
	});

	it('the key as the API may spell it (JSON-escaped, with surrounding spaces in the credential) is redacted', async () => {
		const store = new CredentialStore();
		const key = apiKey(sandbox.current);
		sandbox.current.faults.push({
			provider: 'widgets',
			kind: 'status',
			status: 422,
			count: 1,
			body: { error: { code: 'INVALID_ARGUMENT', message: `bad request; headers were {"X-Api-Key":${JSON.stringify(key)}}`, detail: key } },
		});
		const error = await executeNode(store, listWidgets(widgetsCredential(store, sandbox.current))).catch((e: unknown) => e);
		expect(shown(error)).toContain('headers were {"X-Api-Key":"[redacted]"}');
		expect(shown(error)).not.toContain(key);
	});

	it('a 500 page whose body echoes the key, after retries, is redacted', async () => {
		const store = new CredentialStore();
		const key = apiKey(sandbox.current);
		sandbox.current.faults.push({
			provider: 'widgets',
			kind: 'status',
			status: 500,
			count: -1,
			after: 1,
			body: { error: { code: 'INTERNAL', message: `database said: no row for key=${key}` } },
		});
		const error = await executeNode(store, listWidgets(widgetsCredential(store, sandbox.current))).catch((e: unknown) => e);
		expect(error).toMatchObject({ message: 'Widgets could not list widgets: database said: no row for key=[redacted] (INTERNAL)', httpCode: '500' });
		expect(shown(error)).not.toContain(key);
		// First page, then the second page tried four times (three retries).
		expect(apiCalls(sandbox.current, 'widgets').map((c) => c.fault ?? c.status)).toEqual([200, 'status', 'status', 'status', 'status']);
	});
});
