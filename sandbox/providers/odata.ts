import { createHash } from 'crypto';

/** Stable GUID-shaped IDs, so tests and demo workflows can name records across restarts. */
export function deterministicId(kind: string, index: number): string {
	const hex = createHash('sha1').update(`${kind}:${index}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `$top`/`$skip`/`$orderby` over a list, with OData's errors for bad values. */
export function odataPage(
	records: Record<string, unknown>[],
	query: URLSearchParams,
	maxTop: number,
): { records: Record<string, unknown>[] } | { error: string } {
	const top = query.get('$top');
	const skip = query.get('$skip');
	const topValue = top === null ? maxTop : Number(top);
	const skipValue = skip === null ? 0 : Number(skip);
	if (!Number.isInteger(topValue) || topValue < 0) return { error: `$top must be a non-negative integer, not "${top}"` };
	if (topValue > maxTop) return { error: `The limit of '${maxTop}' for Top query has been exceeded.` };
	if (!Number.isInteger(skipValue) || skipValue < 0) return { error: `$skip must be a non-negative integer, not "${skip}"` };
	let sorted = records;
	const orderby = query.get('$orderby');
	if (orderby) {
		const [field, direction] = orderby.trim().split(/\s+/);
		const sign = direction?.toLowerCase() === 'desc' ? -1 : 1;
		sorted = [...records].sort((a, b) => (String(a[field]) < String(b[field]) ? -sign : String(a[field]) > String(b[field]) ? sign : 0));
	}
	return { records: sorted.slice(skipValue, skipValue + topValue) };
}

const COMPARATORS: Record<string, (a: number | string, b: number | string) => boolean> = {
	eq: (a, b) => a === b,
	ne: (a, b) => a !== b,
	gt: (a, b) => a > b,
	ge: (a, b) => a >= b,
	lt: (a, b) => a < b,
	le: (a, b) => a <= b,
};

/**
 * The part of OData `$filter` Tapkey's docs and add-ons use: `field op value` clauses joined with
 * `and`, and such groups joined with `or` (`and` binds tighter, as in OData; no parentheses);
 * values are 'strings' ('' escapes a quote), true/false, numbers or datetime'…' / bare ISO date-times.
 */
export function parseODataFilter(filter: string | null): { test: (r: Record<string, unknown>) => boolean } | { error: string } {
	if (!filter) return { test: () => true };
	const groups: Array<(r: Record<string, unknown>) => boolean> = [];
	for (const group of filter.split(/\s+or\s+/i)) {
		const parsed = parseConjunction(group);
		if ('error' in parsed) return parsed;
		groups.push(parsed.test);
	}
	return { test: (record) => groups.some((test) => test(record)) };
}

function parseConjunction(filter: string): { test: (r: Record<string, unknown>) => boolean } | { error: string } {
	const clauses = filter.split(/\s+and\s+/i);
	const tests: Array<(r: Record<string, unknown>) => boolean> = [];
	for (const clause of clauses) {
		const match = /^\s*(\w+)\s+(eq|ne|gt|ge|lt|le)\s+(.+?)\s*$/i.exec(clause);
		if (!match) return { error: `The $filter clause "${clause}" is not supported.` };
		const [, field, op, rawValue] = match;
		const compare = COMPARATORS[op.toLowerCase()];
		let value: unknown;
		const quoted = /^(?:datetime(?:offset)?)?'(.*)'$/i.exec(rawValue);
		if (quoted) value = quoted[1].replace(/''/g, "'");
		else if (/^(true|false)$/i.test(rawValue)) value = rawValue.toLowerCase() === 'true';
		else if (/^-?\d+(\.\d+)?$/.test(rawValue)) value = Number(rawValue);
		else if (!Number.isNaN(Date.parse(rawValue))) value = rawValue;
		else return { error: `The $filter value "${rawValue}" is not supported.` };
		const isDate = typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value);
		tests.push((record) => {
			const actual = record[field];
			if (typeof value === 'boolean') return op.toLowerCase() === 'ne' ? actual !== value : actual === value;
			if (isDate) {
				if (typeof actual !== 'string') return false;
				return compare(Date.parse(actual), Date.parse(value as string));
			}
			return compare(actual as never, value as never);
		});
	}
	return { test: (record) => tests.every((t) => t(record)) };
}
