import { timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

import type { TokenGrant } from './types';

/** Where a request carried an API token (the credential's `sendTokenAs`). */
export type ApiTokenPlacement = 'tokenHeader' | 'bearer' | 'query';

/**
 * Static API tokens a provider accepts besides OAuth access tokens. LockitNetwork's API reference
 * offers `token_query` (parameter `token`) and `token_header`; the sandbox reads the header named
 * `token`, `Authorization: Bearer <API token>` and the query parameter `token`, the assumptions
 * the node makes (README, Assumptions). A request carrying the token in more than one place is
 * refused, so a test proves the node uses exactly the placement the credential chose.
 */
export interface ApiTokenConfig {
	/** Request header carrying the token (lower case, as Node.js presents headers). */
	header: string;
	/** Query parameter carrying the token. */
	query: string;
	tokens: Array<{ token: string; subject: string }>;
}

export class ApiTokens {
	constructor(readonly config: ApiTokenConfig) {}

	private find(presented: string) {
		const bytes = Buffer.from(presented);
		return this.config.tokens.find(({ token }) => {
			const known = Buffer.from(token);
			return known.length === bytes.length && timingSafeEqual(known, bytes);
		});
	}

	/** `undefined` when the request carries no API token (it may carry an OAuth bearer token instead). */
	verify(headers: IncomingHttpHeaders, query: URLSearchParams): TokenGrant | { invalid: string } | undefined {
		const found: Array<{ placement: ApiTokenPlacement; value: string }> = [];
		const header = headers[this.config.header];
		if (header !== undefined) found.push({ placement: 'tokenHeader', value: Array.isArray(header) ? header[0] : header });
		const inQuery = query.getAll(this.config.query);
		if (inQuery.length) found.push({ placement: 'query', value: inQuery[0] });
		// A bearer token is an API token only if it is one; anything else is left to OAuth.
		const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
		if (bearer !== undefined && this.find(bearer)) found.push({ placement: 'bearer', value: bearer });
		if (found.length === 0) return undefined;
		if (found.length > 1) return { invalid: `the API token was sent in more than one place (${found.map((f) => f.placement).join(', ')})` };
		const [{ placement, value }] = found;
		const match = this.find(value);
		if (!match) return { invalid: 'unknown API token' };
		return { clientId: 'api-token', subject: match.subject, scopes: [], grantType: 'api_token', apiTokenIn: placement };
	}
}

/** LockitNetwork: one token of the script supervisor (who sees the seeded projects); sandbox-only values. */
export const LOCKITNETWORK_API_TOKENS: ApiTokenConfig = {
	header: 'token',
	query: 'token',
	tokens: [{ token: 'sbx-lockit-api-token-2f9d61c0b7', subject: 'user:script-supervisor' }],
};
