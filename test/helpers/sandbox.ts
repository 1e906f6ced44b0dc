import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox';
import { recordSecret } from './audit';
import type { ProviderId, Sandbox } from '../../sandbox';

/**
 * A sandbox per test file on a free port, reset before every test. `withTestProviders` also serves
 * the test-only providers (the Widgets API of test/fourthProvider/).
 */
export function useSandbox(
	seed?: Parameters<typeof startSandbox>[0] extends infer O ? O extends { seed?: infer S } ? S : never : never,
	{ withTestProviders = false }: { withTestProviders?: boolean } = {},
) {
	const holder = {} as { current: Sandbox };
	beforeAll(async () => {
		holder.current = await startSandbox({ port: 0, seed, onSecretIssued: recordSecret, withTestProviders });
	});
	beforeEach(() => holder.current.reset());
	afterAll(async () => {
		await holder.current?.close();
	});
	return holder;
}

/** Credential data pointing a provider's "custom" environment at the sandbox. */
export function sandboxCredential(
	sandbox: Sandbox,
	provider: ProviderId,
	clientId: string,
	grantType: 'authorizationCode' | 'pkce' | 'clientCredentials',
	extra: IDataObject = {},
): IDataObject {
	const client = sandbox.clients[provider].find((c) => c.clientId === clientId);
	if (!client) throw new Error(`no sandbox client ${clientId}`);
	const urls = sandbox.urls[provider];
	return {
		grantType,
		environment: 'custom',
		customAuthUrl: urls.authUrl,
		customAccessTokenUrl: urls.accessTokenUrl,
		customBaseUrl: urls.baseUrl,
		clientId,
		clientSecret: client.clientSecret ?? '',
		...extra,
	};
}

/** API requests the sandbox saw for a provider (the evidence for request counts). */
export const apiCalls = (sandbox: Sandbox, provider: ProviderId) =>
	sandbox.requests.filter((r) => r.provider === provider && r.kind === 'api');

export const tokenCalls = (sandbox: Sandbox, provider: ProviderId) =>
	sandbox.requests.filter((r) => r.provider === provider && r.kind === 'token');
