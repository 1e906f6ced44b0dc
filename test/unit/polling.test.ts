import type { IDataObject } from 'n8n-workflow';

import type { PollCursor, PollOptions } from '../../nodes/shared/node/polling';
import {
	baselineCursor,
	clampCursor,
	pollFrom,
	pollUntil,
	saveCursor,
	takeNewRecords,
	takeNewRecordsFrom,
} from '../../nodes/shared/node/polling';

const at = (id: string, time: string) => ({ id, receivedAt: time });
const pick = (records: ReturnType<typeof at>[], cursor = {}) =>
	takeNewRecords(records, cursor, (r) => r.receivedAt, (r) => r.id);

describe('takeNewRecords', () => {
	it('emits records after the cursor oldest first and moves the cursor to the newest', () => {
		const { fresh, cursor } = pick(
			[at('b', '2026-01-01T10:00:02Z'), at('a', '2026-01-01T10:00:01Z'), at('old', '2026-01-01T09:00:00Z')],
			{ since: '2026-01-01T10:00:00Z', idsAtSince: [] },
		);
		expect(fresh.map((r) => r.id)).toEqual(['a', 'b']);
		expect(cursor).toEqual({ since: '2026-01-01T10:00:02Z', idsAtSince: ['b'] });
	});

	it('emits a record with the cursor\'s own timestamp only if it was not emitted yet', () => {
		const cursor = { since: '2026-01-01T10:00:00Z', idsAtSince: ['x'] };
		const { fresh, cursor: next } = pick([at('x', '2026-01-01T10:00:00Z'), at('y', '2026-01-01T10:00:00Z')], cursor);
		expect(fresh.map((r) => r.id)).toEqual(['y']);
		expect(next.idsAtSince).toEqual(['x', 'y']);
	});

	it('keeps the cursor when nothing is new, and skips records without time or id', () => {
		const cursor = { since: '2026-01-01T10:00:00Z', idsAtSince: ['x'] };
		const result = takeNewRecords([{ id: 'n' }, { receivedAt: '2027-01-01T00:00:00Z' }], cursor, (r) => r.receivedAt, (r) => r.id);
		expect(result).toEqual({ fresh: [], cursor });
	});

	it('emits at most maxRecords per poll, oldest first, and moves the cursor only past them', () => {
		const records = Array.from({ length: 25 }, (_, n) => at(`r${n}`, new Date(Date.UTC(2026, 0, 1, 10, 0, 25 - n)).toISOString()));
		const oldestFirst = [...records].reverse().map((r) => r.id);
		let cursor: PollCursor = { since: '2026-01-01T09:00:00Z', idsAtSince: [] };
		const emitted: unknown[] = [];
		for (let poll = 0; poll < 4; poll++) {
			const result = takeNewRecords(records, cursor, (r) => r.receivedAt, (r) => r.id, { maxRecords: 10 });
			expect(result.fresh.length).toBeLessThanOrEqual(10);
			emitted.push(...result.fresh.map((r) => r.id));
			cursor = result.cursor;
		}
		expect(emitted).toEqual(oldestFirst);
		expect(cursor.since).toBe(records[0].receivedAt);
	});

	it('splits records of one instant across polls without losing or repeating any', () => {
		const records = ['a', 'b', 'c', 'd', 'e'].map((id) => at(id, '2026-01-01T10:00:00Z'));
		let cursor: PollCursor = { since: '2026-01-01T09:00:00Z', idsAtSince: [] };
		const emitted: unknown[] = [];
		for (let poll = 0; poll < 3; poll++) {
			const result = takeNewRecords(records, cursor, (r) => r.receivedAt, (r) => r.id, { maxRecords: 2 });
			emitted.push(...result.fresh.map((r) => r.id));
			cursor = result.cursor;
		}
		expect(emitted).toEqual(['a', 'b', 'c', 'd', 'e']);
	});

	it('looks back over the overlap window for records that arrive late with an older time', () => {
		const options: PollOptions = { overlapMs: 60_000 };
		const first = takeNewRecords([at('now', '2026-01-01T10:00:00Z')], { since: '2026-01-01T09:00:00Z', idsAtSince: [] }, (r) => r.receivedAt, (r) => r.id, options);
		expect(pollFrom(first.cursor, options)).toBe('2026-01-01T09:59:00.000Z');
		const late = [at('now', '2026-01-01T10:00:00Z'), at('late', '2026-01-01T09:59:30Z'), at('too-late', '2026-01-01T09:58:00Z')];
		const second = takeNewRecords(late, first.cursor, (r) => r.receivedAt, (r) => r.id, options);
		expect(second.fresh.map((r) => r.id)).toEqual(['late']);
		// A late record does not move the cursor back.
		expect(second.cursor).toEqual({ since: '2026-01-01T10:00:00Z', idsAtSince: ['late', 'now'] });
		expect(takeNewRecords(late, second.cursor, (r) => r.receivedAt, (r) => r.id, options).fresh).toEqual([]);
	});

	it('remembers only the IDs inside the overlap window, however many polls go by', () => {
		const options: PollOptions = { overlapMs: 60_000 };
		let cursor: PollCursor = { since: '2026-01-01T00:00:00Z', idsAtSince: [] };
		const all: Array<ReturnType<typeof at>> = [];
		for (let n = 1; n <= 500; n++) {
			all.push(at(`r${n}`, new Date(Date.UTC(2026, 0, 1) + n * 10_000).toISOString()));
			// The provider answers from pollFrom(cursor) on, as the triggers ask it to.
			const from = Date.parse(pollFrom(cursor, options)!);
			const answer = all.filter((r) => Date.parse(r.receivedAt) >= from);
			const result = takeNewRecords(answer, cursor, (r) => r.receivedAt, (r) => r.id, options);
			expect(result.fresh.map((r) => r.id)).toEqual([`r${n}`]);
			cursor = result.cursor;
			expect(cursor.idsAtSince!.length).toBeLessThanOrEqual(7);
		}
	});

	it('forgets the oldest IDs beyond maxSeenIds and never emits those records again', () => {
		const options: PollOptions = { overlapMs: 3_600_000, maxSeenIds: 3 };
		const records = ['a', 'b', 'c', 'd', 'e'].map((id, n) => at(id, `2026-01-01T10:00:0${n}Z`));
		const first = takeNewRecords(records, { since: '2026-01-01T09:00:00Z', idsAtSince: [] }, (r) => r.receivedAt, (r) => r.id, options);
		expect(first.fresh).toHaveLength(5);
		expect(first.cursor).toEqual({
			since: '2026-01-01T10:00:04Z',
			idsAtSince: ['c', 'd', 'e'],
			seenFrom: '2026-01-01T10:00:01.001Z',
		});
		expect(pollFrom(first.cursor, options)).toBe('2026-01-01T10:00:01.001Z');
		expect(takeNewRecords(records, first.cursor, (r) => r.receivedAt, (r) => r.id, options).fresh).toEqual([]);
	});

	it('reads epoch seconds and milliseconds, and keeps the cursor in ISO 8601', () => {
		const seconds = Date.UTC(2026, 0, 1, 10) / 1000;
		const records = [{ id: 's', createdAt: seconds }, { id: 'ms', createdAt: seconds * 1000 + 500 }, { id: 'text', createdAt: String(seconds + 1) }];
		const { fresh, cursor } = takeNewRecords(records, { since: '2026-01-01T09:00:00Z' }, (r) => r.createdAt, (r) => r.id);
		expect(fresh.map((r) => r.id)).toEqual(['s', 'ms', 'text']);
		expect(cursor.since).toBe('2026-01-01T10:00:01.000Z');
	});

	it('picks from records as they are paged in, keeping the same choice', async () => {
		const records = Array.from({ length: 50 }, (_, n) => at(`r${n}`, new Date(Date.UTC(2026, 0, 1, 10, 0, (n * 37) % 50)).toISOString()));
		async function* paged() {
			for (const record of records) yield record as IDataObject;
		}
		const cursor = { since: '2026-01-01T09:00:00Z', idsAtSince: [] };
		const streamed = await takeNewRecordsFrom(paged(), cursor, (r) => r.receivedAt, (r) => r.id, { maxRecords: 7 });
		expect(streamed).toEqual(takeNewRecords(records, cursor, (r) => r.receivedAt, (r) => r.id, { maxRecords: 7 }));
		expect(streamed.fresh).toHaveLength(7);
	});
});

