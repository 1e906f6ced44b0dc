import { createHash } from 'crypto';
import { sleepWithAbort } from 'n8n-workflow';

import type { Failure } from './failures';

/**
 * One token refresh per credential at a time, in this process.
 *
 * n8n 1.x refreshes an OAuth2 token inside `httpRequestWithAuthentication` whenever a request
 * gets a 401, with no lock: ten concurrent requests with an expired token spend the same
 * single-use refresh token ten times, and all but the first break the credential. n8n 2.x locks,
 * but neither version de-duplicates the very first client-credentials token fetch. So only one
 * request per credential leads (lets n8n refresh); the others wait for its outcome.
 *
 * Only fingerprints of tokens are kept here, never tokens.
 */

/** What followers learn from a lead. */
export type RefreshOutcome =
	/** A usable token is stored (refreshed by the lead, or found already refreshed): retry with it. */
	| 'refreshed'
	/** The lead failed for a passing reason (dropped connection, 5xx): one follower takes over. */
	| 'failed'
	/** The provider refused the grant or the client: retrying cannot help. */
	| 'rejected'
	/** The lead did not finish within its budget (a hung token endpoint). */
	| 'timedOut';

/** How a lead ended, as its followers see it; `failure` says why a lead was rejected. */
export interface Settled {
	outcome: RefreshOutcome;
	failure?: Failure;
	/** Builds a follower's own copy of the lead's error, where the failure alone cannot say it. */
	rebuild?: () => unknown;
}

export interface LeadResult<T> extends Settled {
	value?: T;
	error?: unknown;
}

export type Joined<T> = ({ led: true } & LeadResult<T>) | ({ led: false } & Settled);

const flights = new Map<string, Promise<Settled>>();

export function tokenFingerprint(token: unknown): string {
	if (typeof token !== 'string' || token === '') return '';
	return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/** Resolves once no refresh of this credential is under way; true when it had to wait for one. */
export async function refreshSettled(credentialKey: string): Promise<boolean> {
	const running = flights.get(credentialKey);
	if (!running) return false;
	await running;
	return true;
}

/**
 * Runs `lead` when no refresh of this credential is under way; otherwise waits for the running
 * one and returns its outcome. The check and the claim happen in one synchronous step, so two
 * requests can never both lead. A lead that outlives `budgetMs` is given up (n8n's token request
 * may hang forever): its followers are released with `timedOut` and the next 401 leads afresh.
 */
export async function joinRefresh<T>(
	credentialKey: string,
	lead: () => Promise<LeadResult<T>>,
	budgetMs: number,
): Promise<Joined<T>> {
	const running = flights.get(credentialKey);
	if (running) return { led: false, ...(await running) };

	let settle!: (settled: Settled) => void;
	const flight = new Promise<Settled>((resolve) => (settle = resolve));
	flights.set(credentialKey, flight);
	let result: LeadResult<T> = { outcome: 'failed' };
	// Cancelled once the lead is over, so that no timer outlives it.
	const budget = new AbortController();
	try {
		const overBudget = sleepWithAbort(budgetMs, budget.signal).then(
			(): LeadResult<T> => ({ outcome: 'timedOut' }),
			async () => await new Promise<LeadResult<T>>(() => undefined),
		);
		result = await Promise.race([lead().catch((error: unknown): LeadResult<T> => ({ outcome: 'failed', error })), overBudget]);
		return { led: true, ...result };
	} finally {
		budget.abort();
		if (flights.get(credentialKey) === flight) flights.delete(credentialKey);
		settle({ outcome: result.outcome, failure: result.failure, rebuild: result.rebuild });
	}
}

/**
 * Tokens that were refused right after a refresh: the provider says 401 for another reason
 * (permissions), and refreshing again for every item would not help. Kept briefly, by fingerprint.
 */
const refusedFreshTokens = new Map<string, { fingerprint: string; until: number }>();

export function markRefusedAfterRefresh(credentialKey: string, fingerprint: string, forMs: number): void {
	if (fingerprint) refusedFreshTokens.set(credentialKey, { fingerprint, until: Date.now() + forMs });
}

export function wasRefusedAfterRefresh(credentialKey: string, fingerprint: string): boolean {
	const entry = refusedFreshTokens.get(credentialKey);
	if (!entry || entry.until < Date.now()) {
		refusedFreshTokens.delete(credentialKey);
		return false;
	}
	return entry.fingerprint === fingerprint;
}
