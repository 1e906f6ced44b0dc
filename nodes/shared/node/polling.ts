import type { IDataObject } from 'n8n-workflow';

import { timeMs, timeText } from './time';

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

type Accessor = (record: IDataObject) => unknown;

interface Seen {
	id: string;
	time: number;
}

function settings(options: PollOptions) {
	return {
		maxRecords: Math.max(1, options.maxRecords ?? POLL_MAX_RECORDS),
		overlapMs: Math.max(0, options.overlapMs ?? 0),
		maxSeenIds: Math.max(1, options.maxSeenIds ?? POLL_MAX_SEEN_IDS),
		/** Records later than this never move a cursor. */
		latestMs: (options.now ?? Date.now()) + Math.max(0, options.maxAheadMs ?? POLL_MAX_AHEAD_MS),
	};
}

/**
 * The records ahead of the clock still to remember: those inside the window that starts at
 * `horizon` (older ones are never offered again). They are at most `maxSeenIds`: one is emitted
 * only while there is room to remember it (`NewRecordPicker.result`).
 */
function keepAhead(entries: Map<string, number>, horizon: number): PollCursor['ahead'] {
	const kept = [...entries]
		.filter(([, time]) => time >= horizon)
		.sort((a, b) => a[1] - b[1])
		.map(([id, time]) => ({ id, time: new Date(time).toISOString() }));
	return kept.length ? kept : undefined;
}

function aheadOf(cursor: PollCursor): Map<string, number> {
	const entries = new Map<string, number>();
	for (const entry of Array.isArray(cursor.ahead) ? cursor.ahead : []) {
		const time = timeMs(entry?.time);
		if (time !== undefined && entry.id !== undefined) entries.set(String(entry.id), time);
	}
	return entries;
}

/** How many more records ahead of the clock the cursor can remember (and so emit). */
function roomAhead(entries: Map<string, number>, horizon: number, maxSeenIds: number): number {
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
	const { overlapMs, maxSeenIds, latestMs } = settings(options);
	if (roomAhead(aheadOf(cursor), horizonOf(cursor, overlapMs), maxSeenIds) > 0) return undefined;
	return new Date(latestMs + 1).toISOString();
}

/**
 * The oldest time the next query must cover (`since` minus the overlap), as ISO 8601; `undefined`
 * before the first poll.
 */
export function pollFrom(cursor: PollCursor, options: PollOptions = {}): string | undefined {
	const horizon = horizonOf(cursor, settings(options).overlapMs);
	return Number.isFinite(horizon) ? new Date(horizon).toISOString() : undefined;
}

