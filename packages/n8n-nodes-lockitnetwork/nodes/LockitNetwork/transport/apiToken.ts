import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * How a LockitNetwork API token is sent. The API reference (doc.api.lockitnetwork.com, OpenAPI
 * 1.0.1) offers it as the security schemes `token_query` and `token_header`; the query parameter
 * is `token`. ASSUMED (see README, Assumptions): the header carries the same name, and the API also
 * takes the token as `Authorization: Bearer`, as it takes OAuth access tokens. All of it is kept
 * here, in one place. The header is the default, so the token stays out of URLs and access logs.
 */
export const LOCKITNETWORK_TOKEN_HEADER = 'token';
export const LOCKITNETWORK_TOKEN_QUERY = 'token';

/** The credential's `sendTokenAs` values (saved in users' credentials: never rename one). */
export type TokenPlacement = 'tokenHeader' | 'bearer' | 'query';

/**
 * The request with the token where the credential says. A credential saved before the choice
 * existed (no `sendTokenAs`) keeps the header it always used; so does an unknown value, the
 * choice that leaves the token out of URLs.
 */
export function placeApiToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const token = String(credentials.apiToken ?? '');
	const placement = credentials.sendTokenAs as TokenPlacement | undefined;
	if (placement === 'query') {
		return { ...requestOptions, qs: { ...((requestOptions.qs as IDataObject | undefined) ?? {}), [LOCKITNETWORK_TOKEN_QUERY]: token } };
	}
	const headers = { ...(requestOptions.headers ?? {}) };
	if (placement === 'bearer') headers.Authorization = `Bearer ${token}`;
	else headers[LOCKITNETWORK_TOKEN_HEADER] = token;
	return { ...requestOptions, headers };
}
