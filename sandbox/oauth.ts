import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

import { TOKEN_EXCHANGE_GRANT } from './tokenExchange';
import type { TokenExchange } from './tokenExchange';
import type { OAuthPolicy, SandboxClient, SandboxProvider, TokenGrant } from './types';

interface AccessToken extends TokenGrant {
	expiresAt: number;
	revoked: boolean;
	chain: string;
}

interface RefreshToken extends TokenGrant {
	expiresAt: number;
	used: boolean;
	revoked: boolean;
	chain: string;
}

interface AuthorizationCode extends TokenGrant {
	redirectUri: string;
	codeChallenge?: string;
	expiresAt: number;
	used: boolean;
}

export interface TokenResult {
	status: number;
	body: Record<string, unknown>;
	/** For the request log; never contains a secret. */
	log: { grantType?: string; clientId?: string; clientAuth: 'basic' | 'body' | 'none' | 'both'; scope?: string; error?: string };
}

const token = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;

function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A strict OAuth 2.0 authorization server for one provider: codes are single-use and bound to
 * client, redirect URI and PKCE challenge; refresh tokens are single-use and rotate; clients must
 * authenticate the way the provider documents, and nothing else is accepted.
 */
export class OAuthServer {
	private accessTokens = new Map<string, AccessToken>();
	private refreshTokens = new Map<string, RefreshToken>();
	private codes = new Map<string, AuthorizationCode>();
	/** A reused refresh token revokes every token of its chain, as servers with replay detection do. */
	replayRevokesChain = true;
	accessTokenTtlSeconds: number;
	/** `chainsRevoked`: token chains revoked because a used refresh token came back (replay detection). */
	counters = { accessTokensIssued: 0, refreshes: 0, codesIssued: 0, chainsRevoked: 0 };
	private revokedChains = new Set<string>();
	/** Tapkey's custom token-exchange grant, when the provider has one (tokenExchange.ts). */
	tokenExchange?: TokenExchange;

	constructor(
		private readonly provider: Pick<SandboxProvider, 'id' | 'clients'>,
		readonly policy: OAuthPolicy,
		/** Told every token it issues, so a test audit can look for them in outputs and logs. */
		private readonly onSecretIssued?: (secret: string) => void,
	) {
		this.accessTokenTtlSeconds = policy.accessTokenTtlSeconds;
	}

	reset() {
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.codes.clear();
		this.replayRevokesChain = true;
		this.accessTokenTtlSeconds = this.policy.accessTokenTtlSeconds;
		this.counters = { accessTokensIssued: 0, refreshes: 0, codesIssued: 0, chainsRevoked: 0 };
		this.revokedChains.clear();
	}

	client(clientId: string | null | undefined): SandboxClient | undefined {
		return this.provider.clients.find((client) => client.clientId === clientId);
	}

	/** Scopes a grant may receive: requested ∩ client's ∩ grant's. `undefined` if one is not allowed. */
	grantableScopes(client: SandboxClient, grant: 'authorization_code' | 'client_credentials', requested: string | null) {
		if (this.policy.scopesUnsupported) return { scopes: [] as string[] };
		const asked = (requested ?? '').split(/[\s+]+/).filter(Boolean);
		const allowedForGrant = this.policy.scopesPerGrant?.[grant];
		for (const scope of asked) {
			if (!client.scopes.includes(scope)) return { invalid: `scope "${scope}" is not registered for this client` };
			if (allowedForGrant && !allowedForGrant.includes(scope)) {
				return { invalid: `scope "${scope}" cannot be granted with ${grant}` };
			}
		}
		return { scopes: asked };
	}

	validateAuthorizeRequest(query: URLSearchParams): { client: SandboxClient; scopes: string[] } | { error: string } {
		const client = this.client(query.get('client_id'));
		if (!client || !client.grants.includes('authorization_code')) return { error: 'unknown client_id' };
		if (query.get('response_type') !== 'code') return { error: 'response_type must be "code"' };
		const redirectUri = query.get('redirect_uri') ?? '';
		if (!isAllowedRedirect(redirectUri)) return { error: 'redirect_uri is not registered for this client' };
		const challenge = query.get('code_challenge');
		if (client.requirePkce && !challenge) return { error: 'this client must use PKCE (code_challenge missing)' };
		if (challenge && query.get('code_challenge_method') !== 'S256') {
			return { error: 'code_challenge_method must be S256' };
		}
		const scopes = this.grantableScopes(client, 'authorization_code', query.get('scope'));
		if ('invalid' in scopes) return { error: scopes.invalid! };
		return { client, scopes: scopes.scopes! };
	}

