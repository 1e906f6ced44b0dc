import { createHmac, createSign, createVerify, generateKeyPairSync, timingSafeEqual } from 'crypto';
import type { KeyObject } from 'crypto';

import type { TokenGrant } from './types';

/**
 * Tapkey's token exchange as its docs describe it (developers.tapkey.io → Authentication → Token
 * Exchange, Identity Providers): a public OAuth client registered for one identity provider swaps
 * a JWT that provider signed for a Tapkey access token. The JWT must carry `iss` and `aud` as
 * registered, `sub`, `iat`, an unexpired `exp` and the client's ID in `CLIENT_ID_CLAIM`, and be
 * signed with the provider's key. Tapkey accepts RS256 only; the sandbox also knows an HS256
 * provider, so tests can sign with a shared secret.
 */
export const TOKEN_EXCHANGE_GRANT = 'http://tapkey.net/oauth/token_exchange';
export const CLIENT_ID_CLAIM = 'http://tapkey.net/oauth/token_exchange/client_id';

export type JwtKey = { alg: 'RS256'; privateKey: KeyObject } | { alg: 'HS256'; secret: string };
type VerifyKey = { alg: 'RS256'; publicKey: KeyObject } | { alg: 'HS256'; secret: string };

export interface IdentityProvider {
	id: string;
	issuer: string;
	audience: string;
	key: VerifyKey;
}

export interface TokenExchangeClient {
	clientId: string;
	/** The identity provider the client was created for. */
	provider: string;
	scopes: string[];
}

export type ExchangeResult =
	| { grant: TokenGrant }
	| { status: number; error: string; description: string; clientId?: string };

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** A compact JWS, as an identity provider would issue it. */
export function signJwt(claims: Record<string, unknown>, key: JwtKey, header: Record<string, unknown> = {}): string {
	const head = b64url(JSON.stringify({ alg: key.alg, typ: 'JWT', ...header }));
	const body = b64url(JSON.stringify(claims));
	const input = `${head}.${body}`;
	const signature =
		key.alg === 'HS256'
			? createHmac('sha256', key.secret).update(input).digest()
			: createSign('RSA-SHA256').update(input).sign(key.privateKey);
	return `${input}.${b64url(signature)}`;
}

function parse(token: string): { header: Record<string, unknown>; claims: Record<string, unknown>; input: string; signature: Buffer } | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		return {
			header: JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')),
			claims: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')),
			input: `${parts[0]}.${parts[1]}`,
			signature: Buffer.from(parts[2], 'base64url'),
		};
	} catch {
		return undefined;
	}
}

function signatureValid(input: string, signature: Buffer, key: VerifyKey): boolean {
	if (key.alg === 'HS256') {
		const expected = createHmac('sha256', key.secret).update(input).digest();
		return expected.length === signature.length && timingSafeEqual(expected, signature);
	}
	return createVerify('RSA-SHA256').update(input).verify(key.publicKey, signature);
}

/** Checks a subject token against the identity provider; says what is wrong in words. */
export function verifySubjectToken(
	token: string,
	provider: IdentityProvider,
	clientId: string,
	now = Date.now(),
): { claims: Record<string, unknown> } | { invalid: string } {
	const parsed = parse(token);
	if (!parsed) return { invalid: 'the subject token is not a JWT' };
	const { header, claims } = parsed;
	// The algorithm is the provider's, never the token's choice (no "none", no RS/HS confusion).
	if (header.alg !== provider.key.alg) return { invalid: `the subject token must be signed with ${provider.key.alg}` };
	if (!signatureValid(parsed.input, parsed.signature, provider.key)) return { invalid: 'the subject token signature is invalid' };
	if (typeof claims.exp !== 'number') return { invalid: 'the subject token has no exp claim' };
	if (claims.exp * 1000 <= now) return { invalid: 'the subject token has expired' };
	if (typeof claims.iat !== 'number') return { invalid: 'the subject token has no iat claim' };
	if (claims.iss !== provider.issuer) return { invalid: 'the subject token issuer (iss) is not the identity provider' };
	const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
	if (!audiences.includes(provider.audience)) return { invalid: 'the subject token audience (aud) does not match the identity provider' };
	if (typeof claims.sub !== 'string' || !claims.sub) return { invalid: 'the subject token has no sub claim' };
	if (claims[CLIENT_ID_CLAIM] !== clientId) return { invalid: `the subject token was not issued for client ${clientId}` };
	return { claims };
}

/** The token-exchange half of the sandbox's Tapkey authorization server. */
export class TokenExchange {
	constructor(
		readonly providers: IdentityProvider[],
		readonly clients: TokenExchangeClient[],
	) {}

