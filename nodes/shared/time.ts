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