	issueCode(client: SandboxClient, scopes: string[], query: URLSearchParams): string {
		const code = token('code');
		this.codes.set(code, {
			clientId: client.clientId,
			subject: client.subject,
			scopes,
			grantType: 'authorization_code',
			redirectUri: query.get('redirect_uri') ?? '',
			codeChallenge: query.get('code_challenge') ?? undefined,
			expiresAt: Date.now() + 60_000,
			used: false,
		});
		this.counters.codesIssued++;
		return code;
	}

	/** Resolves a bearer token to its grant, or says why it is not valid. */
	verify(accessToken: string | undefined): TokenGrant | { invalid: string } {
		if (!accessToken) return { invalid: 'missing bearer token' };
		const stored = this.accessTokens.get(accessToken);
		if (!stored) return { invalid: 'unknown token' };
		if (stored.revoked) return { invalid: 'token revoked' };
		if (stored.expiresAt <= Date.now()) return { invalid: 'token expired' };
		return stored;
	}

	expireAll(kind: 'access' | 'refresh' | 'all' = 'access') {
		const past = Date.now() - 1;
		if (kind !== 'refresh') for (const t of this.accessTokens.values()) t.expiresAt = past;
		if (kind !== 'access') for (const t of this.refreshTokens.values()) t.expiresAt = past;
	}

	revokeAll(kind: 'access' | 'refresh' | 'all' = 'access') {
		if (kind !== 'refresh') for (const t of this.accessTokens.values()) t.revoked = true;
		if (kind !== 'access') for (const t of this.refreshTokens.values()) t.revoked = true;
	}

	private revokeChain(chain: string) {
		if (!this.revokedChains.has(chain)) {
			this.revokedChains.add(chain);
			this.counters.chainsRevoked++;
		}
		for (const t of this.accessTokens.values()) if (t.chain === chain) t.revoked = true;
		for (const t of this.refreshTokens.values()) if (t.chain === chain) t.revoked = true;
	}

	private issue(grant: TokenGrant, chain: string) {
		const accessToken = token('at');
		const now = Date.now();
		this.accessTokens.set(accessToken, {
			...grant,
			expiresAt: now + this.accessTokenTtlSeconds * 1000,
			revoked: false,
			chain,
		});
		this.counters.accessTokensIssued++;
		this.onSecretIssued?.(accessToken);
		const body: Record<string, unknown> = {
			access_token: accessToken,
			token_type: 'Bearer',
			expires_in: this.accessTokenTtlSeconds,
		};
		if (!this.policy.scopesUnsupported) body.scope = grant.scopes.join(' ');
		const wantsRefresh =
			grant.grantType === 'authorization_code' &&
			(!this.policy.refreshRequiresScope || grant.scopes.includes(this.policy.refreshRequiresScope));
		if (wantsRefresh) {
			const refreshToken = token('rt');
			this.refreshTokens.set(refreshToken, {
				...grant,
				expiresAt: now + this.policy.refreshTokenTtlSeconds * 1000,
				used: false,
				revoked: false,
				chain,
			});
			body.refresh_token = refreshToken;
			this.onSecretIssued?.(refreshToken);
		}
		return body;
	}

