import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { transportError } from './requestErrors';
import { MAX_PAGES } from '../limits';
import { PageSizeLearner } from './pageSizes';
import { apiRequest } from './request';
import type { ApiRequest, PageQuery, PagingStrategy, ProviderApi, RequestContext } from '../provider';

/** Identity of a record for de-duplication: the provider's key, or its whole content. */
function keyOf(paging: PagingStrategy, record: IDataObject): string {
	const key = paging.recordKey?.(record);
	return key ?? `#${createHash('sha256').update(JSON.stringify(record)).digest('base64').slice(0, 22)}`;
}

/** One page as it arrived: its new records (Limit applied) and the next page's query, if any. */
interface Page {
	records: IDataObject[];
	next?: PageQuery;
}

/**
 * The records of a list endpoint, page by page. Paging is bounded: a full page that brings
 * nothing new (a provider ignoring the page parameter, or repeating a page) ends it with an error
 * instead of looping, and so does reaching `MAX_PAGES`. Every record is emitted once, in order.
 *
 * Iterated record by record (`for await`), pages are fetched only as far as they are consumed, so
 * a consumer that stops early (a trigger at its cursor) asks for nothing more. `collect`, which
 * takes everything, reads ahead instead: the next page is asked for as soon as a full page
 * arrives, before that page is consumed. It is the request a sequential pager would make next, so
 * read-ahead never asks past the first short page, past Limit, or for more than one page ahead.
 */
export class Pager implements AsyncIterable<IDataObject> {
	private readonly seen = new Set<string>();
	private fetched = 0;
	private received = 0;
	/** The largest page received. */
	private largest = 0;
	private readonly pageSizes: PageSizeLearner;

	constructor(
		private readonly context: RequestContext,
		private readonly api: ProviderApi,
		private readonly request: ApiRequest,
		private readonly paging: PagingStrategy,
		private readonly limit?: number,
	) {
		this.pageSizes = new PageSizeLearner(context, api, request);
	}

	/** Pages in order; with `readAhead`, the next page is requested before this one is handed out. */
	async *pages(readAhead: boolean): AsyncGenerator<IDataObject[]> {
		const first = this.paging.pageQuery(0, 0, this.limit);
		if (!first) return;
		let pending = this.fetchPage(0, first);
		try {
			for (let page = 0; ; page++) {
				const { records, next } = await pending;
				if (next && readAhead) {
					pending = this.fetchPage(page + 1, next);
					// A consumer that stops (or fails) before awaiting it must not leave a rejection unhandled.
					pending.catch(() => undefined);
				}
				yield records;
				if (!next) return;
				if (!readAhead) pending = this.fetchPage(page + 1, next);
			}
		} finally {
			// A consumer that stops before the probe page was asked for must not keep other pagers waiting.
			if (!readAhead) this.pageSizes.release();
		}
	}

	async *[Symbol.asyncIterator](): AsyncGenerator<IDataObject> {
		for await (const records of this.pages(false)) yield* records;
	}

	/**
	 * A page shorter than asked is the last one, unless the provider serves pages of a fixed size
	 * below what was asked without saying so (none of them documents a largest page). With offset
	 * paging the next page can start anywhere, so paging can go on past such a cap: what is known of
	 * the provider's page size decides, and where nothing is, one more request finds out
	 * (`PageSizeLearner`, which remembers the answer per credential).
	 */
	private async isLastPage(length: number, asked: number): Promise<boolean> {
		this.largest = Math.max(this.largest, length);
		if (length >= asked) return false;
		if (!this.paging.offsetBased) return true;
		return await this.pageSizes.isLastShortPage(length, this.largest);
	}

	/**
	 * Fetches page `page` (after every earlier page has arrived), takes its new records and works
	 * out the next page's query, if there is one.
	 */
	private async fetchPage(page: number, query: PageQuery): Promise<Page> {
		const { context, api, request, paging, limit } = this;
		if (page >= MAX_PAGES) {
			throw transportError(context.getNode(), api, request, `more than ${MAX_PAGES} pages`, [], {
				description: `Paging stops after ${MAX_PAGES} pages per call. Use filters or a Limit to ask for less.`,
			});
		}
		const { payload, data } = await this.fetchList(query);
		// When the page before was a probe of the provider's page size, this page is its answer.
		if (page > 0) this.pageSizes.settleProbe(data.length);
		this.received += data.length;
		// A single answer (no page size, first page) has nothing to de-duplicate against, unless
		// another page follows it (cursor paging): its keys are then taken below.
		const dedupe = query.size !== undefined || page > 0;
		const records: IDataObject[] = [];
		for (const record of data) {
			if (dedupe) {
				const key = keyOf(paging, record);
				if (this.seen.has(key)) continue;
				this.seen.add(key);
			}
			records.push(record);
			this.fetched++;
			if (limit !== undefined && this.fetched >= limit) return { records };
		}
		if (query.size !== undefined && (await this.isLastPage(data.length, query.size))) return { records };
		const wanted = limit === undefined ? undefined : limit - this.fetched;
		const next = paging.pageQuery(page + 1, this.received, wanted, { page, payload, received: this.received });
		if (!next) {
			this.pageSizes.release();
			return { records };
		}
		if (!dedupe) for (const record of records) this.seen.add(keyOf(paging, record));
		if (records.length === 0 && data.length > 0) {
			this.pageSizes.release();
			throw transportError(context.getNode(), api, request, `page ${page + 1} repeated records already received`, [], {
				description: `${api.displayName} answered a full page with nothing new, so paging was stopped instead of asking forever. ${this.fetched} records were received before it. The provider may be ignoring the paging parameters; try again later or use a Limit.`,
			});
		}
		return { records, next };
	}

	/** One page's payload and the list in it; a failure ends this pager's probe, if it had one. */
	private async fetchList(query: PageQuery): Promise<{ payload: unknown; data: IDataObject[] }> {
		const { context, api, request, paging } = this;
		let arrived = false;
		try {
			const payload = await apiRequest.call(context, api, { ...request, qs: { ...request.qs, ...query.qs } });
			const data = paging.records ? paging.records(payload) : payload;
			if (!Array.isArray(data)) {
				throw transportError(context.getNode(), api, request, 'the answer was not a list', []);
			}
			arrived = true;
			return { payload, data: data as IDataObject[] };
		} finally {
			if (!arrived) this.pageSizes.release();
		}
	}
}

/** The records of a list endpoint: everything, or the first `limit` (see `Pager`). */
export function paginate(
	this: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	paging: PagingStrategy,
	limit?: number,
): Pager {
	return new Pager(this, api, request, paging, limit);
}

/**
 * A paging strategy that goes on where an earlier pager stopped: its first page is page `page`
 * of the list, `received` records in (a dropdown's later page). Offset paging can start at any
 * record, page-number paging at a page; a strategy that needs the previous answer (a cursor) cannot
 * be resumed this way and starts over.
 */
export function resumedAt(paging: PagingStrategy, start: { page: number; received: number }): PagingStrategy {
	return {
		...paging,
		pageQuery: (page, received, wanted, previous) =>
			paging.pageQuery(
				start.page + page,
				start.received + received,
				wanted,
				previous && { ...previous, page: start.page + previous.page, received: start.received + previous.received },
			),
	};
}

/** Collects what `paginate` yields: everything, or the first `limit` records, reading ahead. */
export async function collect(records: AsyncIterable<IDataObject>): Promise<IDataObject[]> {
	const result: IDataObject[] = [];
	if (records instanceof Pager) {
		for await (const page of records.pages(true)) for (const record of page) result.push(record);
		return result;
	}
	for await (const record of records) result.push(record);
	return result;
}
