import { takeNewRecords } from '../../nodes/shared/polling';

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
});