	exchange(form: URLSearchParams): ExchangeResult {
		const clientId = form.get('client_id') ?? undefined;
		const refuse = (status: number, error: string, description: string): ExchangeResult => ({ status, error, description, clientId });
		const client = this.clients.find((c) => c.clientId === clientId);
		if (!client) return refuse(401, 'invalid_client', 'unknown client or not a token-exchange client');
		if (form.get('client_secret')) return refuse(401, 'invalid_client', 'token-exchange clients are public and have no secret');
		if (form.get('provider') !== client.provider) {
			return refuse(400, 'invalid_request', 'provider is not the identity provider of this client');
		}
		if (form.get('subject_token_type') !== 'jwt') return refuse(400, 'invalid_request', 'subject_token_type must be jwt');
		const audience = form.get('audience');
		if (audience !== null && audience !== 'tapkey_api') return refuse(400, 'invalid_request', 'unknown audience');
		const requested = form.get('requested_token_type');
		if (requested !== null && requested !== 'access_token') return refuse(400, 'invalid_request', 'unsupported requested_token_type');
		const scopes = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
		if (!scopes.length) return refuse(400, 'invalid_request', 'scope is required');
		const outside = scopes.find((scope) => !client.scopes.includes(scope));
		if (outside) return refuse(400, 'invalid_scope', `scope "${outside}" is not enabled for this client`);

		const provider = this.providers.find((p) => p.id === client.provider)!;
		const checked = verifySubjectToken(form.get('subject_token') ?? '', provider, client.clientId);
		if ('invalid' in checked) return refuse(400, 'invalid_grant', checked.invalid);
		// The external user acts as the Tapkey user linked to it: `user:<sub>`.
		return { grant: { clientId: client.clientId, subject: `user:${String(checked.claims.sub)}`, scopes, grantType: 'token_exchange' } };
	}
}

/** The sandbox's registered identity providers, their signing keys and token-exchange clients. */
export interface SandboxTokenExchange {
	exchange: TokenExchange;
	/** Signs a subject token as the provider would (`alg` picks the RS256 or the HS256 provider). */
	subjectToken(claims: Record<string, unknown> & { sub: string }, options?: { alg?: 'RS256' | 'HS256'; expiresInSeconds?: number; clientId?: string }): string;
	/** Keys a test can sign with directly (wrong-key and tampering tests). */
	keys: { RS256: JwtKey; HS256: JwtKey };
	providers: { RS256: IdentityProvider; HS256: IdentityProvider };
	clients: { RS256: TokenExchangeClient; HS256: TokenExchangeClient };
}

export const TOKEN_EXCHANGE_SCOPES = [
	'read:owneraccounts',
	'read:core:entities',
	'write:core:entities',
	'read:grants',
	'write:grants',
	'read:logs',
];

/** A shared secret for the HS256 provider; a sandbox-only value. */
const HS256_SECRET = 'sbx-tapkey-idp-hs256-secret-8c1e5a';

let rsa: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/** One RSA key pair per process, made when first needed (the identity provider's registered key). */
function rsaKeys() {
	rsa ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
	return rsa;
}

export function createSandboxTokenExchange(): SandboxTokenExchange {
	const { privateKey, publicKey } = rsaKeys();
	const providers = {
		RS256: { id: 'sandbox-idp', issuer: 'https://idp.sandbox.invalid', audience: 'tapkey_api', key: { alg: 'RS256' as const, publicKey } },
		HS256: { id: 'sandbox-idp-hs256', issuer: 'https://idp-hs256.sandbox.invalid', audience: 'tapkey_api', key: { alg: 'HS256' as const, secret: HS256_SECRET } },
	};
	const clients = {
		RS256: { clientId: 'tapkey-token-exchange', provider: providers.RS256.id, scopes: TOKEN_EXCHANGE_SCOPES },
		HS256: { clientId: 'tapkey-token-exchange-hs256', provider: providers.HS256.id, scopes: TOKEN_EXCHANGE_SCOPES },
	};
	const keys = { RS256: { alg: 'RS256' as const, privateKey }, HS256: { alg: 'HS256' as const, secret: HS256_SECRET } };
	return {
		exchange: new TokenExchange(Object.values(providers), Object.values(clients)),
		keys,
		providers,
		clients,
		subjectToken(claims, options = {}) {
			const alg = options.alg ?? 'RS256';
			const now = Math.floor(Date.now() / 1000);
			return signJwt(
				{
					iss: providers[alg].issuer,
					aud: providers[alg].audience,
					iat: now,
					exp: now + (options.expiresInSeconds ?? 3600),
					[CLIENT_ID_CLAIM]: options.clientId ?? clients[alg].clientId,
					...claims,
				},
				keys[alg],
			);
		},
	};
}

/** The sandbox's HS256 secret, for the secret audit. */
export const TOKEN_EXCHANGE_SECRETS = [HS256_SECRET];
