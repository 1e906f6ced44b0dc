import { timeMs } from './time';

/**
 * Where a polling trigger stopped: the newest timestamp emitted, and the IDs already emitted that
 * the next poll's query can return again (those at `since`; with an overlap window, those inside it).
 */
export interface PollCursor {
	since?: string;
	idsAtSince?: string[];
	/**
	 * Set only when more IDs were seen inside the window than `maxSeenIds`: records older than
	 * this were forgotten and are never emitted (rather than emitted twice).
	 */
	seenFrom?: string;
	/** The parameters the cursor belongs to; a change starts a new baseline. */
	scope?: string;
	/**
	 * Records already emitted whose time was more than `POLL_MAX_AHEAD_MS` ahead of this machine's
	 * clock (a device with a wrong clock). They never move `since`; they are remembered here until
	 * the window has passed their time, so they are not emitted twice.
	 */
	ahead?: Array<{ id: string; time: string }>;
}

/** Most records one poll emits; the rest follow on the next polls, oldest first. */
export const POLL_MAX_RECORDS = 1000;
/** Most IDs a cursor remembers. */
export const POLL_MAX_SEEN_IDS = 10_000;
/**
 * How far a record's time may be ahead of this machine's clock and still move a cursor: enough for
 * clocks a few minutes apart, far less than the polling interval's worth of records one order from
 * a till set a year ahead would otherwise hide (every later record would look older than it).
 */
export const POLL_MAX_AHEAD_MS = 5 * 60_000;

export interface PollOptions {
	/** Most records one poll emits (default `POLL_MAX_RECORDS`). */
	maxRecords?: number;
	/**
	 * How far before `since` every poll looks again, for records that reach the provider late with
	 * an older timestamp (default 0: only `since` itself is asked again).
	 */
	overlapMs?: number;
	/** Most IDs the cursor remembers (default `POLL_MAX_SEEN_IDS`). */
	maxSeenIds?: number;
	/** How far ahead of `now` a record may be and still move the cursor (default `POLL_MAX_AHEAD_MS`). */
	maxAheadMs?: number;
	/** This machine's time in epoch milliseconds (default: the clock). */
	now?: number;
}

/** One remembered record: its ID and time (epoch milliseconds). */
export interface Seen {
	id: string;
	time: number;
}

/** The options with their defaults applied. */
export function pollSettings(options: PollOptions) {
	return {
		maxRecords: Math.max(1, options.maxRecords ?? POLL_MAX_RECORDS),
		overlapMs: Math.max(0, options.overlapMs ?? 0),
		maxSeenIds: Math.max(1, options.maxSeenIds ?? POLL_MAX_SEEN_IDS),
		/** Records later than this never move a cursor. */
		latestMs: (options.now ?? Date.now()) + Math.max(0, options.maxAheadMs ?? POLL_MAX_AHEAD_MS),
	};
}

/**
 * The oldest time the next query must cover (`since` minus the overlap), as ISO 8601; `undefined`
 * before the first poll.
 */
export function pollFrom(cursor: PollCursor, options: PollOptions = {}): string | undefined {
	const horizon = horizonOf(cursor, pollSettings(options).overlapMs);
	return Number.isFinite(horizon) ? new Date(horizon).toISOString() : undefined;
}

/** Where the window of a cursor starts (epoch milliseconds; -Infinity before the first poll). */
export function horizonOf(cursor: PollCursor, overlapMs: number): number {
	const since = timeMs(cursor.since) ?? -Infinity;
	const floor = timeMs(cursor.seenFrom) ?? -Infinity;
	return Math.max(since - overlapMs, floor);
}

/**
 * The cursor's memory after a poll: the seen entries inside the window. When there are more than
 * `maxSeenIds`, the oldest are forgotten and their time becomes the floor (`seenFrom`): a record
 * that old could no longer be recognised, so it is treated as passed rather than emitted twice.
 * (Only more than `maxSeenIds` records at one single instant could lose one that way.)
 */
export function remember(entries: Seen[], horizon: number, maxSeenIds: number): { ids: string[]; seenFrom?: number } {
	const inWindow = entries.filter((entry) => entry.time >= horizon).sort((a, b) => a.time - b.time);
	if (inWindow.length <= maxSeenIds) return { ids: inWindow.map((entry) => entry.id) };
	const cutoff = inWindow[inWindow.length - maxSeenIds - 1].time;
	return { ids: inWindow.filter((entry) => entry.time > cutoff).map((entry) => entry.id), seenFrom: cutoff + 1 };
}

/**
 * Stores a cursor in the trigger's static data, replacing what was there (`Object.assign` would
 * keep fields the new cursor no longer has).
 */
export function saveCursor(staticData: PollCursor, cursor: PollCursor): void {
	if (cursor === staticData) return;
	for (const key of Object.keys(staticData)) delete staticData[key as keyof PollCursor];
	Object.assign(staticData, cursor);
}
