import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

/** What a number parameter must be: whole or not, and its bounds (none: the provider checks). */
export interface NumberRule {
	min?: number;
	max?: number;
	whole?: boolean;
	/** Said after "a whole number of": "milliseconds". */
	unit?: string;
	/** How to fix it, when more can be said than the rule. */
	hint?: string;
}

/**
 * A number parameter (or collection field). n8n does not convert what an expression gives for a
 * number field, so a mapped field often arrives as text ("5"): text that is a plain decimal number
 * is read as it; anything else (other text, a boolean, nothing, a list) is refused, naming the
 * parameter, the value and what it must be.
 */
export function toNumber(node: INode, value: unknown, label: string, rule: NumberRule, itemIndex?: number): number {
	const number = typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
	const { min, max, whole, unit } = rule;
	if (
		typeof number !== 'number' ||
		!Number.isFinite(number) ||
		(whole && !Number.isInteger(number)) ||
		(min !== undefined && number < min) ||
		(max !== undefined && number > max)
	) {
		const kind = `${whole ? 'a whole number' : 'a number'}${unit ? ` of ${unit}` : ''}`;
		const range = min === undefined ? '' : max === undefined ? ` of ${min} or more` : ` from ${min} to ${max}`;
		throw new NodeOperationError(node, `${label} must be ${kind}${range}, not ${describeValue(value)}`, {
			itemIndex,
			description: rule.hint ?? 'Enter a number, or map a number or text that is one ("5").',
		});
	}
	return number;
}

/**
 * A boolean parameter (or collection field). n8n does not convert what an expression gives for a
 * boolean field, and the text "false" is truthy, so "true"/"false" (any case) are read as the
 * booleans; anything else (a number, "yes", empty text, nothing) is refused rather than guessed.
 */
export function toBoolean(node: INode, value: unknown, label: string, itemIndex?: number, hint?: string): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value)) return value.trim().toLowerCase() === 'true';
	throw new NodeOperationError(node, `${label} must be true or false, not ${describeValue(value)}`, {
		itemIndex,
		description: hint ?? 'Map a boolean, or the text "true" or "false".',
	});
}

/** A boolean parameter of the item, read with `toBoolean`; `fallback` when the node does not have it. */
export function getBoolean(this: IExecuteFunctions, parameter: string, itemIndex: number, label: string, fallback: boolean): boolean {
	return toBoolean(this.getNode(), this.getNodeParameter(parameter, itemIndex, fallback), label, itemIndex);
}

/** `undefined` for Return All, otherwise the item's Limit. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (getBoolean.call(this, 'returnAll', itemIndex, 'Return All', false)) return undefined;
	return toNumber(this.getNode(), this.getNodeParameter('limit', itemIndex, 50), 'Limit', { min: 1, whole: true }, itemIndex);
}

/**
 * Request Options → Timeout of the item. n8n's HTTP stack reads 0 as "no timeout" and throws
 * outside any promise for a negative one, so only 1 ms to `MAX_TIMEOUT_MS` gets through.
 */
export function getTimeout(this: IExecuteFunctions, itemIndex: number): number {
	const { timeout } = this.getNodeParameter('requestOptions', itemIndex, {}) as { timeout?: unknown };
	if (timeout === undefined || timeout === null || timeout === '') return DEFAULT_TIMEOUT_MS;
	return toNumber(
		this.getNode(),
		timeout,
		'Timeout (Request Options)',
		{ min: 1, max: MAX_TIMEOUT_MS, whole: true, unit: 'milliseconds', hint: `Leave it out for the default of ${DEFAULT_TIMEOUT_MS} ms.` },
		itemIndex,
	);
}

/**
 * Request Options → Concurrency: how many input items a read runs at once. It is one setting of
 * the node, read from the first item, and checked before any request.
 */
export function getConcurrency(this: IExecuteFunctions): number {
	const { concurrency } = this.getNodeParameter('requestOptions', 0, {}) as { concurrency?: unknown };
	if (concurrency === undefined || concurrency === null || concurrency === '') return DEFAULT_READ_CONCURRENCY;
	return toNumber(
		this.getNode(),
		concurrency,
		'Concurrency (Request Options)',
		{ min: 1, max: MAX_READ_CONCURRENCY, whole: true, hint: `Leave it out for the default of ${DEFAULT_READ_CONCURRENCY} items at once.` },
		0,
	);
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
