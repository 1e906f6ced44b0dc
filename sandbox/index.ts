import { ApiTokens, LOCKITNETWORK_API_TOKENS } from './apiTokens';
import type { ApiTokenConfig } from './apiTokens';
import { createProviders } from './providers';
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
	/** LockitNetwork's API tokens and the header they go in. */
	apiTokens: { lockitnetwork: ApiTokenConfig };
}

/** Starts every provider emulator on one loopback port (0 = any free port). */
export async function startSandbox(options: Partial<Omit<SandboxOptions, 'providers'>> = {}): Promise<Sandbox> {
	const providers = createProviders();
	const tokenExchange = createSandboxTokenExchange();
	const apiTokens = { lockitnetwork: LOCKITNETWORK_API_TOKENS };
	// Configured secrets are "issued" too: the secret audit looks for them in every output.
	for (const secret of [...TOKEN_EXCHANGE_SECRETS, ...LOCKITNETWORK_API_TOKENS.tokens.map((t) => t.token)]) {
		options.onSecretIssued?.(secret);
	}
	const running = await startServer({
		...options,
		providers,
		tokenExchange: { tapkey: tokenExchange.exchange },
		apiTokens: { lockitnetwork: new ApiTokens(apiTokens.lockitnetwork) },
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
