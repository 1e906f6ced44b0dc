import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/**
 * The provider port: what a provider declares once, and what the shared core (transport, node
 * helpers, credential builders) reads. The core knows no provider by name; a new provider is a
 * new `ProviderApi` value, its credential types and its operations.
 */

/** Every n8n context our nodes make requests from. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What a provider's error body says, reduced to what a user can act on. */
export interface ProviderErrorDetails {
	message?: string;
	code?: string;
}

/**
 * How a credential's token is renewed when the API answers 401: `oAuth2` (n8n refreshes it),
 * `preAuthentication` (n8n runs the credential's `preAuthentication` again, e.g. a token exchange)
 * or `none` (a static API token or key: a 401 is final).
 */
export type Renewal = 'oAuth2' | 'preAuthentication' | 'none';

/**
 * Every error a credential's `preAuthentication` throws starts with one of these, so the transport
 * can tell a failed token exchange from a failed API call. n8n 1.x keeps only the message of the
 * errors it wraps, so the message is the one thing that survives. `FAILED` is a passing failure (no
 * answer, a 5xx, `temporarily_unavailable`): the exchange is tried again. `REFUSED` is an exchange
 * that cannot succeed with the credential as it is (an OAuth error such as `invalid_grant`, or a
 * token checked before sending): it ends the requests waiting for it and is remembered for a while.
 */
export const PRE_AUTHENTICATION_FAILED = 'Token exchange failed:';
export const PRE_AUTHENTICATION_REFUSED = 'Token exchange refused:';

/** One value of a node's "Authentication" parameter: a credential type and how it is renewed. */
export interface Authentication {
	/** The option as the node's "Authentication" shows it, e.g. "OAuth2". */
	displayName: string;
	description?: string;
	/** The n8n credential type name, e.g. `exampleOAuth2Api`. */
	credentialType: string;
	renewal: Renewal;
	/**
	 * Fields of the credential that hold secrets, redacted from every error. n8n's OAuth2 fields
	 * (client secret, tokens) are known to the core; a provider names the others.
	 */
	secretFields?: string[];
	/** Where a `preAuthentication` credential keeps the token it got (its expirable field). */
	tokenField?: string;
	/** What users call the secret of a static credential (`none`), in errors: "API token" by default. */
	secretName?: string;
}

/** How one provider's API differs from the others; everything else is the shared core's. */
export interface ProviderApi {
	/** Product name as users know it, used in every error message. */
	displayName: string;
	/**
	 * The credential types a node may use, keyed by the value of its `authentication` parameter
	 * (fixed names: users' workflows hold them).
	 */
	authentications: Record<string, Authentication>;
	/** The authentication of workflows saved without the parameter (or of nodes without one). */
	defaultAuthentication: string;
	/** API base URL (no trailing slash) for the credential's environment. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/**
	 * Turns a parsed 2xx body into the payload. Providers with an envelope (`{ status, data }`) report an
	 * error carried inside a 200 here.
	 */
	unwrap?(body: unknown): { data: unknown } | { error: ProviderErrorDetails; status?: number };
	/** Message and code from an error body, whatever shape the provider uses. */
	errorDetails(body: unknown): ProviderErrorDetails;
	/**
	 * A cheap read that any valid token may make: it lets n8n run a token exchange again after a
	 * 401 (the request at hand may be a write, which n8n's own retry would send twice). Needed only
	 * by a provider with a `preAuthentication` authentication.
	 */
	tokenProbe?: Pick<ApiRequest, 'method' | 'path' | 'qs'>;
	/** Replaces the generic hint for a status where it would mislead (a provider without scopes). */
	statusHints?: Partial<Record<number, string>>;
	/** Extra explanation for a status, e.g. endpoints open only to some plans. */
	describeStatus?(status: number, request: ApiRequest): string | undefined;
}

/** One request as operations describe it; providers add nothing to it. */
export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the API base URL, starting with `/`; IDs already encoded by the caller. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** What the user asked for, in words, for error messages: "list bound locks". */
	operation: string;
	/**
	 * A POST that changes nothing (a search or a match sent as a body): retried like a read, and its
	 * errors do not warn that a change may have happened.
	 */
	safe?: boolean;
	/** Milliseconds before a request is abandoned (and, for reads, retried). */
	timeout?: number;
}

/** The query of one page, and the page size asked for (a shorter page is the last one). */
export interface PageQuery {
	qs: IDataObject;
	size?: number;
}

/** What paging knows after a page: for a strategy that reads the next page from the answer. */
export interface PageAnswer {
	/** The page number (0-based) of the answer. */
	page: number;
	/** The payload as the provider sent it (after `unwrap`). */
	payload: unknown;
	/** Records received so far, this page included. */
	received: number;
}

/** One provider's way of asking for the next page. */
export interface PagingStrategy {
	/**
	 * Query parameters for page `page` (0-based), given how many records the server has sent so far
	 * and how many more are wanted (`undefined` = all), and the previous page's answer (none for the
	 * first page). `undefined`: there is no next page (a cursor the answer did not carry). With a
	 * `size`, a page shorter than it is the last; without one (cursor paging sets none: a server may
	 * send fewer records than asked and still have more), the strategy alone ends paging, and a
	 * strategy that never reads the answer is one request.
	 */
	pageQuery(page: number, received: number, wanted: number | undefined, previous?: PageAnswer): PageQuery | undefined;
	/** The records of a page's payload; by default the payload itself, which must be a list. */
	records?(payload: unknown): unknown;
	/**
	 * Pages are asked for by the number of records received (`$skip`, `offset`), so a page of any
	 * size can follow any other: paging can go on past a provider's undocumented page-size cap.
	 */
	offsetBased?: boolean;
	/** Identity of a record, so a record seen on an earlier page (offsets shifted) is not emitted twice. */
	recordKey?(record: IDataObject): string | undefined;
}

/** The credential a node uses, as the transport works with it. */
export interface CredentialChoice {
	/** The value of the node's `authentication` parameter it was chosen by. */
	key: string;
	/** The n8n credential type name. */
	type: string;
	renewal: Renewal;
	secretFields: string[];
	tokenField?: string;
	secretName: string;
}