describe('records ahead of the clock (a device with a wrong clock)', () => {
	const now = Date.parse('2026-01-01T12:00:00Z');
	const options: PollOptions = { now, overlapMs: 60_000 };
	const take = (records: ReturnType<typeof at>[], cursor: PollCursor, opts: PollOptions = options) =>
		takeNewRecords(records, cursor, (r) => r.receivedAt, (r) => r.id, opts);

	it('emits a record a year ahead once, without moving the cursor past the clock', () => {
		const future = at('future', '2027-01-01T12:00:00Z');
		const first = take([at('a', '2026-01-01T11:59:00Z'), future], { since: '2026-01-01T11:00:00Z', idsAtSince: [] });
		expect(first.fresh.map((r) => r.id)).toEqual(['a', 'future']);
		expect(first.cursor).toEqual({
			since: '2026-01-01T11:59:00Z',
			idsAtSince: ['a'],
			ahead: [{ id: 'future', time: '2027-01-01T12:00:00.000Z' }],
		});
		const later = at('b', '2026-01-01T12:00:30Z');
		const second = take([at('a', '2026-01-01T11:59:00Z'), later, future], first.cursor, { ...options, now: now + 60_000 });
		expect(second.fresh.map((r) => r.id)).toEqual(['b']);
		expect(second.cursor.since).toBe('2026-01-01T12:00:30Z');
		expect(second.cursor.ahead).toEqual(first.cursor.ahead);
	});

	it('lets records up to POLL_MAX_AHEAD_MS ahead move the cursor as usual', () => {
		const { cursor } = take([at('soon', '2026-01-01T12:04:00Z')], { since: '2026-01-01T11:00:00Z', idsAtSince: [] });
		expect(cursor).toEqual({ since: '2026-01-01T12:04:00Z', idsAtSince: ['soon'] });
	});

	it('does not emit a remembered record again once the clock catches up, and forgets it when the cursor passes it', () => {
		const cursor: PollCursor = { since: '2026-01-01T11:00:00Z', idsAtSince: [], ahead: [{ id: 'early', time: '2026-01-01T12:30:00Z' }] };
		const caughtUp = take([at('early', '2026-01-01T12:30:00Z')], cursor, { ...options, now: now + 3_600_000 });
		expect(caughtUp.fresh).toEqual([]);
		const passed = take([at('early', '2026-01-01T12:30:00Z'), at('c', '2026-01-01T12:45:00Z')], caughtUp.cursor, {
			...options,
			now: now + 3_600_000,
		});
		expect(passed.fresh.map((r) => r.id)).toEqual(['c']);
		expect(passed.cursor).toEqual({ since: '2026-01-01T12:45:00Z', idsAtSince: ['c'] });
	});

	it('brings a cursor left ahead of the clock back, remembering what it had emitted there', () => {
		const stuck: PollCursor = { scope: 's', since: '2027-01-01T12:00:00Z', idsAtSince: ['future'], seenFrom: '2026-06-01T00:00:00Z' };
		const cursor = clampCursor(stuck, options);
		expect(cursor).toEqual({ scope: 's', since: '2026-01-01T12:00:00.000Z', idsAtSince: [], ahead: [{ id: 'future', time: '2027-01-01T12:00:00.000Z' }] });
		expect(take([at('future', '2027-01-01T12:00:00Z'), at('n', '2026-01-01T12:05:00Z')], cursor).fresh.map((r) => r.id)).toEqual(['n']);
		const ok: PollCursor = { since: '2026-01-01T11:00:00Z', idsAtSince: [] };
		expect(clampCursor(ok, options)).toBe(ok);
	});

	it('emits each of more records ahead than the cursor remembers once over several polls (issue 23, item 12)', () => {
		// A till a year ahead: five orders, a cursor that remembers three.
		const future = ['f1', 'f2', 'f3', 'f4', 'f5'].map((id, n) => at(id, `2027-01-01T12:0${n}:00Z`));
		const limited: PollOptions = { ...options, maxSeenIds: 3 };
		const emitted: string[] = [];
		let cursor: PollCursor = { since: '2026-01-01T11:00:00Z', idsAtSince: [] };
		for (let poll = 0; poll < 4; poll++) {
			const result = take(future, cursor, { ...limited, now: now + poll * 60_000 });
			emitted.push(...result.fresh.map((r) => String(r.id)));
			cursor = result.cursor;
		}
		expect(emitted).toEqual(['f1', 'f2', 'f3']);
		expect(cursor.ahead).toHaveLength(3);
		// Remembering no more, the next query need not read them again.
		expect(pollUntil(cursor, limited)).toBe(new Date(now + 5 * 60_000 + 1).toISOString());
		expect(pollUntil({ since: '2026-01-01T11:00:00Z' }, limited)).toBeUndefined();
		// When the clock reaches them, the two that waited come, once; the three before do not again.
		const due = Date.parse('2027-01-01T12:10:00Z');
		for (let poll = 0; poll < 3; poll++) {
			const result = take(future, cursor, { ...limited, now: due + poll * 60_000 });
			emitted.push(...result.fresh.map((r) => String(r.id)));
			cursor = result.cursor;
		}
		expect(emitted).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);
	});

	it('counts records ahead as existing at activation, starting at the newest record before the clock', async () => {
		async function* from(records: IDataObject[]) {
			yield* records;
		}
		const { cursor } = await baselineCursor(
			from([at('a', '2026-01-01T11:00:00Z'), at('future', '2027-01-01T00:00:00Z')]),
			(r) => r.receivedAt,
			(r) => r.id,
			'2025-12-31T10:00:00Z',
			options,
		);
		expect(cursor).toEqual({ since: '2026-01-01T11:00:00Z', idsAtSince: ['a'], ahead: [{ id: 'future', time: '2027-01-01T00:00:00.000Z' }] });
		expect(take([at('future', '2027-01-01T00:00:00Z')], cursor).fresh).toEqual([]);
	});
});

