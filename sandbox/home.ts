import type { ProviderId, SandboxClient, SandboxProvider } from './types';

/**
 * What a person needs to point a credential of their own at the sandbox: per provider its three
 * URLs and how the token endpoint authenticates clients, per registered client the n8n grant type
 * it is for, its ID and (sandbox-only) secret and the scopes it can get. Served as the sandbox's
 * root page and printed by `npm start` and `npm run sandbox`.
 */
export interface SandboxDirectory {
	url: string;
	providers: Array<{
		id: ProviderId;
		name: string;
		authUrl: string;
		accessTokenUrl: string;
		baseUrl: string;
		clientAuth: string;
		clients: Array<{ grant: string; grantType: string; clientId: string; clientSecret?: string; scopes: string; subject: string }>;
	}>;
	admin: Array<{ route: string; does: string }>;
}

const PROVIDER_NAMES: Record<ProviderId, string> = {
	tapkey: 'Tapkey',
	taptouch: 'Taptouch',
	lockitnetwork: 'LockitNetwork',
	widgets: 'Widgets (test-only provider, API key)',
};

export const ADMIN_ENDPOINTS: SandboxDirectory['admin'] = [
	{ route: 'GET /__admin/requests?provider=&kind=', does: 'the request log (never a secret); DELETE clears it' },
	{ route: 'POST /__admin/faults', does: 'inject failures, e.g. {"provider":"tapkey","kind":"status","status":503,"count":2}; DELETE clears them' },
	{ route: 'POST /__admin/tokens/expire', does: 'expire tokens: {"provider":"taptouch","kind":"access"|"refresh"|"all"}' },
	{ route: 'POST /__admin/tokens/revoke', does: 'revoke tokens, same body' },
	{ route: 'POST /__admin/config', does: '{"replayRevokesChain": false, "accessTokenTtlSeconds": 5}' },
	{ route: 'POST /__admin/reset', does: 'fresh data and tokens' },
	{ route: 'GET /__admin/state', does: 'tokens issued, refreshes, codes and chains revoked (replay detection) per provider' },
	{ route: 'GET /__admin/data/<provider>', does: 'the seeded data' },
];

/** The n8n grant types a sandbox client is registered for (one row each). */
function grantsOf(client: SandboxClient): Array<{ grant: string; grantType: string; oauthGrant: 'authorization_code' | 'client_credentials' }> {
	return client.grants.map((oauthGrant) =>
		oauthGrant === 'client_credentials'
			? { grant: 'Client Credentials', grantType: 'clientCredentials', oauthGrant }
			: client.requirePkce
				? { grant: 'Authorization Code with PKCE', grantType: 'pkce', oauthGrant }
				: { grant: 'Authorization Code', grantType: 'authorizationCode', oauthGrant },
	);
}

export function sandboxDirectory(url: string, providers: SandboxProvider[]): SandboxDirectory {
	return {
		url,
		providers: providers.map((provider) => ({
			id: provider.id,
			name: PROVIDER_NAMES[provider.id] ?? provider.id,
			authUrl: `${url}${provider.oauth.authorizePath}`,
			accessTokenUrl: `${url}${provider.oauth.tokenPath}`,
			baseUrl: `${url}${provider.apiPrefix}`,
			clientAuth: provider.oauth.clientAuth === 'basic' ? 'HTTP Basic header' : 'client ID and secret in the form body',
			clients: provider.clients.flatMap((client) =>
				grantsOf(client).map(({ grant, grantType, oauthGrant }) => {
					const allowed = provider.oauth.scopesPerGrant?.[oauthGrant];
					const scopes = provider.oauth.scopesUnsupported
						? ''
						: client.scopes.filter((s) => !allowed || allowed.includes(s)).join(' ');
					return { grant, grantType, clientId: client.clientId, clientSecret: client.clientSecret, scopes, subject: client.subject };
				}),
			),
		})),
		admin: ADMIN_ENDPOINTS,
	};
}

/** The directory as console lines (`npm start`, `npm run sandbox`). */
export function directoryLines(directory: SandboxDirectory): string[] {
	const lines: string[] = [];
	for (const p of directory.providers) {
		lines.push(`${p.name} (n8n credential: Environment "Custom URLs"; token endpoint: ${p.clientAuth})`);
		lines.push(`  Authorization URL  ${p.authUrl}`);
		lines.push(`  Access Token URL   ${p.accessTokenUrl}`);
		lines.push(`  API Base URL       ${p.baseUrl}`);
		const width = Math.max(...p.clients.map((c) => c.grant.length));
		for (const c of p.clients) {
			const secret = c.clientSecret ? `secret ${c.clientSecret}` : 'no secret (public client)';
			lines.push(`  ${c.grant.padEnd(width)}  client ID ${c.clientId}, ${secret}${c.scopes ? `, scope "${c.scopes}"` : ''}`);
		}
	}
	return lines;
}

const escape = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sandbox's root page. */
export function homePage(directory: SandboxDirectory): string {
	const code = (text: string) => `<code>${escape(text)}</code>`;
	const providers = directory.providers
		.map(
			(p) => `<h2>${escape(p.name)}</h2>
<table><tr><th>Authorization URL</th><td>${code(p.authUrl)}</td></tr>
<tr><th>Access Token URL</th><td>${code(p.accessTokenUrl)}</td></tr>
<tr><th>API Base URL</th><td>${code(p.baseUrl)}</td></tr>
<tr><th>Client authentication</th><td>${escape(p.clientAuth)}</td></tr></table>
<table><tr><th>Grant Type</th><th>Client ID</th><th>Client Secret</th><th>Scope</th><th>Acts as</th></tr>
${p.clients
	.map(
		(c) =>
			`<tr><td>${escape(c.grant)}</td><td>${code(c.clientId)}</td><td>${c.clientSecret ? code(c.clientSecret) : '(none: public client)'}</td><td>${c.scopes ? code(c.scopes) : '(none)'}</td><td>${escape(c.subject)}</td></tr>`,
	)
	.join('\n')}</table>`,
		)
		.join('\n');
	const admin = directory.admin.map((a) => `<tr><td>${code(a.route)}</td><td>${escape(a.does)}</td></tr>`).join('\n');
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Provider sandbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{text-align:left;padding:.2rem .8rem .2rem 0;vertical-align:top}
code{background:#eee;padding:0 .25rem;word-break:break-all}</style>
</head><body>
<h1>Provider sandbox</h1>
<p>Local OAuth servers and API emulators for Tapkey, Taptouch and LockitNetwork. To connect n8n by hand,
create the provider's credential with <strong>Environment: Custom URLs</strong>, the three URLs below,
the grant type and a client from the table (these secrets exist only in this sandbox). For the
authorization code grants, n8n's OAuth redirect URL must be on localhost or 127.0.0.1.</p>
${providers}
<h2>Admin endpoints</h2>
<table>${admin}</table>
<p>JSON status: ${code(`GET ${directory.url}/health`)}</p>
</body></html>`;
}
