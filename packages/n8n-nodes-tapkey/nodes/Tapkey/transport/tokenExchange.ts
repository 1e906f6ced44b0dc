import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IN8nHttpFullResponse } from 'n8n-workflow';
import { z } from 'zod';

import { PRE_AUTHENTICATION_FAILED, PRE_AUTHENTICATION_REFUSED } from '../../shared/provider';
import { resolveEndpoint } from '../../../credentials/shared';
import { redact } from '../../shared/transport';
import { TAPKEY_ENVIRONMENTS } from './endpoints';

/**
 * Tapkey's token exchange (developers.tapkey.io → Authentication → Token Exchange): a custom OAuth
 * grant that swaps a JWT issued by the integrator's own identity provider for a Tapkey access
 * token. No refresh token is issued; a new access token needs a still-valid external token.
 */
export const TOKEN_EXCHANGE_GRANT = 'http://tapkey.net/oauth/token_exchange';

/** The claim Tapkey requires in the external token: the token-exchange OAuth client's ID. */
export const CLIENT_ID_CLAIM = 'http://tapkey.net/oauth/token_exchange/client_id';

/** An exchange that cannot succeed until the credential (or its external token) changes. */
const fail = (reason: string) => new Error(`${PRE_AUTHENTICATION_REFUSED} ${reason}`);

/** An exchange that may succeed when tried again: Tapkey did not answer, or not with a refusal. */
const failForNow = (reason: string) => new Error(`${PRE_AUTHENTICATION_FAILED} ${reason}`);

/** OAuth error codes that say the token server could not decide now, not that it refuses. */
const PASSING_ERRORS = new Set(['temporarily_unavailable', 'server_error']);

const FRESH_TOKEN_ADVICE =
	'Get a fresh token for the user from your identity provider and paste it into "External Token (JWT)", or fill that field with an expression that returns a current token.';

