/**
 * The two non-OAuth2 credentials in a real n8n: Tapkey's token exchange (`tapkeyTokenExchangeApi`,
 * renewed by n8n's own CredentialsHelper.preAuthentication) and the LockitNetwork API token
 * (`lockitNetworkApi`), each selected by the node's Authentication parameter. Evidence is the
 * sandbox's request log: which grant the token endpoint saw, and when.
 */
import { recordSecret } from '../helpers/audit';
import { describeFailure, fixtures, type Credential, type Stack } from './harness';

const MINUTE = 60_000;

const TOKEN_EXCHANGE_GRANT = 'http://tapkey.net/oauth/token_exchange';

export const ALT_WORKFLOW_IDS = {
	tokenExchange: fixtures.shortId('alt:tokenExchange'),
	expiredJwt: fixtures.shortId('alt:expiredJwt'),
	apiToken: fixtures.shortId('alt:apiToken'),
};

/**
 * A token-exchange credential with a fresh JWT, one with an expired JWT, and an API-token one.
 * Their `provider` tags are their own, so helpers that pick the OAuth2 credentials by provider
 * do not pick these.
 */
export function alternativeCredentials(sandbox: any): Credential[] {
	const exchange = sandbox.tokenExchange;
	const fresh = exchange.subjectToken({ sub: 'alice' }, { expiresInSeconds: 2 * 3600 });
	const expired = exchange.subjectToken({ sub: 'alice' }, { expiresInSeconds: -60 });
	const apiToken: string = sandbox.apiTokens.lockitnetwork.tokens[0].token;
	for (const secret of [fresh, expired, apiToken]) recordSecret(secret);
	const tokenExchange = (subjectToken: string) => ({
		environment: 'custom',
		customAccessTokenUrl: sandbox.urls.tapkey.accessTokenUrl,
		customBaseUrl: sandbox.urls.tapkey.baseUrl,
		clientId: exchange.clients.RS256.clientId,
		identityProvider: exchange.providers.RS256.id,
		subjectToken,
	});
	return [
		{
			id: fixtures.shortId('cred:tokenExchange'),
			name: 'Tapkey sandbox (token exchange)',
			type: 'tapkeyTokenExchangeApi',
			provider: 'tapkeyTokenExchange',
			grant: 'tokenExchange',
			data: tokenExchange(fresh),
		},
		{
			id: fixtures.shortId('cred:expiredJwt'),
			name: 'Tapkey sandbox (expired JWT)',
			type: 'tapkeyTokenExchangeApi',
			provider: 'tapkeyTokenExchange',
			grant: 'tokenExchangeExpired',
			data: tokenExchange(expired),
		},
		{
			id: fixtures.shortId('cred:apiToken'),
			name: 'LockitNetwork sandbox (API token)',
			type: 'lockitNetworkApi',
			provider: 'lockitnetworkApiToken',
			grant: 'apiToken',
			data: { environment: 'custom', customBaseUrl: sandbox.urls.lockitnetwork.baseUrl, apiToken },
		},
	];
}

/** One manual workflow per credential above: list Tapkey owners, or LockitNetwork projects. */
export function alternativeWorkflows(credentials: Credential[]) {
	const byGrant = (grant: string) => credentials.find((c) => c.grant === grant);
	const list = (id: string, name: string, credential: Credential | undefined, type: string, parameters: Record<string, unknown>) =>
		credential
			? [
					fixtures.workflow(
						id,
						name,
						[fixtures.manualTrigger(), fixtures.node('List', fixtures.nodeType(type), [220, 0], parameters, credential)],
						fixtures.main(['When clicking ‘Execute workflow’', 'List']),
					),
				]
			: [];
	const owners = { authentication: 'tokenExchange', resource: 'owner', operation: 'getMany', returnAll: true };
	return [
		...list(ALT_WORKFLOW_IDS.tokenExchange, 'Tapkey owners (token exchange)', byGrant('tokenExchange'), 'tapkey', owners),
		...list(ALT_WORKFLOW_IDS.expiredJwt, 'Tapkey owners (expired JWT)', byGrant('tokenExchangeExpired'), 'tapkey', owners),
		...list(ALT_WORKFLOW_IDS.apiToken, 'LockitNetwork projects (API token)', byGrant('apiToken'), 'lockitNetwork', {
			authentication: 'apiToken',
			resource: 'project',
			operation: 'getMany',
			returnAll: true,
		}),
	];
}

export function alternativeCredentialTests(getStack: () => Stack) {
	const exchanges = async (stack: Stack) =>
		(await stack.admin.requests({ provider: 'tapkey', kind: 'token' })).filter((r) => r.grantType === TOKEN_EXCHANGE_GRANT);

	test('token exchange: n8n exchanges the JWT on first use, keeps the token, and exchanges again after a 401', async () => {
		const stack = getStack();
		const owners = (await stack.admin.data('tapkey')).owners.map((o: { id: string }) => o.id).sort();
		const run = async () => {
			const result = await stack.execute(ALT_WORKFLOW_IDS.tokenExchange);
			if (!result.ok) throw new Error(`execution failed: ${describeFailure(result)}`);
			expect(result.output('List').map((o) => o.id).sort()).toEqual(owners);
		};

		await stack.admin.clearRequests();
		await run();
		expect((await exchanges(stack)).map((t) => [t.clientId, t.status])).toEqual([['tapkey-token-exchange', 200]]);

		// n8n saved the exchanged token with the credential: the next execution (a new process) uses it.
		await stack.admin.clearRequests();
		await run();
		expect(await exchanges(stack)).toEqual([]);

		// The Tapkey token expires: the 401 makes n8n run the credential's preAuthentication again.
		await stack.admin.expireTokens('tapkey', 'access');
		await stack.admin.clearRequests();
		await run();
		expect((await exchanges(stack)).map((t) => t.status)).toEqual([200]);
	}, 5 * MINUTE);

	test('token exchange: an expired JWT fails before any request, naming the credential', async () => {
		const stack = getStack();
		await stack.admin.clearRequests();
		const result = await stack.execute(ALT_WORKFLOW_IDS.expiredJwt);
		expect(result.ok).toBe(false);
		expect(describeFailure(result)).toMatch(
			/The Tapkey credential "Tapkey sandbox \(expired JWT\)" could not get an access token .*the external token expired at/,
		);
		expect(await stack.admin.requests({ provider: 'tapkey' })).toEqual([]);
	}, 5 * MINUTE);

	test('LockitNetwork API token: sent in its header, no OAuth request', async () => {
		const stack = getStack();
		await stack.admin.clearRequests();
		const result = await stack.execute(ALT_WORKFLOW_IDS.apiToken);
		if (!result.ok) throw new Error(`execution failed: ${describeFailure(result)}`);
		const projects = (await stack.admin.data('lockitnetwork')).projects;
		expect(result.output('List').map((p) => p.uuid).sort()).toEqual(projects.map((p: { uuid: string }) => p.uuid).sort());
		const calls = await stack.admin.requests({ provider: 'lockitnetwork' });
		expect(calls.map((c) => `${c.kind} ${c.path} ${c.status} ${c.clientId}`)).toEqual(['api /projects 200 api-token']);
	}, 5 * MINUTE);
}