	/** The token endpoint. `form` is the parsed x-www-form-urlencoded body. */
	token(form: URLSearchParams, headers: IncomingHttpHeaders, contentType: string | undefined): TokenResult {
		const grantType = form.get('grant_type') ?? undefined;
		const basic = parseBasic(headers.authorization);
		const bodyId = form.get('client_id');
		const bodySecret = form.get('client_secret');
		const clientAuth: TokenResult['log']['clientAuth'] =
			basic && (bodySecret || bodyId) ? 'both' : basic ? 'basic' : bodySecret ? 'body' : 'none';
		const fail = (status: number, error: string, description: string, clientId?: string): TokenResult => ({
			status,
			body: { error, error_description: description },
			log: { grantType, clientId, clientAuth, error: `${error}: ${description}` },
		});

		if (!contentType?.startsWith('application/x-www-form-urlencoded')) {
			return fail(400, 'invalid_request', 'the token request must be application/x-www-form-urlencoded');
		}
		// Token exchange: public clients of their own, checked in tokenExchange.ts.
		if (grantType === TOKEN_EXCHANGE_GRANT && this.tokenExchange) {
			const result = this.tokenExchange.exchange(form);
			if ('error' in result) return fail(result.status, result.error, result.description, result.clientId);
			const { grant } = result;
			return { status: 200, body: this.issue(grant, token('chain')), log: { grantType, clientId: grant.clientId, clientAuth, scope: grant.scopes.join(' ') } };
		}
		const clientId = basic?.id ?? bodyId ?? undefined;
		const client = this.client(clientId);
		if (!client) return fail(401, 'invalid_client', 'unknown client', clientId);

		// Client authentication exactly as the provider documents it.
		if (client.clientSecret) {
			if (this.policy.clientAuth === 'basic') {
				if (bodySecret) return fail(401, 'invalid_client', 'client_secret must not be sent in the body; use HTTP Basic', clientId);
				if (!basic || !safeEqual(basic.secret, client.clientSecret)) {
					return fail(401, 'invalid_client', 'client authentication failed (HTTP Basic expected)', clientId);
				}
			} else {
				if (basic && basic.secret) return fail(401, 'invalid_client', 'send client_id and client_secret in the form body', clientId);
				if (!bodySecret || !safeEqual(bodySecret, client.clientSecret)) {
					return fail(401, 'invalid_client', 'client authentication failed', clientId);
				}
			}
		} else if (bodySecret || basic?.secret) {
			return fail(401, 'invalid_client', 'this public client has no secret', clientId);
		}

		const ok = (body: Record<string, unknown>, scopes: string[]): TokenResult => ({
			status: 200,
			body,
			log: { grantType, clientId, clientAuth, scope: scopes.join(' ') },
		});

		switch (grantType) {
			case 'client_credentials': {
				if (!client.grants.includes('client_credentials') || !client.clientSecret) {
					return fail(400, 'unauthorized_client', 'client_credentials is not allowed for this client', clientId);
				}
				const scopes = this.grantableScopes(client, 'client_credentials', form.get('scope'));
				if ('invalid' in scopes) return fail(400, 'invalid_scope', scopes.invalid!, clientId);
				const grant: TokenGrant = { clientId: client.clientId, subject: client.subject, scopes: scopes.scopes!, grantType: 'client_credentials' };
				return ok(this.issue(grant, token('chain')), grant.scopes);
			}
			case 'authorization_code': {
				const code = this.codes.get(form.get('code') ?? '');
				if (!code || code.clientId !== client.clientId) return fail(400, 'invalid_grant', 'unknown authorization code', clientId);
				if (code.used) return fail(400, 'invalid_grant', 'authorization code already used', clientId);
				if (code.expiresAt <= Date.now()) return fail(400, 'invalid_grant', 'authorization code expired', clientId);
				code.used = true;
				if ((form.get('redirect_uri') ?? '') !== code.redirectUri) {
					return fail(400, 'invalid_grant', 'redirect_uri does not match the authorization request', clientId);
				}
				if (code.codeChallenge) {
					const verifier = form.get('code_verifier') ?? '';
					const challenge = createHash('sha256').update(verifier).digest('base64url');
					if (!verifier || challenge !== code.codeChallenge) {
						return fail(400, 'invalid_grant', 'PKCE verification failed', clientId);
					}
				} else if (!client.clientSecret) {
					return fail(400, 'invalid_grant', 'a public client must use PKCE', clientId);
				}
				const grant: TokenGrant = { clientId: code.clientId, subject: code.subject, scopes: code.scopes, grantType: 'authorization_code' };
				return ok(this.issue(grant, token('chain')), grant.scopes);
			}
			case 'refresh_token': {
				const presented = form.get('refresh_token') ?? '';
				const stored = this.refreshTokens.get(presented);
				if (!stored || stored.clientId !== client.clientId) return fail(400, 'invalid_grant', 'unknown refresh token', clientId);
				if (stored.revoked) return fail(400, 'invalid_grant', 'refresh token revoked', clientId);
				if (stored.used) {
					if (this.replayRevokesChain) this.revokeChain(stored.chain);
					return fail(400, 'invalid_grant', 'refresh token already used', clientId);
				}
				if (stored.expiresAt <= Date.now()) return fail(400, 'invalid_grant', 'refresh token expired', clientId);
				stored.used = true;
				this.counters.refreshes++;
				const grant: TokenGrant = { clientId: stored.clientId, subject: stored.subject, scopes: stored.scopes, grantType: 'authorization_code' };
				return ok(this.issue(grant, stored.chain), grant.scopes);
			}
			default:
				return fail(400, 'unsupported_grant_type', `grant_type "${grantType ?? ''}" is not supported`, clientId);
		}
	}
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
	const match = /^Basic\s+(.+)$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** The sandbox accepts redirect URIs on loopback and localhost only, like a dev registration. */
function isAllowedRedirect(uri: string): boolean {
	try {
		const url = new URL(uri);
		return (url.protocol === 'http:' || url.protocol === 'https:') && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
	} catch {
		return false;
	}
}
