import { horizonOf, pollSettings } from './pollCursor';
import type { PollCursor, PollOptions } from './pollCursor';
import { timeMs } from './time';

/*
 * Records whose time is ahead of this machine's clock (a device with a wrong clock): they are
 * emitted but never move a cursor, and the cursor remembers them only while it has room.
 */

/**
 * The records ahead of the clock still to remember: those inside the window that starts at
 * `horizon` (older ones are never offered again). They are at most `maxSeenIds`: one is emitted
 * only while there is room to remember it (`NewRecordPicker.result`).
 */
export function keepAhead(entries: Map<string, number>, horizon: number): PollCursor['ahead'] {
	const kept = [...entries]
		.filter(([, time]) => time >= horizon)
		.sort((a, b) => a[1] - b[1])
		.map(([id, time]) => ({ id, time: new Date(time).toISOString() }));
	return kept.length ? kept : undefined;
}

/** The cursor's records ahead of the clock: time (epoch milliseconds) by ID; malformed entries dropped. */
export function aheadOf(cursor: PollCursor): Map<string, number> {
	const entries = new Map<string, number>();
	for (const entry of Array.isArray(cursor.ahead) ? cursor.ahead : []) {
		const time = timeMs(entry?.time);
		if (time !== undefined && entry.id !== undefined) entries.set(String(entry.id), time);
	}
	return entries;
}

/** How many more records ahead of the clock the cursor can remember (and so emit). */
export function roomAhead(entries: Map<string, number>, horizon: number, maxSeenIds: number): number {
	let remembered = 0;
	for (const time of entries.values()) if (time >= horizon) remembered++;
	return Math.max(0, maxSeenIds - remembered);
}

/**
 * The newest time (exclusive, ISO 8601) the next query need cover, when the cursor cannot remember
 * another record ahead of the clock: those records wait until the clock reaches them, so asking for
 * them would only read them again. `undefined`: no upper bound.
 */
export function pollUntil(cursor: PollCursor, options: PollOptions = {}): string | undefined {
	const { overlapMs, maxSeenIds, latestMs } = pollSettings(options);
	if (roomAhead(aheadOf(cursor), horizonOf(cursor, overlapMs), maxSeenIds) > 0) return undefined;
	return new Date(latestMs + 1).toISOString();
}

/**
 * A cursor that an earlier version moved ahead of the clock (after a record with a wrong clock)
 * comes back to now, or the trigger would stay silent until the clock caught up. (Not to now +
 * `POLL_MAX_AHEAD_MS`: a trigger without overlap would then never ask for what arrives in those
 * minutes.) The IDs it remembered at `since` become records ahead, so they are not emitted again.
 */
export function clampCursor(cursor: PollCursor, options: PollOptions = {}): PollCursor {
	const { latestMs } = pollSettings(options);
	const since = timeMs(cursor.since);
	if (since === undefined || since <= latestMs) return cursor;
	const time = new Date(since).toISOString();
	const ahead = [...(cursor.ahead ?? []), ...(cursor.idsAtSince ?? []).map((id) => ({ id, time }))];
	const clamped: PollCursor = { ...cursor, since: new Date(options.now ?? Date.now()).toISOString(), idsAtSince: [], ahead };
	// Its floor belonged to the window of the old `since`.
	delete clamped.seenFrom;
	return clamped;
}
