import type { IncomingHttpHeaders } from 'http';

/** `widgets` is test-only (see providers/widgets.ts): served only with `withTestProviders`. */
export type ProviderId = 'tapkey' | 'taptouch' | 'lockitnetwork' | 'widgets';

/** A registered OAuth client of the sandbox. Secrets here are sandbox-only values. */
export interface SandboxClient {
	clientId: string;
	/** Absent for public (PKCE-only) clients. */
	clientSecret?: string;
	grants: Array<'authorization_code' | 'client_credentials'>;
	/** Scopes this client may ask for; a request outside them gets `invalid_scope`. */
	scopes: string[];
	/** Authorization code without a PKCE challenge is refused for this client. */
	requirePkce?: boolean;
	/** Which "user" or service account the tokens act as; providers scope data by it. */
	subject: string;
}

export interface OAuthPolicy {
	authorizePath: string;
	tokenPath: string;
	/** How the token endpoint expects the confidential client to authenticate. */
	clientAuth: 'body' | 'basic';
	accessTokenTtlSeconds: number;
	refreshTokenTtlSeconds: number;
	/** Scopes each grant may receive at all (Taptouch: order/inventory only for client credentials). */
	scopesPerGrant?: Partial<Record<'authorization_code' | 'client_credentials', string[]>>;
	/** A refresh token is issued only when this scope was granted (Tapkey: offline_access). */
	refreshRequiresScope?: string;
	/** Scopes are not part of this provider's OAuth (LockitNetwork): a `scope` parameter is ignored. */
	scopesUnsupported?: boolean;
}

export interface ApiCall {
	method: string;
	/** Path below the provider's API prefix, as sent (Tapkey matches it case-insensitively). */
	path: string;
	query: URLSearchParams;
	body: unknown;
	headers: IncomingHttpHeaders;
}

export interface TokenGrant {
	clientId: string;
	subject: string;
	scopes: string[];
	/** `token_exchange`: Tapkey's token exchange (tokenExchange.ts); `api_token`: a static API token (apiTokens.ts). */
	grantType: 'authorization_code' | 'client_credentials' | 'token_exchange' | 'api_token';
	/** For `api_token`: where the request carried it. */
	apiTokenIn?: 'tokenHeader' | 'bearer' | 'query';
}

export interface ApiResult {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/** One provider emulated by the sandbox: its OAuth policy, its data and its API. */
export interface SandboxProvider {
	id: ProviderId;
	oauth: OAuthPolicy;
	/** Prefix of the API routes, e.g. `/tapkey/api/v1`. */
	apiPrefix: string;
	clients: SandboxClient[];
	/** Rebuilds the provider's data; options are provider-specific sizes. */
	reset(options?: Record<string, unknown>): void;
	/** An error answer in the provider's own shape (401 for a bad token, 403 for a missing scope, …). */
	error(status: number, message: string, code?: string): ApiResult;
	/** Handles an authenticated API call; throws nothing, answers errors in the provider's shape. */
	handle(call: ApiCall, grant: TokenGrant): ApiResult | Promise<ApiResult>;
	/** Data summary for tests (`GET /__admin/data/<provider>`). */
	snapshot(): unknown;
	/**
	 * The secret a request presented where it is not a bearer token (an API key header), for the
	 * `echoToken` fault. Without it, the fault echoes the bearer token.
	 */
	presentedSecret?(headers: IncomingHttpHeaders): string | undefined;
}

export interface RequestLogEntry {
	seq: number;
	provider: ProviderId | 'admin';
	/** `elsewhere`: a request that arrived at the stand-in for another origin (see `redirect` faults). */
	kind: 'authorize' | 'token' | 'api' | 'admin' | 'unknown' | 'elsewhere';
	method: string;
	path: string;
	/** Query string with any secret-looking parameter removed. */
	query: string;
	status: number;
	grantType?: string;
	clientId?: string;
	clientAuth?: 'basic' | 'body' | 'none' | 'both';
	scope?: string;
	/** For token requests: what went wrong, e.g. `invalid_grant: refresh token already used`. */
	error?: string;
	fault?: string;
	/** For API requests authenticated by an API token: where the token was (`sendTokenAs`). */
	apiTokenIn?: 'tokenHeader' | 'bearer' | 'query';
	/** For `elsewhere` requests: whether credentials or a body reached the other origin. */
	hadAuthorization?: boolean;
	bodyBytes?: number;
	/** For API requests: when the request arrived (`at` is when it was answered). */
	startedAt?: number;
	at: number;
}

export interface Fault {
	provider?: ProviderId;
	/** `api` (default), `token` or `any`. */
	target?: 'api' | 'token' | 'any';
	/** Regular expression tested against the path (after the provider prefix for API calls). */
	path?: string;
	method?: string;
	/** How many matching requests it affects; -1 for all until cleared. */
	count: number;
	/**
	 * `redirect`: answers `status` (default 302) with a Location on another origin (`localhost`
	 * instead of `127.0.0.1`) or, with `sameOrigin`, on this one. `hang`: never answers (until the
	 * client gives up or the sandbox stops). `ignorePaging`: the page parameters are dropped, so
	 * every page is the first. `ignoreFilter`: OData `$filter` is dropped, so the whole (paged)
	 * collection comes back, as from a provider that does not filter. `echoToken`: an error whose message repeats the bearer token sent.
	 */
	kind:
		| 'status'
		| 'drop'
		| 'garbage'
		| 'html'
		| 'empty'
		| 'latency'
		| 'revokeAccess'
		| 'redirect'
		| 'hang'
		| 'ignorePaging'
		/** Serves at most `pageCap` records per page, whatever page size was asked, and says nothing. */
		| 'capPage'
		| 'ignoreFilter'
		| 'echoToken';
	/** For `status`: response headers to add (a `Location` that cannot be followed, say). */
	headers?: Record<string, string>;
	/** For `capPage`: the most records a page holds (default 100). */
	pageCap?: number;
	/** For `redirect`: stay on the sandbox's own origin. */
	sameOrigin?: boolean;
	status?: number;
	body?: unknown;
	retryAfter?: string;
	latencyMs?: number;
	/** Skip this many matching requests before the fault starts. */
	after?: number;
}
