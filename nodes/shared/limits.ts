/**
 * Every wait and every loop of the transport is bounded; the bounds live here so that a reader
 * sees all of them at once.
 */

/** Milliseconds a request may take before it is abandoned (and, for reads, retried). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The largest timeout a node accepts: a longer wait is a hung request, not a slow one. */
export const MAX_TIMEOUT_MS = 10 * 60_000;

/** Reads are retried this many times after a 5xx, a timeout or a dropped connection. */
export const MAX_RETRIES = 3;

/** First back-off after a failure; doubled on each retry. */
export const BACKOFF_BASE_MS = 250;

/** Longest `Retry-After` waited for inside one execution; longer ones fail with a clear error. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Redirects followed within the API's own origin before giving up. */
export const MAX_REDIRECTS = 5;

/**
 * How many times one 401 wave may try to refresh a token: the first lead and the takeovers after
 * a lead that failed for a passing reason (a dropped connection, a 5xx from the token endpoint).
 */
export const MAX_REFRESH_LEADS = 3;

/**
 * n8n's token requests have no timeout of their own. A lead (its request, the token request and
 * the retried request) gets this many request timeouts before its followers are released.
 */
export const REFRESH_BUDGET_TIMEOUTS = 3;

/**
 * After a refresh, a token that is still refused within this time is refused for another reason
 * (permissions): the next 401s go to the user instead of refreshing again.
 */
export const FRESH_TOKEN_MS = 60_000;

/** Pages one list call may fetch: 10,000 pages of 1,000 records is beyond any real account. */
export const MAX_PAGES = 10_000;

/**
 * Requests of one credential in flight at once in this process, across all nodes and executions:
 * enough for a few dozen owners or stores in one round trip, few enough that no provider sees a
 * flood from one n8n (n8n's HTTP Request node sends every item at once).
 */
export const MAX_IN_FLIGHT_PER_CREDENTIAL = 32;

/**
 * Input items whose reads run at once when Request Options → Concurrency is not set. n8n's HTTP
 * Request node sends all items at once; the credential's lane (above) is what keeps the provider
 * from a flood, so this only bounds the work started per node.
 */
export const DEFAULT_READ_CONCURRENCY = 100;

/** The largest Concurrency a node accepts. */
export const MAX_READ_CONCURRENCY = 1000;