describe('baselineCursor', () => {
	async function* from(records: IDataObject[]) {
		yield* records;
	}

	it('starts after the newest record, remembering the IDs inside the overlap window', async () => {
		const records = [at('old', '2026-01-01T08:00:00Z'), at('b', '2026-01-01T09:59:30Z'), at('a', '2026-01-01T10:00:00Z')];
		const { cursor, newest } = await baselineCursor(from(records), (r) => r.receivedAt, (r) => r.id, '2025-12-31T10:00:00Z', { overlapMs: 60_000 });
		expect(cursor).toEqual({ since: '2026-01-01T10:00:00Z', idsAtSince: ['b', 'a'] });
		expect(newest).toBe(records[2]);
	});

	it('starts at the fallback when nothing exists yet', async () => {
		const { cursor, newest } = await baselineCursor(from([]), (r) => r.receivedAt, (r) => r.id, '2025-12-31T10:00:00Z');
		expect(cursor).toEqual({ since: '2025-12-31T10:00:00Z', idsAtSince: [] });
		expect(newest).toBeUndefined();
	});

	it('remembers at most maxSeenIds, however much exists at activation, and treats the rest as passed', async () => {
		const records = Array.from({ length: 50 }, (_, n) => at(`r${n}`, new Date(Date.UTC(2026, 0, 1, 10, 0, n)).toISOString()));
		const options: PollOptions = { overlapMs: 3_600_000, maxSeenIds: 4 };
		const { cursor } = await baselineCursor(from(records), (r) => r.receivedAt, (r) => r.id, '2025-12-31T10:00:00Z', options);
		expect(cursor).toEqual({
			since: '2026-01-01T10:00:49.000Z',
			idsAtSince: ['r46', 'r47', 'r48', 'r49'],
			seenFrom: '2026-01-01T10:00:45.001Z',
		});
		expect(takeNewRecords(records, cursor, (r) => r.receivedAt, (r) => r.id, options).fresh).toEqual([]);
	});
});

describe('saveCursor', () => {
	it('replaces the stored cursor, dropping fields the new one no longer has', () => {
		const stored: PollCursor = { scope: 's', since: 'a', idsAtSince: ['x'], seenFrom: 'b' };
		saveCursor(stored, { scope: 's', since: 'c', idsAtSince: [] });
		expect(stored).toEqual({ scope: 's', since: 'c', idsAtSince: [] });
		saveCursor(stored, stored);
		expect(stored).toEqual({ scope: 's', since: 'c', idsAtSince: [] });
	});
});
