import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchResults } from '../../nodes/shared/node';
import type { WidgetPage } from './transport';
import { WIDGETS_PAGE_SIZE, widgetsRequest } from './transport';
import { WIDGETS_PATHS } from './transport/endpoints';

/** The Widget dropdown: one API page per call, the API's own cursor as n8n's pagination token. */
export async function searchWidgets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = (await widgetsRequest.call(this, {
		method: 'GET',
		path: WIDGETS_PATHS.widgets(),
		qs: { pageSize: WIDGETS_PAGE_SIZE, ...(paginationToken ? { pageToken: paginationToken } : {}) },
		operation: 'list widgets',
	})) as WidgetPage;
	const results = searchResults(page?.items, (widget) => ({
		name: String(widget.name),
		value: String(widget.id),
		searchText: [widget.name, widget.id],
	}), filter);
	return page?.nextPageToken ? { results, paginationToken: page.nextPageToken } : { results };
}
