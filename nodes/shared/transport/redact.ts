import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const REDACTED = '[redacted]';

/**
 * Values of a credential that must never leave the node: n8n's OAuth2 client secret and tokens,
 * and the fields the provider declares secret for this credential type (an API key, an external
 * token and the token it was exchanged for).
 */
export function secretValues(credentials: ICredentialDataDecryptedObject | undefined, secretFields: string[]): string[] {
	if (!credentials) return [];
	const tokenData = (credentials.oauthTokenData ?? {}) as Record<string, unknown>;
	return [
		credentials.clientSecret,
		tokenData.access_token,
		tokenData.refresh_token,
		tokenData.id_token,
		...secretFields.map((field) => credentials[field]),
	].filter((value): value is string => typeof value === 'string' && value.length >= 4);
}

/**
 * Every way a secret may appear in text: as stored, trimmed (a value pasted with a space is sent
 * trimmed), and JSON-escaped, also with `/` escaped as `\/` (PHP's default), longest first so
 * that no part of a longer spelling is left behind.
 */
function spellings(secrets: string[]): string[] {
	const all = new Set<string>();
	for (const secret of secrets) {
		for (const value of [secret, secret.trim()]) {
			const escaped = JSON.stringify(value).slice(1, -1);
			for (const spelling of [value, escaped, escaped.replace(/\//g, '\\/')]) {
				if (spelling.length >= 4) all.add(spelling);
			}
		}
	}
	return [...all].sort((a, b) => b.length - a.length);
}

/** Every string inside a parsed JSON value, redacted (the value itself is not changed). */
export function redactDeep(value: unknown, secrets: string[]): unknown {
	if (typeof value === 'string') return redact(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, redactDeep(entry, secrets)]));
	}
	return value;
}

/**
 * Removes secrets from text that came from outside (a provider's error body, a network error):
 * the known values of this credential, and anything shaped like a bearer/basic header or a token
 * parameter, since a misbehaving server may echo back a token we do not know yet.
 */
export function redact(text: string, secrets: string[] = []): string {
	let result = text;
	for (const secret of spellings(secrets)) {
		result = result.split(secret).join(REDACTED);
	}
	return result
		.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`)
		.replace(
			/\b(access_token|refresh_token|client_secret|id_token|code_verifier|subject_token)(["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
			`$1$2${REDACTED}`,
		);
}