/** The claims of a JWT, read without checking the signature (Tapkey checks it). */
export function jwtClaims(token: string): IDataObject | undefined {
	const parts = token.split('.');
	if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return undefined;
	try {
		const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
		return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * What can be told about the external token without asking Tapkey: that it is there, is a JWT, is
 * not expired and was issued for this OAuth client. Anything else is Tapkey's to judge.
 */
export function checkSubjectToken(credentials: ICredentialDataDecryptedObject, now = Date.now()): string {
	const token = typeof credentials.subjectToken === 'string' ? credentials.subjectToken.trim() : '';
	if (!token) {
		throw fail(`the credential has no external token. ${FRESH_TOKEN_ADVICE}`);
	}
	const claims = jwtClaims(token);
	if (!claims) {
		throw fail(
			'"External Token (JWT)" is not a JWT (three base64url parts separated by dots). Paste the token your identity provider issued, not an ID or a key.',
		);
	}
	if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) {
		throw fail(`the external token expired at ${new Date(claims.exp * 1000).toISOString()}. ${FRESH_TOKEN_ADVICE}`);
	}
	const clientId = String(credentials.clientId ?? '').trim();
	const claimed = claims[CLIENT_ID_CLAIM];
	if (clientId && typeof claimed === 'string' && claimed !== clientId) {
		throw fail(
			`the external token was issued for the OAuth client "${claimed}", but the credential's Client ID is "${clientId}". Tapkey only exchanges a token for the client named in its "${CLIENT_ID_CLAIM}" claim.`,
		);
	}
	return token;
}

/** Turns Tapkey's OAuth error codes into what the user should check. */
function explainRefusal(error: string, description: string): string {
	const said = description ? `${error} (${description})` : error;
	switch (error) {
		case 'invalid_grant':
			return `Tapkey did not accept the external token: ${said}. Check that it is signed with the key registered for the identity provider, that its "iss" and "aud" match the registration and that it has not expired. ${FRESH_TOKEN_ADVICE}`;
		case 'invalid_client':
		case 'unauthorized_client':
			return `Tapkey refused the OAuth client: ${said}. Check the Client ID: it must belong to an OAuth client created with the grant type "Token Exchange".`;
		case 'invalid_scope':
			return `Tapkey refused the scopes: ${said}. Ask only for scopes enabled for the OAuth client.`;
		case 'invalid_request':
			return `Tapkey refused the request: ${said}. Check the Identity Provider ID.`;
		default:
			return `Tapkey refused the token exchange: ${said}.`;
	}
}

/** The token endpoint for the credential's environment. */
export function tokenUrl(credentials: ICredentialDataDecryptedObject): string {
	const url = resolveEndpoint(credentials, TAPKEY_ENVIRONMENTS, 'accessTokenUrl').trim();
	try {
		new URL(url);
	} catch {
		throw fail('the credential has no valid Access Token URL. Check "Environment" and, for a custom environment, "Access Token URL".');
	}
	return url;
}

const form = (fields: Record<string, string>) =>
	Object.entries(fields)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
		.join('&');

/**
 * One token exchange. Every failure is an Error starting with `PRE_AUTHENTICATION_REFUSED` (Tapkey
 * refused, or the credential cannot be sent) or `PRE_AUTHENTICATION_FAILED` (no answer, a 5xx, an
 * answer that is neither a token nor a refusal), whose text says what to do and never holds a token.
 */
export async function exchangeToken(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ accessToken: string }> {
	const subjectToken = checkSubjectToken(credentials);
	const url = tokenUrl(credentials);
	const secrets = [subjectToken];
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequest({
			method: 'POST',
			url,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: form({
				grant_type: TOKEN_EXCHANGE_GRANT,
				client_id: String(credentials.clientId ?? '').trim(),
				provider: String(credentials.identityProvider ?? '').trim(),
				scope: String(credentials.scope ?? '').trim(),
				subject_token_type: 'jwt',
				subject_token: subjectToken,
				// As Tapkey's own token-exchange samples send them.
				audience: 'tapkey_api',
				requested_token_type: 'access_token',
			}),
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// The external token must not follow a redirect to another host.
			disableFollowRedirect: true,
			timeout: 30_000,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw failForNow(`Tapkey's token endpoint ${new URL(url).host} did not answer (${redact(message, secrets)}).`);
	}

	return tokenFromAnswer(response.statusCode, response.body, secrets);
}

/** A token answer: an access token, with whatever else Tapkey sends beside it. */
export const tokenAnswerSchema = z.object({ access_token: z.string().min(1) }).passthrough();

/** An OAuth error answer (RFC 6749 §5.2); a description that is not text is left out, not fatal. */
export const oAuthErrorSchema = z.object({ error: z.string().min(1), error_description: z.string().catch('') }).passthrough();

function parsedJson(text: unknown): unknown {
	try {
		return JSON.parse(String(text ?? ''));
	} catch {
		// Handled by the caller: neither a token nor an OAuth error.
		return undefined;
	}
}

/** The access token in the token endpoint's answer, or the error that says why there is none. */
export function tokenFromAnswer(statusCode: number, text: unknown, secrets: string[]): { accessToken: string } {
	const body = parsedJson(text);
	const token = tokenAnswerSchema.safeParse(body);
	if (statusCode >= 200 && statusCode < 300 && token.success) {
		return { accessToken: token.data.access_token };
	}
	const refusal = oAuthErrorSchema.safeParse(body);
	const code = refusal.success ? refusal.data.error : undefined;
	if (statusCode >= 500 || (code && PASSING_ERRORS.has(code))) {
		const said = code ? ` (${redact(code, secrets)})` : '';
		throw failForNow(`Tapkey's token endpoint answered HTTP ${statusCode}${said}: it could not exchange the token now. Try again later.`);
	}
	if (refusal.success) {
		throw fail(redact(explainRefusal(refusal.data.error, refusal.data.error_description), secrets));
	}
	throw failForNow(
		`Tapkey's token endpoint answered HTTP ${statusCode} without an access token. Check "Environment" and, for a custom environment, "Access Token URL".`,
	);
}
