import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { SAFE_ID } from '../../shared/node';

export const ID_RULES = {
	store: { label: 'Store', pattern: SAFE_ID, shape: 'the ID of a Taptouch store' },
	order: { label: 'Order', pattern: SAFE_ID, shape: 'the ID of an order' },
	item: { label: 'Item', pattern: SAFE_ID, shape: 'the ID of an inventory item' },
};

function locator(
	displayName: string,
	name: string,
	searchListMethod: string,
	description: string,
	displayOptions: IDisplayOptions | undefined,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f2a9c1e-5b7d-4e8f-a012-3456789abcde',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[A-Za-z0-9][A-Za-z0-9._:~-]*$', errorMessage: 'Not a valid ID' },
					},
				],
			},
		],
	};
}

export const storeLocator = (displayOptions?: IDisplayOptions) =>
	locator('Store', 'storeId', 'searchStores', 'A store this credential may access', displayOptions);

export const orderLocator = (displayOptions?: IDisplayOptions) =>
	locator('Order', 'orderId', 'searchOrders', 'An order of the store', displayOptions);

export const itemLocator = (displayOptions?: IDisplayOptions) =>
	locator('Item', 'itemId', 'searchInventoryItems', 'An inventory item of the store', displayOptions);
