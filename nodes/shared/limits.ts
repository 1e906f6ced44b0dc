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
 * How many times one request may start or join a token renewal after a 401: the first lead and
 * the takeovers after a lead that failed for a passing reason (a dropped connection, a 5xx from
 * the token endpoint).
 */
export const MAX_RENEWAL_LEADS = 3;

/**
 * How long a request waits for a token renewal (its own or another request's) before it gives up
 * with "the token endpoint did not answer". n8n's token requests have no timeout of their own; the
 * renewal itself is not abandoned: it stays the credential's renewal until it settles (see
 * `ABANDONED_RENEWAL_MS`), so a second one can never spend the same refresh token beside it. A
 * renewal that sends the leading request itself (a first token) is waited for this long plus the
 * request's Timeout: that request may be applied, so it is not given up on before its time.
 */
export const RENEWAL_WAIT_MS = 15_000;

/**
 * A renewal whose token request has not settled after this long is taken as lost (a connection
 * that hangs forever), and the next 401 may start a new one. Far longer than any token request
 * that still answers, so the two cannot overlap in practice.
 */
export const ABANDONED_RENEWAL_MS = 2 * 60_000;

/**
 * After a renewal, a token that is still refused within this time is refused for another reason
 * (permissions): the next 401s go to the user instead of renewing again.
 */
export const FRESH_TOKEN_MS = 60_000;

/**
 * How long a refusal of the client or of a token exchange is remembered, so that a burst of runs
 * does not ask the token endpoint again each: short, since a refusal can end at the provider with
 * nothing in the credential changing (a grant re-enabled for the client). A refused refresh token
 * stays remembered: it can never work again.
 */
export const CLIENT_REFUSAL_MEMORY_MS = 30_000;

/**
 * After a refresh token is refused, the stored credential is read again this many times, this far
 * apart, before the refusal is final: the refresh token may have been spent by another process
 * sharing the database that has not saved its new token yet.
 */
export const REFUSED_REFRESH_RECHECKS = 12;
export const REFUSED_REFRESH_RECHECK_MS = 250;

/**
 * Turns across processes (n8n 1.x queue mode, see transport/turns.ts): one slot is longer than a
 * token request that takes a second plus saving the token, so that a process whose turn comes
 * next finds the token of the previous one stored.
 */
export const TURN_SLOT_MS = 1_500;

/** Slots per cycle: executions whose ids are fewer than this apart never share a slot. */
export const TURN_SLOTS = 16;

/** How often a process waiting for its turn re-reads the stored credential. */
export const TURN_POLL_MS = 250;

/** Pages one list call may fetch: 10,000 pages of 1,000 records is beyond any real account. */
export const MAX_PAGES = 10_000;

/** Entries of one page of a searchable dropdown over a paged list. */
export const LIST_SEARCH_PAGE = 100;

/**
 * Records one dropdown request reads looking for entries that match the search text (none of the
 * providers searches by text); past it, the dropdown offers the next page instead.
 */
export const LIST_SEARCH_MAX_SCANNED = 10_000;

/**
 * Page sizes learned per credential and kind of list (transport/pageSizes.ts) kept in this
 * process; the least recently used is forgotten first, and costs one request to learn again.
 */
export const MAX_REMEMBERED_PAGE_SIZES = 1_000;

/**
 * Requests of one credential in flight at once in this process, across all nodes and executions:
 * enough for a few dozen owners or stores in one round trip, few enough that no provider sees a
 * flood from one n8n (n8n's HTTP Request node sends every item at once).
 */
export const MAX_IN_FLIGHT_PER_CREDENTIAL = 32;

/**
 * Of those, the most one execution (or a trigger's polls, or the editor's list searches) holds at
 * once: the rest stays free for the others, so that requests of one execution that hang until
 * their Timeout never hold up another execution's requests on the same credential.
 */
export const MAX_IN_FLIGHT_PER_LANE_USER = 24;

/**
 * Input items whose reads run at once when Request Options → Concurrency is not set. n8n's HTTP
 * Request node sends all items at once; the credential's lane (above) is what keeps the provider
 * from a flood, so this only bounds the work started per node.
 */
export const DEFAULT_READ_CONCURRENCY = 100;

/** The largest Concurrency a node accepts. */
export const MAX_READ_CONCURRENCY = 1000;
