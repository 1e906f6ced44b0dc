import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { LIST_SEARCH_MAX_SCANNED, LIST_SEARCH_PAGE } from '../limits';
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
	return (Array.isArray(records) ? (records as IDataObject[]) : [])
		.map(toEntry)
		.filter((entry) => matches(entry, filter))
		.map(({ name, value, url }) => (url === undefined ? { name, value } : { name, value, url }));
}

function matches(entry: ListEntry, filter?: string): boolean {
	const wanted = filter?.toLowerCase();
	return !wanted || entry.searchText.some((text) => String(text ?? '').toLowerCase().includes(wanted));
}

/**
 * One page of a dropdown over a list paged by offset, read as Get Many reads it (`paginate`: on
 * past a page-size cap the provider does not announce), so the dropdown shows what Get Many
 * returns. `records(from, limit)` lists at most `limit` records from the `from`-th on; the
 * `paginationToken` is that offset. Without a search text a page is `LIST_SEARCH_PAGE` entries;
 * with one, records are read until that many match, the list ends, or `LIST_SEARCH_MAX_SCANNED`
 * were read (then the next page goes on from there).
 */
export async function searchOffsetList(
	records: (from: number, limit: number) => AsyncIterable<IDataObject>,
	toEntry: (record: IDataObject) => ListEntry,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const from = Math.max(0, Math.floor(Number(paginationToken ?? 0)) || 0);
	const limit = filter ? LIST_SEARCH_MAX_SCANNED : LIST_SEARCH_PAGE;
	const read: IDataObject[] = [];
	let found = 0;
	let more = false;
	for await (const record of records(from, limit)) {
		read.push(record);
		if (matches(toEntry(record), filter)) found++;
		if (read.length >= limit || found >= LIST_SEARCH_PAGE) {
			more = true;
			break;
		}
	}
	return {
		results: searchResults(read, toEntry, filter),
		paginationToken: more ? String(from + read.length) : undefined,
	};
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
