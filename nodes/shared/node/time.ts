/**
 * Below this an epoch number is taken as seconds, above it as milliseconds: 1e11 seconds is the
 * year 5138, 1e11 milliseconds is March 1973, so neither reading is plausible for the other.
 */
const SECONDS_BELOW = 1e11;

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * A timestamp as epoch milliseconds, or `undefined` when it is none: an ISO 8601 text, a `Date`,
 * or an epoch number (seconds or milliseconds, also as text), as providers send them.
 */
export function timeMs(value: unknown): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (typeof value === 'number') return Number.isFinite(value) ? fromEpoch(value) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!text) return undefined;
	if (NUMERIC.test(text)) return fromEpoch(Number(text));
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms;
}

function fromEpoch(value: number): number {
	return Math.round(Math.abs(value) < SECONDS_BELOW ? value * 1000 : value);
}

/** The text a cursor keeps for a timestamp: the provider's own ISO text, or ISO 8601 for an epoch number. */
export function timeText(value: unknown, ms: number): string {
	return typeof value === 'string' && !NUMERIC.test(value.trim()) ? value : new Date(ms).toISOString();
}

/**
 * ISO 8601 in its extended form: a date, or a date and time (`T` or a space between), optionally
 * with seconds and a fraction, optionally with `Z` or an offset (`+01:00`, `+0100`, `+01`) after
 * a time. A date and time without an offset is what n8n's date picker stores.
 */
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

interface IsoParts {
	/** The date and time as if it were UTC; `undefined` for an impossible one (30 February, 24:00). */
	asUtc: number | undefined;
	/** The offset written with it, in milliseconds ahead of UTC; `undefined` when none is written. */
	offset: number | undefined;
}

function isoParts(text: string): IsoParts | undefined {
	const match = ISO_DATE_TIME.exec(text.trim());
	if (!match) return undefined;
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
	const fields = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)];
	const date = new Date(0);
	date.setUTCFullYear(fields[0], fields[1], fields[2]);
	date.setUTCHours(fields[3], fields[4], fields[5], Math.floor(Number(`0.${fraction || '0'}`) * 1000));
	// Date rolls over (30 February → 2 March, 24:00 → the next day); a real date reads back the same.
	const roundTrip = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
	const asUtc = roundTrip.every((value, index) => value === fields[index]) ? date.getTime() : undefined;
	if (zone === undefined) return { asUtc, offset: undefined };
	if (/^z$/i.test(zone)) return { asUtc, offset: 0 };
	const [, sign, offsetHours, offsetMinutes = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) as RegExpExecArray;
	if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return { asUtc: undefined, offset: 0 };
	return { asUtc, offset: (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60000 };
}

/**
 * An ISO 8601 text with `Z` or an offset (`2027-01-15T08:00:00+01:00`) as epoch milliseconds;
 * `undefined` when the text is not of that shape or not a real date and time.
 */
export function offsetDateTimeMs(text: string): number | undefined {
	const parts = isoParts(text);
	if (parts?.asUtc === undefined || parts.offset === undefined) return undefined;
	return parts.asUtc - parts.offset;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s clock is ahead of UTC at the instant `ms`, in milliseconds. */
function zoneOffsetMs(timeZone: string, ms: number): number {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			era: 'short',
		});
		formatters.set(timeZone, format);
	}
	const parts: Record<string, string> = {};
	for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
	const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
	const wall = new Date(0);
	wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
	wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
	return wall.getTime() - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * A date-time text without an offset (`2027-01-15T08:00:00`, `2027-01-15`) as epoch milliseconds,
 * read as a wall-clock time in `timeZone` (an IANA name). `undefined` when the text is not of that
 * shape or not a real date; an unknown zone throws a RangeError.
 *
 * Where the zone's clock jumps, the rule is that of JavaScript's Temporal ("compatible"): a time
 * that does not exist (2027-03-14T02:30 in New York, skipped when clocks go forward) is read with
 * the offset before the jump, so it lands as far after the jump as it was meant to be after the
 * last valid time (03:30 EDT); Luxon does the same. A time that exists twice (02:30 in Berlin on
 * 2027-10-31, when clocks go back at 03:00) is always the first of the two (00:30Z, summer time).
 * n8n's own nodes read dates with Luxon, which differs for that hour: it takes the occurrence whose
 * offset the zone has at the moment the code runs (its first guess), so the same text gives the
 * second (01:30Z) when n8n runs in winter and the first in summer (Luxon 3.4 and 3.7 alike).
 */
export function wallClockMs(text: string, timeZone: string): number | undefined {
	const parts = isoParts(text);
	if (parts?.asUtc === undefined || parts.offset !== undefined) return undefined;
	const { asUtc } = parts;

	// The zone's offsets a day either side cover any one transition near this wall-clock time.
	const DAY = 24 * 60 * 60 * 1000;
	const before = zoneOffsetMs(timeZone, asUtc - DAY);
	const after = zoneOffsetMs(timeZone, asUtc + DAY);
	const candidates = [asUtc - before, asUtc - after].filter((ms) => ms + zoneOffsetMs(timeZone, ms) === asUtc);
	if (candidates.length) return Math.min(...candidates);
	return asUtc - before;
}
