import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeValue } from './parameters';
import { offsetDateTimeMs, wallClockMs } from './time';

/**
 * Epoch numbers from 1e8 up to here are seconds (`$now.toSeconds()`, 1973 to 5138), from here on
 * milliseconds (`$now.toMillis()`, `Date.now()`): neither reading of one is a plausible date for
 * the other. Below 1e8 is refused: as seconds it is before March 1973, and it is more likely a
 * date written as digits (20270115) than an instant.
 */
const SECONDS_BELOW = 1e11;
const SMALLEST_EPOCH = 1e8;
/** The last instant a JavaScript `Date` can hold. */
const LARGEST_MS = 8.64e15;

const ACCEPTED =
	"Use ISO 8601: 2027-01-15T08:00:00Z or 2027-01-15T08:00:00+01:00, or 2027-01-15T08:00:00 (or 2027-01-15) for that time in the workflow's time zone; or an epoch number in seconds (1800000000) or milliseconds (1800000000000); or a date from an expression ({{ $now }}, a Date).";

/**
 * A date-time parameter as ISO 8601 (UTC), or an error naming the parameter, before any request.
 * Accepted: a Luxon `DateTime` or a `Date` (what `{{ $now }}` or `{{ new Date() }}` give; a
 * `DateTime` inside a collection reaches the node as its ISO text); ISO 8601 text with `Z` or an
 * offset; ISO 8601 text without one (as n8n's date picker stores it), a wall-clock time in the
 * workflow's time zone (Settings → Timezone, else the instance's) as n8n's own nodes read it, not
 * in the zone of the server; an epoch number, also as text of digits (see `SECONDS_BELOW`).
 * Everything else is refused rather than guessed: `Date.parse` reads `01/15/2027 08:00` in the
 * server's zone and rolls 30 February over into March.
 */
export function toIsoDateTime(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const ms = dateObjectMs(value) ?? epochMs(value) ?? textMs.call(this, value, itemIndex);
	if (ms === undefined) {
		const shown = value instanceof Date || isDateTime(value) ? 'an invalid date' : describeValue(value);
		const message = typeof value === 'string' ? `${label} ${shown} is not a valid date and time` : `${label} must be a date and time, not ${shown}`;
		throw new NodeOperationError(this.getNode(), message, { itemIndex, description: ACCEPTED });
	}
	return new Date(ms).toISOString();
}

function isDateTime(value: unknown): value is { toMillis(): unknown } {
	return typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function';
}

/** A `Date` or Luxon `DateTime` (of any copy of Luxon) as epoch milliseconds; an invalid one is `NaN`. */
function dateObjectMs(value: unknown): number | undefined {
	if (value instanceof Date) return inRange(value.getTime());
	if (isDateTime(value)) {
		const ms = value.toMillis();
		return typeof ms === 'number' ? inRange(ms) : undefined;
	}
	return undefined;
}

function epochMs(value: unknown): number | undefined {
	const epoch = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
	if (typeof epoch !== 'number' || !Number.isFinite(epoch) || epoch < SMALLEST_EPOCH) return undefined;
	return inRange(Math.round(epoch < SECONDS_BELOW ? epoch * 1000 : epoch));
}

function inRange(ms: number): number | undefined {
	return Number.isFinite(ms) && Math.abs(ms) <= LARGEST_MS ? ms : undefined;
}

function textMs(this: IExecuteFunctions, value: unknown, itemIndex: number): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	return offsetDateTimeMs(value) ?? inWorkflowZone.call(this, value, itemIndex);
}

function inWorkflowZone(this: IExecuteFunctions, text: string, itemIndex: number): number | undefined {
	const timeZone = this.getTimezone();
	try {
		return wallClockMs(text, timeZone);
	} catch {
		// Intl refuses only an unknown zone here (RangeError).
		throw new NodeOperationError(this.getNode(), `The workflow's time zone "${timeZone}" is not a known time zone`, {
			itemIndex,
			description: 'Choose a time zone in the workflow settings, or give the date with an offset, for example 2026-11-23T08:00:00+01:00.',
		});
	}
}
