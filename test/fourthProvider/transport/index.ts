import { resolveBaseUrl } from '../../../credentials/shared';
import { apiRequest, paginate, pickErrorDetails } from '../../../nodes/shared/transport';
import type { ApiRequest, PagingStrategy, ProviderApi, RequestContext } from '../../../nodes/shared/provider';
import { WIDGETS_ENVIRONMENTS, WIDGETS_PATHS } from './endpoints';

/** The Widgets API's port declaration: one API-key credential, its own error shape, nothing else. */
export const widgetsApi: ProviderApi = {
	displayName: 'Widgets',
	authentications: {
		apiKey: {
			displayName: 'API Key',
			credentialType: 'widgetsApi',
			// A static key: a 401 is final, nothing to renew.
			renewal: 'none',
			secretFields: ['apiKey'],
			secretName: 'API key',
		},
	},
	defaultAuthentication: 'apiKey',
	baseUrl: (credentials) => resolveBaseUrl(credentials, WIDGETS_ENVIRONMENTS),
	// `{ "error": { "code": "NOT_FOUND", "message": "…" } }`: pickErrorDetails looks one level down.
	errorDetails: (body) => pickErrorDetails(body, ['message'], ['code']),
};

/** The most widgets the API serves per page; the node never asks for more. */
export const WIDGETS_PAGE_SIZE = 25;

/** A page of a list: the records and the cursor of the next page (`null` on the last). */
export interface WidgetPage {
	items: unknown[];
	nextPageToken: string | null;
}

const isPage = (payload: unknown): payload is WidgetPage =>
	typeof payload === 'object' && payload !== null && Array.isArray((payload as WidgetPage).items);

/**
 * Cursor paging: the first page has no token, every next page the `nextPageToken` of the one
 * before; no token ends paging. No `size` is returned, so a short page does not end paging: only
 * the cursor does (a provider may serve less than asked). A page asks only for what Limit still
 * wants, so Limit never costs a request (or a record) more than it needs.
 */
export const cursorPaging: PagingStrategy = {
	pageQuery(page, _received, wanted, previous) {
		const pageSize = Math.min(wanted ?? WIDGETS_PAGE_SIZE, WIDGETS_PAGE_SIZE);
		if (page === 0) return { qs: { pageSize } };
		const token = isPage(previous?.payload) ? previous.payload.nextPageToken : undefined;
		return typeof token === 'string' && token !== '' ? { qs: { pageSize, pageToken: token } } : undefined;
	},
	// Not an envelope: handed on as it is, and the pager refuses it as "not a list".
	records: (payload) => (isPage(payload) ? payload.items : payload),
	recordKey: (record) => (typeof record.id === 'string' ? record.id : undefined),
};

export async function widgetsRequest(this: RequestContext, request: ApiRequest): Promise<unknown> {
	return await apiRequest.call(this, widgetsApi, request);
}

export function widgetsRecords(this: RequestContext, request: ApiRequest, limit?: number) {
	return paginate.call(this, widgetsApi, request, cursorPaging, limit);
}
