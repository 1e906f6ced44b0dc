/**
 * How a LockitNetwork API token is sent. The API reference (doc.api.lockitnetwork.com, OpenAPI
 * 1.0.1) offers it as the security schemes `token_query` and `token_header`; the query parameter
 * is `token`. ASSUMED (see README, Assumptions): the header carries the same name. It is kept here,
 * in one place, and the header is used rather than the query so the token stays out of URLs and
 * access logs.
 */
export const LOCKITNETWORK_TOKEN_HEADER = 'token';