function horizonOf(cursor: PollCursor, overlapMs: number): number {
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
function remember(entries: Seen[], horizon: number, maxSeenIds: number): { ids: string[]; seenFrom?: number } {
	const inWindow = entries.filter((entry) => entry.time >= horizon).sort((a, b) => a.time - b.time);
	if (inWindow.length <= maxSeenIds) return { ids: inWindow.map((entry) => entry.id) };
	const cutoff = inWindow[inWindow.length - maxSeenIds - 1].time;
	return { ids: inWindow.filter((entry) => entry.time > cutoff).map((entry) => entry.id), seenFrom: cutoff + 1 };
}

/**
 * Picks, from a poll's answer (any order), the records not emitted before, oldest first and at
 * most `maxRecords` of them, and the cursor that follows them. Only the `maxRecords` oldest new
 * records are held while the answer streams in, and the cursor only moves past what was emitted,
 * so what is left comes with the next poll. Records without a usable time or ID are skipped:
 * they could never be de-duplicated.
 */
class NewRecordPicker {
	private readonly limits: ReturnType<typeof settings>;
	private readonly horizon: number;
	private readonly known: Set<string>;
	/** Already-emitted records the answer still contains, with their times. */
	private readonly seenAgain = new Map<string, number>();
	/** Records ahead of the clock: those emitted before, then those emitted now. */
	private readonly ahead: Map<string, number>;
	private backlog: Array<{ record: IDataObject; id: string; time: number; order: number; ahead: boolean }> = [];
	private readonly inBacklog = new Set<string>();
	private offered = 0;

	constructor(
		private readonly cursor: PollCursor,
		private readonly timeOf: Accessor,
		private readonly idOf: Accessor,
		options: PollOptions,
	) {
		this.limits = settings(options);
		this.horizon = horizonOf(cursor, this.limits.overlapMs);
		this.known = new Set(cursor.idsAtSince ?? []);
		this.ahead = aheadOf(cursor);
	}

	offer(record: IDataObject): void {
		const time = timeMs(this.timeOf(record));
		const rawId = this.idOf(record);
		if (time === undefined || rawId === undefined || rawId === null || time < this.horizon) return;
		const id = String(rawId);
		if (this.known.has(id)) {
			if (!this.seenAgain.has(id)) this.seenAgain.set(id, time);
			return;
		}
		if (this.ahead.has(id) || this.inBacklog.has(id)) return;
		this.inBacklog.add(id);
		this.backlog.push({ record, id, time, order: this.offered++, ahead: time > this.limits.latestMs });
		if (this.backlog.length >= 2 * this.limits.maxRecords) this.trim();
	}

	private trim(): void {
		this.backlog.sort((a, b) => a.time - b.time || a.order - b.order);
		// IDs that fall out stay in `inBacklog`: they are not emitted in this poll in any case.
		this.backlog = this.backlog.slice(0, this.limits.maxRecords);
	}

	result(): { fresh: IDataObject[]; cursor: PollCursor } {
		this.trim();
		// Records ahead of the clock sort last; they are emitted but never move `since`, so each is
		// remembered until the window passes its time. One the cursor has no room to remember waits
		// until the clock reaches it (it is then an ordinary record): forgetting one already emitted
		// instead would emit it again on every poll.
		const moving = this.backlog.filter((entry) => !entry.ahead);
		const cursor = moving.length ? this.advance(moving) : { ...this.cursor };
		const horizon = horizonOf(cursor, this.limits.overlapMs);
		const room = roomAhead(this.ahead, horizon, this.limits.maxSeenIds);
		const emitted = [...moving, ...this.backlog.filter((entry) => entry.ahead).slice(0, room)];
		if (emitted.length === 0 && this.ahead.size === 0) return { fresh: [], cursor: this.cursor };
		for (const entry of emitted) if (entry.ahead) this.ahead.set(entry.id, entry.time);
		const ahead = keepAhead(this.ahead, horizon);
		delete cursor.ahead;
		if (ahead) cursor.ahead = ahead;
		return { fresh: emitted.map((entry) => entry.record), cursor };
	}

	/** The cursor after the records that move it (oldest first, at least one). */
	private advance(emitted: Array<{ record: IDataObject; id: string; time: number }>): PollCursor {
		const newest = emitted[emitted.length - 1];
		const oldSince = timeMs(this.cursor.since);
		const moves = oldSince === undefined || newest.time > oldSince;
		const since = moves ? timeText(this.timeOf(newest.record), newest.time) : (this.cursor.since as string);
		const sinceMs = moves ? newest.time : (oldSince as number);
		const floor = timeMs(this.cursor.seenFrom) ?? -Infinity;
		const { ids, seenFrom } = remember(
			[...[...this.seenAgain].map(([id, time]) => ({ id, time })), ...emitted.map(({ id, time }) => ({ id, time }))],
			Math.max(sinceMs - this.limits.overlapMs, floor),
			this.limits.maxSeenIds,
		);
		const cursor: PollCursor = { ...this.cursor, since, idsAtSince: ids };
		// A floor matters only while it is later than where the window starts anyway.
		delete cursor.seenFrom;
		if (seenFrom !== undefined) cursor.seenFrom = new Date(seenFrom).toISOString();
		else if (floor > sinceMs - this.limits.overlapMs) cursor.seenFrom = this.cursor.seenFrom;
		return cursor;
	}
}

/** `NewRecordPicker` over a poll's answer that is already in memory. */
export function takeNewRecords(
	records: IDataObject[],
	cursor: PollCursor,
	timeOf: Accessor,
	idOf: Accessor,
	options: PollOptions = {},
): { fresh: IDataObject[]; cursor: PollCursor } {
	const picker = new NewRecordPicker(cursor, timeOf, idOf, options);
	for (const record of records) picker.offer(record);
	return picker.result();
}

/** `NewRecordPicker` over a poll's answer as it is paged in, holding at most a bounded backlog. */
export async function takeNewRecordsFrom(
	records: AsyncIterable<IDataObject>,
	cursor: PollCursor,
	timeOf: Accessor,
	idOf: Accessor,
	options: PollOptions = {},
): Promise<{ fresh: IDataObject[]; cursor: PollCursor }> {
	const picker = new NewRecordPicker(cursor, timeOf, idOf, options);
	for await (const record of records) picker.offer(record);
	return picker.result();
}

/**
 * The first cursor of a trigger: everything in `records` (what exists at activation) counts as
 * emitted. `since` is the newest record's time, or `fallbackSince` when there is none; the IDs
 * inside the overlap window are remembered. Returns the newest record too (a manual test shows it).
 */
export async function baselineCursor(
	records: AsyncIterable<IDataObject>,
	timeOf: Accessor,
	idOf: Accessor,
	fallbackSince: string,
	options: PollOptions = {},
): Promise<{ cursor: PollCursor; newest?: IDataObject }> {
	const { overlapMs, maxSeenIds, latestMs } = settings(options);
	let newest: { record: IDataObject; time: number } | undefined;
	let entries: Seen[] = [];
	let floor = -Infinity;
	const ahead = new Map<string, number>();
	for await (const record of records) {
		const time = timeMs(timeOf(record));
		const id = idOf(record);
		if (time === undefined || id === undefined || id === null || time < floor) continue;
		// Exists already, so counts as emitted, but must not set the cursor ahead of the clock.
		if (time > latestMs) {
			if (ahead.size < maxSeenIds) ahead.set(String(id), time);
			continue;
		}
		if (!newest || time > newest.time) newest = { record, time };
		entries.push({ id: String(id), time });
		if (entries.length > 2 * maxSeenIds) {
			// Keep memory to the window behind the newest record so far, and to maxSeenIds.
			const kept = remember(entries, newest.time - overlapMs, maxSeenIds);
			if (kept.seenFrom !== undefined) floor = kept.seenFrom;
			entries = entries.filter((entry) => entry.time >= Math.max(floor, newest!.time - overlapMs));
		}
	}
	const sinceMs = newest?.time ?? (timeMs(fallbackSince) as number);
	const since = newest ? timeText(timeOf(newest.record), newest.time) : fallbackSince;
	const { ids, seenFrom } = remember(entries, Math.max(sinceMs - overlapMs, floor), maxSeenIds);
	const cursor: PollCursor = { since, idsAtSince: ids };
	const keptFloor = seenFrom ?? (floor > sinceMs - overlapMs ? floor : undefined);
	if (keptFloor !== undefined) cursor.seenFrom = new Date(keptFloor).toISOString();
	const keptAhead = keepAhead(ahead, horizonOf(cursor, overlapMs));
	if (keptAhead) cursor.ahead = keptAhead;
	return { cursor, newest: newest?.record };
}

/**
 * A cursor that an earlier version moved ahead of the clock (after a record with a wrong clock)
 * comes back to now, or the trigger would stay silent until the clock caught up. (Not to now +
 * `POLL_MAX_AHEAD_MS`: a trigger without overlap would then never ask for what arrives in those
 * minutes.) The IDs it remembered at `since` become records ahead, so they are not emitted again.
 */
export function clampCursor(cursor: PollCursor, options: PollOptions = {}): PollCursor {
	const { latestMs } = settings(options);
	const since = timeMs(cursor.since);
	if (since === undefined || since <= latestMs) return cursor;
	const time = new Date(since).toISOString();
	const ahead = [...(cursor.ahead ?? []), ...(cursor.idsAtSince ?? []).map((id) => ({ id, time }))];
	const clamped: PollCursor = { ...cursor, since: new Date(options.now ?? Date.now()).toISOString(), idsAtSince: [], ahead };
	// Its floor belonged to the window of the old `since`.
	delete clamped.seenFrom;
	return clamped;
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
