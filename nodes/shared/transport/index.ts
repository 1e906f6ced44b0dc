/**
 * The transport: what a provider's transport calls, and nothing else of this folder.
 *
 * - `apiRequest` sends one call with the node's credential (request.ts): the token renewed after a
 *   401 (refresh.ts, renewal.ts), retries, rate limits, errors a user can act on;
 * - `paginate` pages through a list with the provider's paging strategy, lazily (paging.ts);
 * - `collect` takes every record of it, reading one page ahead.
 *
 * Calls go one way, down: request.ts → send.ts (one HTTP exchange) and refresh.ts → renewal.ts →
 * n8nRenewal.ts, refusals.ts, turns.ts → credential.ts; none calls back up.
 */
export { apiRequest } from './request';
export { collect, paginate, Pager, resumedAt } from './paging';
export { chooseCredential } from './credential';
export { pickErrorDetails } from './errorCauses';
export { redact } from './redact';
