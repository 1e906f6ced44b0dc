import { ApiTokens, LOCKITNETWORK_API_TOKENS } from './apiTokens';
import type { ApiTokenConfig } from './apiTokens';
import { createProviders, createTestProviders } from './providers';
import { WIDGETS_API_KEYS, WidgetApiKeys } from './providers/widgets';
import { startSandbox as startServer } from './server';
import type { RunningSandbox, SandboxOptions } from './server';
import { createSandboxTokenExchange, TOKEN_EXCHANGE_SECRETS } from './tokenExchange';
import type { SandboxTokenExchange } from './tokenExchange';
import type { ProviderId, SandboxClient, SandboxProvider } from './types';

export type { RunningSandbox } from './server';
export type { Fault, ProviderId, RequestLogEntry, SandboxClient } from './types';
export type { SandboxTokenExchange } from './tokenExchange';
export { directoryLines, sandboxDirectory } from './home';
export type { SandboxDirectory } from './home';

export interface ProviderUrls {
	authUrl: string;
	accessTokenUrl: string;
	baseUrl: string;
}

export interface Sandbox extends RunningSandbox {
	providers: Record<ProviderId, SandboxProvider>;
	/** The three URLs a credential's "custom" environment needs, per provider. */
	urls: Record<ProviderId, ProviderUrls>;
	clients: Record<ProviderId, SandboxClient[]>;
	/** Tapkey's token exchange: registered identity providers, their keys, a subject-token signer. */
	tokenExchange: SandboxTokenExchange;
	/** LockitNetwork's API tokens and the header they go in; the test-only Widgets' API keys when served. */
	apiTokens: { lockitnetwork: ApiTokenConfig; widgets?: ApiTokenConfig };
}

export interface StartOptions extends Partial<Omit<SandboxOptions, 'providers'>> {
	/**
	 * Also serve the providers that exist only for tests (the Widgets API of test/fourthProvider/).
	 * Off by default: the sandbox of `npm start` and of the other tests knows only the three real ones.
	 */
	withTestProviders?: boolean;
}

/** Starts every provider emulator on one loopback port (0 = any free port). */
export async function startSandbox(startOptions: StartOptions = {}): Promise<Sandbox> {
	const { withTestProviders = false, ...options } = startOptions;
	const providers = [...createProviders(), ...(withTestProviders ? createTestProviders() : [])];
	const tokenExchange = createSandboxTokenExchange();
	const apiTokens = { lockitnetwork: LOCKITNETWORK_API_TOKENS, ...(withTestProviders ? { widgets: WIDGETS_API_KEYS } : {}) };
	// Configured secrets are "issued" too: the secret audit looks for them in every output.
	for (const secret of [
		...TOKEN_EXCHANGE_SECRETS,
		...LOCKITNETWORK_API_TOKENS.tokens.map((t) => t.token),
		...(apiTokens.widgets?.tokens.map((t) => t.token) ?? []),
	]) {
		options.onSecretIssued?.(secret);
	}
	const running = await startServer({
		...options,
		providers,
		tokenExchange: { tapkey: tokenExchange.exchange },
		apiTokens: {
			lockitnetwork: new ApiTokens(apiTokens.lockitnetwork),
			...(apiTokens.widgets ? { widgets: new WidgetApiKeys(apiTokens.widgets) } : {}),
		},
	});
	const byId = Object.fromEntries(providers.map((p) => [p.id, p])) as Record<ProviderId, SandboxProvider>;
	const urls = Object.fromEntries(
		providers.map((p) => [
			p.id,
			{
				authUrl: `${running.url}${p.oauth.authorizePath}`,
				accessTokenUrl: `${running.url}${p.oauth.tokenPath}`,
				baseUrl: `${running.url}${p.apiPrefix}`,
			},
		]),
	) as Record<ProviderId, ProviderUrls>;
	const clients = Object.fromEntries(providers.map((p) => [p.id, p.clients])) as Record<ProviderId, SandboxClient[]>;
	return { ...running, providers: byId, urls, clients, tokenExchange, apiTokens };
}

/** The sandbox's registered clients, for tooling that writes credentials pointing at it. */
export const SANDBOX_CLIENTS: Record<ProviderId, SandboxClient[]> = Object.fromEntries(
	createProviders().map((p) => [p.id, p.clients]),
) as Record<ProviderId, SandboxClient[]>;
