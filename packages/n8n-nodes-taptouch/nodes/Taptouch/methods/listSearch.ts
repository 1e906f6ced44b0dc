import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ListEntry } from '../../shared/node';
import { dependentId, searchPagedList } from '../../shared/node';
import { ID_RULES } from '../actions/common.descriptions';
import { requireClientCredentials, taptouchApi, taptouchPaging } from '../transport';
import { ORDER_TIME_FIELD, TAPTOUCH_PATHS } from '../transport/endpoints';

/** The store parameter of the same node, whatever mode it is in; validated and encoded. */
function currentStoreId(this: ILoadOptionsFunctions): string | undefined {
	return dependentId.call(this, 'storeId', ID_RULES.store);
}

/**
 * One page of a list filtered by the search text. Taptouch documents no free-text search, so
 * pages are read as the user scrolls and filtered here, with the paging of Get Many: a search
 * reads on past the first page until it finds enough (`searchPagedList`).
 */
async function searchPage(
	this: ILoadOptionsFunctions,
	path: string,
	operation: string,
	toEntry: (record: IDataObject) => ListEntry,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const request = { method: 'GET' as const, path, operation };
	return await searchPagedList.call(this, taptouchApi, request, taptouchPaging(), toEntry, filter, paginationToken);
}

export async function searchStores(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage.call(
		this,
		TAPTOUCH_PATHS.stores(),
		'list stores',
		(store) => ({ name: String(store.name ?? store.id), value: String(store.id), searchText: [store.name, store.id] }),
		filter,
		paginationToken,
	);
}

export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	await requireClientCredentials.call(this, 'orders');
	const storeId = currentStoreId.call(this);
	if (!storeId) return { results: [] };
	return await searchPage.call(
		this,
		TAPTOUCH_PATHS.orders(storeId),
		'list orders',
		(order) => ({
			name: [order.orderNumber ?? order.id, order.status, order[ORDER_TIME_FIELD]].filter(Boolean).join(' · '),
			value: String(order.id),
			searchText: [order.orderNumber, order.id, order.status],
		}),
		filter,
		paginationToken,
	);
}

export async function searchInventoryItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	await requireClientCredentials.call(this, 'inventory');
	const storeId = currentStoreId.call(this);
	if (!storeId) return { results: [] };
	return await searchPage.call(
		this,
		TAPTOUCH_PATHS.inventory(storeId),
		'list inventory items',
		(item) => ({
			name: String(item.name ?? item.id),
			value: String(item.id),
			searchText: [item.name, item.sku, item.id],
		}),
		filter,
		paginationToken,
	);
}
