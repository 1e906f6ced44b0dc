import type { IDataObject } from 'n8n-workflow';

import { aheadOf, keepAhead, roomAhead } from './pollAhead';
import { horizonOf, pollSettings, remember } from './pollCursor';
import type { PollCursor, PollOptions, Seen } from './pollCursor';
import { timeMs, timeText } from './time';

export { clampCursor, pollUntil } from './pollAhead';
export { POLL_MAX_AHEAD_MS, POLL_MAX_RECORDS, POLL_MAX_SEEN_IDS, pollFrom, saveCursor } from './pollCursor';
export type { PollCursor, PollOptions } from './pollCursor';

type Accessor = (record: IDataObject) => unknown;

/**
 * Picks, from a poll's answer (any order), the records not emitted before, oldest first and at
 * most `maxRecords` of them, and the cursor that follows them. Only the `maxRecords` oldest new
 * records are held while the answer streams in, and the cursor only moves past what was emitted,
 * so what is left comes with the next poll. Records without a usable time or ID are skipped:
 * they could never be de-duplicated.
 */
class NewRecordPicker {
	private readonly limits: ReturnType<typeof pollSettings>;
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
		this.limits = pollSettings(options);
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
	const { overlapMs, maxSeenIds, latestMs } = pollSettings(options);
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
