import type { Sandbox } from '../../../sandbox';
import { CredentialStore, executeNode, searchList, testCredential } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { lockitData, premiumSeries, rl, visibleText } from './fixtures';

const sandbox = useSandbox();

const TYPE = 'lockitNetworkApi';
const listProjects = { authentication: 'apiToken', resource: 'project', operation: 'getMany', returnAll: true };

/** An API-token credential pointing at the sandbox (without `sendTokenAs`, as saved before it existed). */
function apiTokenCredential(
	store: CredentialStore,
	sb: Sandbox,
	apiToken = sb.apiTokens.lockitnetwork.tokens[0].token,
	sendTokenAs?: string,
) {
	const data = { environment: 'custom', customBaseUrl: sb.urls.lockitnetwork.baseUrl, apiToken, ...(sendTokenAs ? { sendTokenAs } : {}) };
	return { type: TYPE, ...store.add(TYPE, data, 'LockitNetwork token') };
}

describe('LockitNetwork API token (lockitNetworkApi) through n8n-core', () => {
	it('sends the token in the documented header and reads projects, with no OAuth request', async () => {
		const store = new CredentialStore();
		const credential = apiTokenCredential(store, sandbox.current);
		const items = await executeNode(store, { type: 'lockitNetwork', credential, parameters: listProjects });
		expect(items.map((i) => i.json)).toEqual(lockitData(sandbox.current).projects);
		// The sandbox only took it as an API token (not a bearer token) if it came in the `token` header.
		expect(apiCalls(sandbox.current, 'lockitnetwork').map((c) => `${c.method} ${c.path} ${c.status} ${c.clientId}`)).toEqual([
			'GET /projects 200 api-token',
		]);
		expect(sandbox.current.requests.filter((r) => r.kind === 'token')).toEqual([]);
	});

	it.each([
		['the header "token" (saved before Send Token As existed)', undefined, 'tokenHeader'],
		['the header "token"', 'tokenHeader', 'tokenHeader'],
		['Authorization: Bearer', 'bearer', 'bearer'],
		['the query parameter "token"', 'query', 'query'],
	])('sends the token only as %s, in node requests and the Test button', async (_where, sendTokenAs, expected) => {
		const store = new CredentialStore();
		const token = sandbox.current.apiTokens.lockitnetwork.tokens[0].token;
		const credential = apiTokenCredential(store, sandbox.current, token, sendTokenAs);
		const items = await executeNode(store, { type: 'lockitNetwork', credential, parameters: listProjects });
		expect(items.map((i) => i.json)).toEqual(lockitData(sandbox.current).projects);
		await expect(testCredential(store, credential)).resolves.toMatchObject({ status: 'OK' });
		// The sandbox refuses a request with the token in more than one place and logs where it found it.
		const calls = apiCalls(sandbox.current, 'lockitnetwork');
		expect(calls.map((c) => `${c.path} ${c.status} ${c.apiTokenIn}`)).toEqual([`/projects 200 ${expected}`, `/projects 200 ${expected}`]);
		// Only the query form puts it in the URL (the sandbox log shows it redacted).
		expect(calls.map((c) => new URLSearchParams(c.query).get('token'))).toEqual(expected === 'query' ? ['…', '…'] : [null, null]);
	});

	it('keeps a token sent as a query parameter out of errors and never follows a redirect to another site with it', async () => {
		const store = new CredentialStore();
		const token = sandbox.current.apiTokens.lockitnetwork.tokens[0].token;
		const credential = apiTokenCredential(store, sandbox.current, token, 'query');
		sandbox.current.faults.push({ provider: 'lockitnetwork', path: '^/projects$', count: 1, kind: 'redirect' });
		const error = await executeNode(store, { type: 'lockitNetwork', credential, parameters: listProjects }).catch((e: unknown) => e);
		expect(error).toMatchObject({ message: expect.stringContaining('redirected the request to another site') });
		expect(visibleText(error)).not.toContain(token);
		expect(sandbox.current.requests.filter((r) => r.kind === 'elsewhere')).toEqual([]);

		const wrong = apiTokenCredential(store, sandbox.current, 'sbx-lockit-wrong-token-2222222222', 'query');
		const refused = await executeNode(store, { type: 'lockitNetwork', credential: wrong, parameters: listProjects }).catch((e: unknown) => e);
		expect(refused).toMatchObject({ httpCode: '401' });
		expect(visibleText(refused)).not.toContain('sbx-lockit-wrong-token-2222222222');
	});

	it('runs every operation the OAuth2 credential can, e.g. episodes of a project and clip matching', async () => {
		const store = new CredentialStore();
		const credential = apiTokenCredential(store, sandbox.current);
		const { project, episodes, days } = premiumSeries(sandbox.current);
		const listed = await executeNode(store, {
			type: 'lockitNetwork',
			credential,
			parameters: { authentication: 'apiToken', resource: 'episode', operation: 'getMany', projectId: rl(String(project.uuid)), returnAll: true },
		});
		expect(listed.map((i) => i.json)).toEqual(episodes);
		const matched = await executeNode(store, {
			type: 'lockitNetwork',
			credential,
			parameters: {
				authentication: 'apiToken',
				resource: 'clip',
				operation: 'match',
				projectId: rl(String(project.uuid)),
				projectDayId: rl(String(days[0].uuid)),
				fileNames: 'A001_C001.R3D',
			},
		});
		expect(matched.length).toBeGreaterThan(0);
	});

	it('says which credential holds a rejected token, asks LockitNetwork once and never shows the token', async () => {
		const store = new CredentialStore();
		const wrong = 'sbx-lockit-wrong-token-0000000000';
		const credential = apiTokenCredential(store, sandbox.current, wrong);
		const error = await executeNode(store, { type: 'lockitNetwork', credential, parameters: listProjects }).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: 'LockitNetwork rejected the API token of the LockitNetwork credential "LockitNetwork token": unknown API token',
			description: expect.stringContaining('Create a new API token in LockitNetwork'),
			httpCode: '401',
		});
		// A static token cannot be renewed: no refresh dance, one request.
		expect(apiCalls(sandbox.current, 'lockitnetwork').map((c) => c.status)).toEqual([401]);
		expect(visibleText(error)).not.toContain(wrong);
	});

	it('keeps the token out of an error whose body echoes it back', async () => {
		const store = new CredentialStore();
		const credential = apiTokenCredential(store, sandbox.current);
		const token = sandbox.current.apiTokens.lockitnetwork.tokens[0].token;
		sandbox.current.faults.push({
			provider: 'lockitnetwork',
			path: '^/projects$',
			count: 1,
			kind: 'status',
			status: 400,
			body: { message: `malformed request for token ${token}`, error: 'bad_request' },
		});
		const error = await executeNode(store, { type: 'lockitNetwork', credential, parameters: listProjects }).catch((e: unknown) => e);
		expect(error).toMatchObject({ message: expect.stringContaining('malformed request for token [redacted]') });
		expect(visibleText(error)).not.toContain(token);
	});

	it('passes the Test button with a valid token and fails it with a wrong one', async () => {
		const store = new CredentialStore();
		await expect(testCredential(store, apiTokenCredential(store, sandbox.current))).resolves.toEqual({
			status: 'OK',
			message: 'Connection tested successfully',
		});
		const result = await testCredential(store, apiTokenCredential(store, sandbox.current, 'sbx-lockit-wrong-token-1111111111'));
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/401|Authorization failed/) });
		expect(apiCalls(sandbox.current, 'lockitnetwork').map((c) => `${c.path} ${c.status}`)).toEqual([
			'/projects 200',
			// n8n's credential test retries once after a 401 (preAuthentication finds nothing to renew).
			'/projects 401',
			'/projects 401',
		]);
	});

	it('feeds the searchable project list', async () => {
		const store = new CredentialStore();
		const credential = apiTokenCredential(store, sandbox.current);
		const page = await searchList(store, { type: 'lockitNetwork', credential, parameters: { authentication: 'apiToken' } }, 'searchProjects');
		expect(page.results.length).toBeGreaterThan(0);
		expect(apiCalls(sandbox.current, 'lockitnetwork').every((c) => c.clientId === 'api-token')).toBe(true);
	});
});
