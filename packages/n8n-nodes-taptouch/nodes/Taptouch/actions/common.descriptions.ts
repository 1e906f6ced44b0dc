import type { IDisplayOptions } from 'n8n-workflow';

import type { IdRule } from '../../shared/node';
import { resourceLocator, SAFE_ID } from '../../shared/node';

export const ID_RULES = {
	store: { label: 'Store', pattern: SAFE_ID, shape: 'the ID of a Taptouch store' },
	order: { label: 'Order', pattern: SAFE_ID, shape: 'the ID of an order' },
	item: { label: 'Item', pattern: SAFE_ID, shape: 'the ID of an inventory item' },
};

const locator = (
	displayName: string,
	name: string,
	searchListMethod: string,
	description: string,
	displayOptions: IDisplayOptions | undefined,
	idRule: IdRule,
) =>
	resourceLocator(
		{ displayName, name, searchListMethod, description, idRule, placeholder: 'e.g. 3f2a9c1e-5b7d-4e8f-a012-3456789abcde' },
		displayOptions,
	);

export const storeLocator = (displayOptions?: IDisplayOptions) =>
	locator('Store', 'storeId', 'searchStores', 'A store this credential may access', displayOptions, ID_RULES.store);

export const orderLocator = (displayOptions?: IDisplayOptions) =>
	locator('Order', 'orderId', 'searchOrders', 'An order of the store', displayOptions, ID_RULES.order);

export const itemLocator = (displayOptions?: IDisplayOptions) =>
	locator('Item', 'itemId', 'searchInventoryItems', 'An inventory item of the store', displayOptions, ID_RULES.item);
