import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems } from 'n8n-workflow';

import type { IdRule } from './parameters';
import { toText, validateId } from './parameters';

/** One record as a searchable dropdown shows it, and the texts a search may match. */
export interface ListEntry {
	name: string;
	value: string;
	url?: string;
	searchText: unknown[];
}

/**
 * The dropdown results for one answer: none of the providers has a free-text search, so the
 * search text is matched here, case-insensitively, against each entry's texts.
 */
export function searchResults(
	records: unknown,
	toEntry: (record: IDataObject) => ListEntry,
	filter?: string,
): INodeListSearchItems[] {
	const wanted = filter?.toLowerCase();
	return (Array.isArray(records) ? (records as IDataObject[]) : [])
		.map(toEntry)
		.filter(
			(entry) =>
				!wanted || entry.searchText.some((text) => String(text ?? '').toLowerCase().includes(wanted)),
		)
		.map(({ name, value, url }) => (url === undefined ? { name, value } : { name, value, url }));
}

/**
 * The locator a dependent list hangs on (the owner whose bound locks are listed): `undefined`
 * while it is empty, otherwise checked with the same rule as the node parameter and encoded for
 * the request path, so a malformed ID is refused with a clear error instead of being requested.
 */
export function dependentId(this: ILoadOptionsFunctions, parameter: string, rule: IdRule): string | undefined {
	const raw = this.getNodeParameter(parameter, undefined, { extractValue: true });
	if (!toText(this.getNode(), raw, rule.label)) return undefined;
	return validateId(this.getNode(), raw, rule);
}
