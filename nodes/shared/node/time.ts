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

/** A date, or a date and time, with no offset and no `Z`: what n8n's date picker stores. */
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;

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
 * Where the zone's clock jumps, the rule is that of JavaScript's Temporal ("compatible") and
 * Luxon: a time that does not exist (2027-03-14T02:30 in New York, skipped when clocks go forward)
 * is read with the offset before the jump, so it lands as far after the jump as it was meant to be
 * after the last valid time (03:30 EDT); a time that exists twice (01:30 on the day clocks go back)
 * is the earlier of the two.
 */
export function wallClockMs(text: string, timeZone: string): number | undefined {
	const match = WALL_CLOCK.exec(text.trim());
	if (!match) return undefined;
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = ''] = match;
	const fields = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)];
	const date = new Date(0);
	date.setUTCFullYear(fields[0], fields[1], fields[2]);
	date.setUTCHours(fields[3], fields[4], fields[5], Math.floor(Number(`0.${fraction || '0'}`) * 1000));
	const asUtc = date.getTime();
	const roundTrip = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
	if (roundTrip.some((value, index) => value !== fields[index])) return undefined;

	// The zone's offsets a day either side cover any one transition near this wall-clock time.
	const DAY = 24 * 60 * 60 * 1000;
	const before = zoneOffsetMs(timeZone, asUtc - DAY);
	const after = zoneOffsetMs(timeZone, asUtc + DAY);
	const candidates = [asUtc - before, asUtc - after].filter((ms) => ms + zoneOffsetMs(timeZone, ms) === asUtc);
	if (candidates.length) return Math.min(...candidates);
	return asUtc - before;
}
