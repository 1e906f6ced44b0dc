import { offsetDateTimeMs, wallClockMs } from '../../nodes/shared/node/time';

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

describe('offsetDateTimeMs (ISO 8601 with Z or an offset)', () => {
	const iso = (text: string) => {
		const ms = offsetDateTimeMs(text);
		return ms === undefined ? undefined : new Date(ms).toISOString();
	};

	it('reads Z and offsets in every ISO 8601 spelling', () => {
		expect(iso('2027-01-15T08:00:00Z')).toBe('2027-01-15T08:00:00.000Z');
		expect(iso('2027-01-15T08:00:00.123+01:00')).toBe('2027-01-15T07:00:00.123Z');
		expect(iso('2027-01-15T08:00-0530')).toBe('2027-01-15T13:30:00.000Z');
		expect(iso('2027-01-15 08:00:00+01')).toBe('2027-01-15T07:00:00.000Z');
	});

	it('refuses impossible dates and times instead of rolling them over', () => {
		expect(iso('2027-02-30T08:00:00Z')).toBeUndefined();
		expect(iso('2027-01-15T24:00:00Z')).toBeUndefined();
		expect(iso('2027-01-15T08:60:00+01:00')).toBeUndefined();
		expect(iso('2027-01-15T08:00:00+25:00')).toBeUndefined();
	});

	it('refuses texts that are not ISO 8601, and leaves those without an offset to wallClockMs', () => {
		for (const text of ['01/15/2027 08:00', 'Jan 15 2027 08:00', '2027/01/15 08:00', 'Fri, 15 Jan 2027 08:00:00 GMT', '2027-01-15T08:00:00']) {
			expect(iso(text)).toBeUndefined();
		}
	});
});

/**
 * What the comment on wallClockMs says about n8n's own nodes, checked with the Luxon that the
 * n8n-workflow under test depends on (3.4 with n8n 1.x, 3.7 with n8n 2.x).
 */
describe('a time that happens twice, here and in Luxon', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { DateTime, Settings } = require(require.resolve('luxon', { paths: [require.resolve('n8n-workflow')] })) as typeof import('luxon');
	const luxonUtc = (text: string, zone: string, now: string) => {
		const saved = Settings.now;
		Settings.now = () => Date.parse(now);
		try {
			return DateTime.fromISO(text, { zone }).toUTC().toISO();
		} finally {
			Settings.now = saved;
		}
	};

	it('is always the first occurrence here; Luxon takes the offset the zone has when it runs', () => {
		expect(utc('2027-10-31T02:30', 'Europe/Berlin')).toBe('2027-10-31T00:30:00.000Z');
		expect(luxonUtc('2027-10-31T02:30', 'Europe/Berlin', '2026-12-07T12:00:00Z')).toBe('2027-10-31T01:30:00.000Z');
		expect(luxonUtc('2027-10-31T02:30', 'Europe/Berlin', '2026-07-15T12:00:00Z')).toBe('2027-10-31T00:30:00.000Z');
		expect(luxonUtc('2027-11-07T01:30', 'America/New_York', '2026-12-07T12:00:00Z')).toBe('2027-11-07T06:30:00.000Z');
	});

	it('agrees with Luxon for a skipped time, whenever it runs', () => {
		for (const now of ['2026-12-07T12:00:00Z', '2026-07-15T12:00:00Z']) {
			expect(luxonUtc('2027-03-14T02:30', 'America/New_York', now)).toBe(utc('2027-03-14T02:30', 'America/New_York'));
			expect(luxonUtc('2027-03-28T02:30', 'Europe/Berlin', now)).toBe(utc('2027-03-28T02:30', 'Europe/Berlin'));
		}
	});
});
