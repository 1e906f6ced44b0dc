import { REFRESH_TURNS_FIELD } from '../../../credentials/shared/refreshTurns';
import type { ProviderApi, RequestContext } from '../provider';
import { TURN_POLL_MS, TURN_SLOT_MS, TURN_SLOTS } from '../limits';
import type { CredentialState } from './credential';
import { readCredential } from './credential';
import { waitUnless } from './wait';

/**
 * Turns across processes: keeps n8n processes that share one database from spending the same
 * single-use refresh token at the same moment, where n8n itself does not.
 *
 * Where a race exists: n8n 1.x (and 2.x before n8n-core 2.30) refreshes with no lock, so two
 * queue-mode workers that get a 401 for the same expired token both refresh with the same refresh
 * token; the second is refused, and a provider with replay detection (RFC 9700) then revokes the
 * whole token chain. n8n-core 2.30 and later serialise every refresh per credential, in the process
 * and across processes (a Redis lease in queue mode), and re-read the credential before refreshing.
 * A node recognises those versions by a request helper that arrived in the same release,
 * `getSecureEgressFilter` (absent from every 1.x and every earlier 2.x n8n-core). Within one
 * process, refresh.ts already lets only one request renew. So turns are taken only by executions
 * of an older n8n in queue mode. Nothing n8n 1.x hands a node tells a queue-mode process from a
 * single one (a worker sets queue mode in its own config, not in its environment, and a node may
 * not read either), so the user says so on the credential: "Take Turns to Refresh", off unless
 * turned on, so that a single process never waits (../credentials/refreshTurns.ts).
 *
 * How: the processes share no lock a node could use, but they share the database and a clock.
 * Before it lets n8n refresh, a process waits for its own slot on the wall clock and re-reads the
 * stored credential while it waits: whoever's slot comes first refreshes and stores the new token,
 * and the others find it there and never refresh. The slot comes from the execution id (ids of
 * executions that run at the same time are close), `id × TURN_SPREAD mod TURN_SLOTS`: ids fewer
 * than `TURN_SLOTS` apart get different slots, neighbours far apart, and a slot is longer than a
 * token request of a second plus saving the token, so even neighbouring slots do not overlap.
 *
 * What remains: ids a multiple of `TURN_SLOTS` apart share a slot, clocks that differ by about a
 * slot break the order, and requests without an execution (list searches, polls on the main)
 * take no turn. The price, only where turns are taken: up to one cycle of waiting per renewal.
 */

/** Coprime with `TURN_SLOTS`: ids 1 apart are 7 slots apart, 2 apart 2, 3 apart 5. */
const TURN_SPREAD = 7;

/** The longest a turn can be waited for: one cycle. */
export const TURN_CYCLE_MS = TURN_SLOT_MS * TURN_SLOTS;

function numericExecutionId(ctx: RequestContext): number | undefined {
	const id = 'getExecutionId' in ctx && typeof ctx.getExecutionId === 'function' ? ctx.getExecutionId() : undefined;
	return id !== undefined && /^\d{1,15}$/.test(String(id)) ? Number(id) : undefined;
}

function refreshIsCoordinatedByN8n(ctx: RequestContext): boolean {
	return typeof (ctx.helpers as { getSecureEgressFilter?: unknown }).getSecureEgressFilter === 'function';
}

/**
 * The slot this execution waits for before a refresh of credential `stale`, or `undefined` when no
 * other process can race it (or the user did not ask for turns) and the refresh may start at once.
 */
export function turnSlot(ctx: RequestContext, stale: CredentialState): number | undefined {
	if (refreshIsCoordinatedByN8n(ctx)) return undefined;
	if (stale.credentials[REFRESH_TURNS_FIELD] !== true) return undefined;
	const executionId = numericExecutionId(ctx);
	if (executionId === undefined) return undefined;
	return (executionId * TURN_SPREAD) % TURN_SLOTS;
}

/** The start of the next slot `slot` strictly after `now`, on the shared wall clock. */
export function nextSlotStart(now: number, slot: number): number {
	const next = Math.floor(now / TURN_SLOT_MS) + 1;
	return (next + ((((slot - next) % TURN_SLOTS) + TURN_SLOTS) % TURN_SLOTS)) * TURN_SLOT_MS;
}

export type TurnOutcome =
	/** Another process stored a new token meanwhile: use it, do not refresh. */
	| { kind: 'renewedElsewhere'; state: CredentialState }
	/** This process's turn has come and the refused token is still the stored one: refresh now. */
	| { kind: 'yourTurn' }
	| { kind: 'cancelled' };

/**
 * Waits for slot `slot`, re-reading the stored credential every `TURN_POLL_MS`, and says whether
 * to refresh. Ends early when `stop()` turns true (the execution was cancelled).
 */
export async function waitForTurn(
	ctx: RequestContext,
	api: ProviderApi,
	slot: number,
	staleFingerprint: string,
	stop: () => boolean,
): Promise<TurnOutcome> {
	const turn = nextSlotStart(Date.now(), slot);
	for (;;) {
		const left = turn - Date.now();
		if (left > 0 && !(await waitUnless(Math.min(TURN_POLL_MS, left), stop))) return { kind: 'cancelled' };
		const state = await readCredential(ctx, api);
		if (state.tokenFingerprint !== '' && state.tokenFingerprint !== staleFingerprint) {
			return { kind: 'renewedElsewhere', state };
		}
		if (turn - Date.now() <= 0) return { kind: 'yourTurn' };
	}
}
