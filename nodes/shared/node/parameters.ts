import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { timeMs, wallClockMs } from './time';
import { DEFAULT_READ_CONCURRENCY, DEFAULT_TIMEOUT_MS, MAX_READ_CONCURRENCY, MAX_TIMEOUT_MS } from '../limits';

/** How a parameter's value is named in an error: "nothing", "a list", "an object", "true". */
export function describeValue(value: unknown): string {
	if (value === undefined || value === null) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `"${value}"`;
	return String(value);
}

/**
 * A text parameter (or collection field) as trimmed text. An expression may give a number (a
 * status code, an ID), which is taken as its text; nothing (`undefined`, `null`) is empty text.
 * Anything else (an object, a list, a boolean) is refused with an error naming the parameter.
 */
export function toText(node: INode, value: unknown, label: string, itemIndex?: number): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') return String(value);
	throw new NodeOperationError(node, `${label} must be text, not ${describeValue(value)}`, {
		itemIndex,
		description: `Enter ${label} as text, or map a field that holds text or a number.`,
	});
}

/** A text parameter of the item, read with `toText`. */
export function getText(this: IExecuteFunctions, parameter: string, itemIndex: number, label: string): string {
	return toText(this.getNode(), this.getNodeParameter(parameter, itemIndex, ''), label, itemIndex);
}

/** `undefined` for Return All, otherwise the item's Limit. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(this.getNode(), `Limit must be a whole number of 1 or more, not ${limit}`, {
			itemIndex,
		});
	}
	return limit;
}

/**
 * Request Options → Timeout of the item. n8n's HTTP stack reads 0 as "no timeout" and throws
 * outside any promise for a negative one, so only 1 ms to `MAX_TIMEOUT_MS` gets through.
 */
export function getTimeout(this: IExecuteFunctions, itemIndex: number): number {
	const { timeout } = this.getNodeParameter('requestOptions', itemIndex, {}) as { timeout?: unknown };
	if (timeout === undefined || timeout === null || timeout === '') return DEFAULT_TIMEOUT_MS;
	const value = typeof timeout === 'string' && /^\s*\d+\s*$/.test(timeout) ? Number(timeout) : timeout;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
		throw new NodeOperationError(
			this.getNode(),
			`Timeout (Request Options) must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, not ${describeValue(timeout)}`,
			{ itemIndex, description: `Leave it out for the default of ${DEFAULT_TIMEOUT_MS} ms.` },
		);
	}
	return value;
}

/**
 * Request Options → Concurrency: how many input items a read runs at once. It is one setting of
 * the node, read from the first item, and checked before any request.
 */
export function getConcurrency(this: IExecuteFunctions): number {
	const { concurrency } = this.getNodeParameter('requestOptions', 0, {}) as { concurrency?: unknown };
	if (concurrency === undefined || concurrency === null || concurrency === '') return DEFAULT_READ_CONCURRENCY;
	const value = typeof concurrency === 'string' && /^\s*\d+\s*$/.test(concurrency) ? Number(concurrency) : concurrency;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_READ_CONCURRENCY) {
		throw new NodeOperationError(
			this.getNode(),
			`Concurrency (Request Options) must be a whole number from 1 to ${MAX_READ_CONCURRENCY}, not ${describeValue(concurrency)}`,
			{ itemIndex: 0, description: `Leave it out for the default of ${DEFAULT_READ_CONCURRENCY} items at once.` },
		);
	}
	return value;
}

export interface IdRule {
	/** What the user calls it: "Owner". */
	label: string;
	/** Allowed shape; anything else is refused before a request is sent. */
	pattern: RegExp;
	/** Said when the pattern does not match: "a 32-character hexadecimal ID". */
	shape: string;
}

/** Characters that can never be part of an ID and would change the request path. */
export const SAFE_ID: IdRule['pattern'] = /^[A-Za-z0-9][A-Za-z0-9._:~-]*$/;

/** A resource locator's (or plain string's) value, validated and ready for a URL path. */
export function getId(this: IExecuteFunctions, parameter: string, itemIndex: number, rule: IdRule): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	return validateId(this.getNode(), raw, rule, itemIndex);
}

/** Refuses an empty or malformed ID before any request; returns it encoded for a URL path. */
export function validateId(node: INode, raw: unknown, rule: IdRule, itemIndex?: number): string {
	const value = toText(node, raw, rule.label, itemIndex);
	if (!value) {
		throw new NodeOperationError(node, `${rule.label} is required`, {
			itemIndex,
			description: `Choose the ${rule.label.toLowerCase()} from the list or enter its ID.`,
		});
	}
	if (!rule.pattern.test(value)) {
		throw new NodeOperationError(node, `${rule.label} "${value}" is not a valid ID`, {
			itemIndex,
			description: `Expected ${rule.shape}.`,
		});
	}
	return encodeURIComponent(value);
}

/**
 * A date-time parameter as ISO 8601, or a clear error naming the parameter. Luxon and `Date`
 * values (what n8n's date-time fields and expressions give) and epoch numbers (seconds or
 * milliseconds) are accepted. A text without an offset (`2027-01-15T08:00:00`, as n8n's date
 * picker stores it) is a wall-clock time in the workflow's time zone (Settings → Timezone, else
 * the instance's), as n8n's own nodes read it, not in the zone of the server n8n runs on.
 */
export function toIsoDateTime(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text =
		value instanceof Date
			? value.toISOString()
			: typeof value === 'object' && value !== null && 'toISO' in value
				? String((value as { toISO(): string }).toISO())
				: toText(this.getNode(), value, label, itemIndex);
	const time = typeof value === 'number' ? timeMs(value) : (inWorkflowZone.call(this, text, itemIndex) ?? Date.parse(text));
	if (!text || time === undefined || Number.isNaN(time)) {
		throw new NodeOperationError(this.getNode(), `${label} "${text}" is not a valid date and time`, {
			itemIndex,
			description: "Use ISO 8601, for example 2026-11-23T08:00:00Z, or 2026-11-23T08:00:00 for that time in the workflow's time zone.",
		});
	}
	return new Date(time).toISOString();
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
