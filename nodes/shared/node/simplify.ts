import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getBoolean } from './parameters';

/**
 * The fields Simplify keeps of a record: top-level names, or `parent.child` for one field of a
 * nested object (kept nested, as `{ parent: { child } }`).
 */
export type SimplifiedFields = readonly string[];

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The "Simplify" switch of a list operation, off by default so a saved workflow's output does not
 * change. AI agents calling the node as a tool turn it on for fewer tokens per record.
 */
export function simplifyProperty(fields: SimplifiedFields): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return only the main fields of each record (${fields.join(', ')}) instead of all of them. Fewer tokens when an AI agent uses the node as a tool.`,
	};
}

/**
 * The given fields of a record, in that order; a field the record does not have is left out
 * rather than invented. The record itself is not changed.
 */
export function pickFields(record: IDataObject, fields: SimplifiedFields): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) {
		const [parent, child] = field.split('.', 2);
		if (!(parent in record)) continue;
		if (child === undefined) {
			picked[parent] = record[parent];
			continue;
		}
		const nested = record[parent];
		if (!isObject(nested) || !(child in nested)) continue;
		picked[parent] = { ...(isObject(picked[parent]) ? picked[parent] : {}), [child]: nested[child] };
	}
	return picked;
}

/** The records as they are, or with only `fields` when the item's Simplify is on. */
export function simplifyRecords(
	this: IExecuteFunctions,
	itemIndex: number,
	records: IDataObject[],
	fields: SimplifiedFields,
): IDataObject[] {
	if (!getBoolean.call(this, 'simplify', itemIndex, 'Simplify', false)) return records;
	return records.map((record) => pickFields(record, fields));
}
