import { wallClockMs } from '../../nodes/shared/node/time';

const utc = (text: string, zone: string) => {
	const ms = wallClockMs(text, zone);
	return ms === undefined ? undefined : new Date(ms).toISOString();
};

describe('wallClockMs (a date-time without an offset, in a time zone)', () => {
	it('reads the wall-clock time in the zone, with its offset of that day', () => {
		expect(utc('2027-01-15T08:00:00', 'America/New_York')).toBe('2027-01-15T13:00:00.000Z');
		expect(utc('2027-07-15T08:00:00', 'America/New_York')).toBe('2027-07-15T12:00:00.000Z');
		expect(utc('2027-01-15 08:00', 'Asia/Kolkata')).toBe('2027-01-15T02:30:00.000Z');
		expect(utc('2027-01-15', 'Europe/Berlin')).toBe('2027-01-14T23:00:00.000Z');
		expect(utc('2027-01-15T08:00:00.250', 'UTC')).toBe('2027-01-15T08:00:00.250Z');
	});

	it('moves a time skipped when clocks go forward by the length of the jump', () => {
		expect(utc('2027-03-14T02:30:00', 'America/New_York')).toBe('2027-03-14T07:30:00.000Z');
		expect(utc('2027-03-28T02:30', 'Europe/Berlin')).toBe('2027-03-28T01:30:00.000Z');
		expect(utc('2027-03-14T01:59:59', 'America/New_York')).toBe('2027-03-14T06:59:59.000Z');
		expect(utc('2027-03-14T03:00:00', 'America/New_York')).toBe('2027-03-14T07:00:00.000Z');
	});

	it('takes the first of a time that happens twice when clocks go back', () => {
		expect(utc('2027-11-07T01:30:00', 'America/New_York')).toBe('2027-11-07T05:30:00.000Z');
		expect(utc('2027-10-31T02:30', 'Europe/Berlin')).toBe('2027-10-31T00:30:00.000Z');
	});

	it('leaves texts with an offset or Z, and impossible dates, to the caller', () => {
		expect(wallClockMs('2027-01-15T08:00:00Z', 'America/New_York')).toBeUndefined();
		expect(wallClockMs('2027-01-15T08:00:00+01:00', 'America/New_York')).toBeUndefined();
		expect(wallClockMs('2027-02-30T08:00:00', 'America/New_York')).toBeUndefined();
		expect(wallClockMs('2027-01-15T24:30:00', 'America/New_York')).toBeUndefined();
	});

	it('throws a RangeError for an unknown zone', () => {
		expect(() => wallClockMs('2027-01-15T08:00:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
	});
});
