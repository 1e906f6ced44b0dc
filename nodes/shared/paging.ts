import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { transportError } from './errors';
import { MAX_PAGES } from './limits';
import { apiRequest } from './request';
import type { ApiRequest, PagingStrategy, ProviderApi, RequestContext } from './types';

/** Identity of a record for de-duplication: the provider's key, or its whole content. */
function keyOf(paging: PagingStrategy, record: IDataObject): string {
	const key = paging.recordKey?.(record);
	return key ?? `#${createHash('sha256').update(JSON.stringify(record)).digest('base64').slice(0, 22)}`;
}

/**
 * Records of a list endpoint, page by page, fetched only as far as they are consumed: `limit`
 * (and a trigger that stops at its cursor) stop the paging early. Every record is emitted once.
 * Paging is bounded: a full page that brings nothing new (a provider ignoring the page
 * parameter, or repeating a page) ends it with an error instead of looping, and so does
 * reaching `MAX_PAGES`.
 */
export async function* paginate(
	this: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	paging: PagingStrategy,
	limit?: number,
): AsyncGenerator<IDataObject> {
	const seen = new Set<string>();
	let fetched = 0;
	let received = 0;
	for (let page = 0; page < MAX_PAGES; page++) {
		const wanted = limit === undefined ? undefined : limit - fetched;
		const { qs, size } = paging.pageQuery(page, received, wanted);
		const data = await apiRequest.call(this, api, { ...request, qs: { ...request.qs, ...qs } });
		if (!Array.isArray(data)) {
			throw transportError(this.getNode(), api, request, 'the answer was not a list', []);
		}
		received += data.length;
		let fresh = 0;
		for (const record of data as IDataObject[]) {
			// Unpaged endpoints are one answer: nothing to de-duplicate against.
			if (size !== undefined) {
				const key = keyOf(paging, record);
				if (seen.has(key)) continue;
				seen.add(key);
			}
			fresh++;
			yield record;
			fetched++;
			if (limit !== undefined && fetched >= limit) return;
		}
		if (size === undefined || data.length < size) return;
		if (fresh === 0) {
			throw transportError(this.getNode(), api, request, `page ${page + 1} repeated records already received`, [], {
				description: `${api.displayName} answered a full page with nothing new, so paging was stopped instead of asking forever. ${fetched} records were received before it. The provider may be ignoring the paging parameters; try again later or use a Limit.`,
			});
		}
	}
	throw transportError(this.getNode(), api, request, `more than ${MAX_PAGES} pages`, [], {
		description: `Paging stops after ${MAX_PAGES} pages per call. Use filters or a Limit to ask for less.`,
	});
}

/** Collects what `paginate` yields: everything, or the first `limit` records. */
export async function collect(records: AsyncIterable<IDataObject>): Promise<IDataObject[]> {
	const result: IDataObject[] = [];
	for await (const record of records) result.push(record);
	return result;
}
