import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/** Every n8n context our nodes make requests from. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What a provider's error body says, reduced to what a user can act on. */
export interface ProviderErrorDetails {
	message?: string;
	code?: string;
}

/**
 * How one provider's API differs from the others. Everything else (auth, retries, refresh
 * coordination, error wording, redaction) is shared in `transport.ts`.
 */
export interface ProviderApi {
	/** Product name as users know it, used in every error message. */
	displayName: string;
	/** The n8n credential type name, e.g. `tapkeyOAuth2Api`. */
	credentialType: string;
	/**
	 * Other credential types the node offers, keyed by the value of its `authentication` parameter
	 * (e.g. `tokenExchange`). `credentialType` stays the default: workflows saved without the
	 * parameter keep using it. See `credentialChoice.ts`.
	 */
	credentialTypes?: Record<string, CredentialChoice>;
	/** API base URL (no trailing slash) for the credential's environment. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/**
	 * Turns a parsed 2xx body into the payload. Providers with an envelope (Taptouch) report an
	 * error carried inside a 200 here.
	 */
	unwrap?(body: unknown): { data: unknown } | { error: ProviderErrorDetails; status?: number };
	/** Message and code from an error body, whatever shape the provider uses. */
	errorDetails(body: unknown): ProviderErrorDetails;
	/**
	 * A cheap read that any valid token may make (the credential test's request). It is the only
	 * request that lets n8n refresh an expired token, so a user's write is never sent twice.
	 */
	tokenProbe: Pick<ApiRequest, 'method' | 'path' | 'qs'>;
	/** Replaces the generic hint for a status where it would mislead (LockitNetwork has no scopes). */
	statusHints?: Partial<Record<number, string>>;
	/** Extra explanation for a status, e.g. LockitNetwork's premium-only projects. */
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
	 * A POST that changes nothing (LockitNetwork's clip matching): retried like a read, and its
	 * errors do not warn that a change may have happened.
	 */
	safe?: boolean;
	/** Milliseconds before a request is abandoned (and, for reads, retried). */
	timeout?: number;
}

/** One provider's way of asking for the next page. */
export interface PagingStrategy {
	/**
	 * Query parameters for page `page` (0-based), given how many records the server has sent so far
	 * and how many more are wanted (`undefined` = all). `size` is the page size asked for: a shorter page
	 * is the last one. Without `size` the endpoint is not paged and one request is all there is.
	 */
	pageQuery(page: number, received: number, wanted: number | undefined): { qs: IDataObject; size?: number };
	/**
	 * Pages are asked for by the number of records received (`$skip`, `offset`), so a page of any
	 * size can follow any other: paging can go on past a provider's undocumented page-size cap.
	 */
	offsetBased?: boolean;
	/** Identity of a record, so a record seen on an earlier page (offsets shifted) is not emitted twice. */
	recordKey?(record: IDataObject): string | undefined;
}

/**
 * A credential type a node can be switched to, and how a token it holds is renewed when the API
 * answers 401: `oAuth2` (n8n refreshes it), `preAuthentication` (n8n runs the credential's
 * `preAuthentication` again, e.g. a token exchange) or `none` (a static API token: a 401 is final).
 */
export interface CredentialChoice {
	type: string;
	renewal: 'oAuth2' | 'preAuthentication' | 'none';
}
