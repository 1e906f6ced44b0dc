import { sleep } from 'n8n-workflow';

/**
 * Keeps n8n processes that share one database (queue-mode workers, a main beside them) from
 * spending the same single-use refresh token.
 *
 * n8n 2.x takes a Redis lock around each OAuth2 refresh in queue mode; n8n 1.x has none. When two
 * workers get a 401 for the same expired token at the same moment, both refresh with the same
 * refresh token: the second is refused, and a provider with replay detection (RFC 9700) then
 * revokes the whole token chain, including the first worker's new token. The credential is dead
 * until someone reconnects it.
 *
 * The processes share no lock a node could use, but they share the database and a clock. So before
 * a process lets n8n refresh, it waits for its own time slot and re-reads the stored credential,
 * and keeps re-reading while it waits: whoever's slot comes first refreshes and stores the new
 * token, and the others find it there and never refresh. Slots are taken in turn on the wall clock
 * (slot k of every cycle of `slots` slots), chosen by the execution id: executions that run at the
 * same time have nearby ids, and `id × SLOT_SPREAD mod slots` gives ids less than `slots` apart
 * different slots, and neighbouring ids (the usual pair: queue-mode workers take jobs in turn)
 * slots far apart. A slot is long enough for a refresh and its save; neighbours get several.
 *
 * Only executions take turns (n8n gives them numeric ids): a request without one (loading options
 * in the editor, a poll) leads at once, as it did before.
 *
 * What remains: processes whose clocks differ by about a slot or more, a refresh that takes longer
 * than a slot, and two leaders whose execution ids are a multiple of `slots` apart can still
 * collide. The price is a wait of up to one cycle (`slots` × `slotMs`) before each refresh.
 */
export interface SettleOptions {
	/** Orders concurrent leaders: the execution id where there is one. */
	ticket?: string | number;
	/** Length of one slot; longer than a refresh and its save take. */
	slotMs?: number;
	/** Slots per cycle; more than the executions that can start a refresh at the same time. */
	slots?: number;
	/** How often the stored credential is re-read while waiting. */
	pollMs?: number;
	/** For tests. */
	now?: () => number;
	wait?: (ms: number) => Promise<void>;
}

export const REFRESH_SLOT_MS = 300;
export const REFRESH_SLOTS = 20;
/** The longest a leader waits for its turn: one cycle. */
export const MAX_REFRESH_TURN_WAIT_MS = REFRESH_SLOT_MS * REFRESH_SLOTS;
/** Coprime with the cycle: every id of a run of `slots` consecutive ids keeps a slot of its own. */
const SLOT_SPREAD = 7;
const POLL_MS = 250;

/**
 * The slot a leader takes, from its execution id (none without a numeric id). Ids 1 apart are
 * 7 slots apart, 2 apart 6 slots (with the default 20 slots).
 */
export function refreshSlot(ticket: string | number | undefined, slots: number): number | undefined {
	if (ticket === undefined || !/^\d{1,15}$/.test(String(ticket))) return undefined;
	const spread = slots % SLOT_SPREAD === 0 ? 1 : SLOT_SPREAD;
	return (Number(ticket) * spread) % slots;
}

/** The start of the next slot `slot` strictly after `now`, on the shared wall clock. */
export function nextSlotStart(now: number, slot: number, slotMs: number, slots: number): number {
	const next = Math.floor(now / slotMs) + 1;
	return (next + ((((slot - next) % slots) + slots) % slots)) * slotMs;
}

/**
 * Call right before letting n8n refresh a token. `reload` re-reads the stored credential (in a
 * worker `getCredentials()` reads the database every time) and returns the fingerprint of its
 * access token; `staleFingerprint` is the token that was refused. Resolves `true` as soon as another
 * process has stored a different token (use it, do not refresh), `false` when this process's turn
 * has come and the token is still the refused one (refresh now).
 */
export async function settleBeforeRefresh(
	reload: () => Promise<string>,
	staleFingerprint: string,
	options: SettleOptions = {},
): Promise<boolean> {
	const slotMs = options.slotMs ?? REFRESH_SLOT_MS;
	const slots = options.slots ?? REFRESH_SLOTS;
	const pollMs = options.pollMs ?? POLL_MS;
	const now = options.now ?? (() => Date.now());
	const wait = options.wait ?? (async (ms: number) => await sleep(ms));
	const slot = refreshSlot(options.ticket, slots);
	if (slot === undefined) return false;
	const turn = nextSlotStart(now(), slot, slotMs, slots);

	for (;;) {
		const left = turn - now();
		if (left <= 0) break;
		await wait(Math.min(pollMs, left));
		if (turn - now() <= 0) break;
		if ((await reload()) !== staleFingerprint) return true;
	}
	return (await reload()) !== staleFingerprint;
}
