import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { LIST_SEARCH_MAX_SCANNED, LIST_SEARCH_PAGE } from '../limits';
import type { ApiRequest, PagingStrategy, ProviderApi, RequestContext } from '../provider';
import { paginate, resumedAt } from '../transport';
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

/** Where a dropdown's next page starts: `received` records in, on page `page` of the list. */
interface ResumePoint {
	page: number;
	received: number;
}

/** The `paginationToken` of a resume point: `received`, then `:page` when the page counts. */
function resumeToken(point: ResumePoint): string {
	return point.page === 0 ? String(point.received) : `${point.received}:${point.page}`;
}

function resumePoint(token?: string): ResumePoint {
	const [received, page] = String(token ?? '')
		.split(':')
		.map((part) => Math.max(0, Math.floor(Number(part)) || 0));
	return { received: received ?? 0, page: page ?? 0 };
}

/**
 * One page of a dropdown over a paged list, read as Get Many reads it (`paginate` with the
 * provider's paging strategy, on past a page-size cap it does not announce), so the dropdown shows
 * what Get Many returns. Without a search text a page is `LIST_SEARCH_PAGE` entries; with one,
 * records are read until that many match, the list ends, or `LIST_SEARCH_MAX_SCANNED` were read
 * (then the next page goes on from there). Offset paging stops at the record that is enough;
 * page-number paging can only go on from a page, so it stops at the end of that page.
 */
export async function searchPagedList(
	this: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	paging: PagingStrategy,
	toEntry: (record: IDataObject) => ListEntry,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const start = resumePoint(paginationToken);
	const limit = filter ? LIST_SEARCH_MAX_SCANNED : LIST_SEARCH_PAGE;
	const inRecords = paging.offsetBased === true;
	const pager = paginate.call(this, api, request, resumedAt(paging, start), inRecords ? limit : undefined);
	const read: IDataObject[] = [];
	let found = 0;
	let more = false;
	let page = start.page;
	const enough = () => read.length >= limit || found >= LIST_SEARCH_PAGE;
	pages: for await (const records of pager.pages(false)) {
		page++;
		for (const record of records) {
			read.push(record);
			if (matches(toEntry(record), filter)) found++;
			if (inRecords && enough()) {
				more = true;
				break pages;
			}
		}
		if (enough()) {
			more = true;
			break;
		}
	}
	const next = inRecords ? { page: 0, received: start.received + read.length } : { page, received: start.received + read.length };
	return { results: searchResults(read, toEntry, filter), paginationToken: more ? resumeToken(next) : undefined };
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
