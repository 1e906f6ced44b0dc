import { timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

import type { TokenGrant } from './types';

/**
 * Static API tokens a provider accepts besides OAuth access tokens. LockitNetwork's API reference
 * offers `token_header` (and `token_query`, whose parameter is `token`); the sandbox reads the
 * header named `token`, the same assumption the node makes (README, Assumptions).
 */
export interface ApiTokenConfig {
	/** Request header carrying the token (lower case, as Node.js presents headers). */
	header: string;
	tokens: Array<{ token: string; subject: string }>;
}

export class ApiTokens {
	constructor(readonly config: ApiTokenConfig) {}

	/** `undefined` when the request carries no API token (it may carry a bearer token instead). */
	verify(headers: IncomingHttpHeaders): TokenGrant | { invalid: string } | undefined {
		const raw = headers[this.config.header];
		if (raw === undefined) return undefined;
		const presented = Buffer.from(Array.isArray(raw) ? raw[0] : raw);
		const match = this.config.tokens.find(({ token }) => {
			const known = Buffer.from(token);
			return known.length === presented.length && timingSafeEqual(known, presented);
		});
		if (!match) return { invalid: 'unknown API token' };
		return { clientId: 'api-token', subject: match.subject, scopes: [], grantType: 'api_token' };
	}
}

/** LockitNetwork: one token of the script supervisor (who sees the seeded projects); sandbox-only values. */
export const LOCKITNETWORK_API_TOKENS: ApiTokenConfig = {
	header: 'token',
	tokens: [{ token: 'sbx-lockit-api-token-2f9d61c0b7', subject: 'user:script-supervisor' }],
};
