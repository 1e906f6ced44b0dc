import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getId, getTimeout, toBoolean, toNumber, updateDisplayOptions } from '../../../shared/node';
import { requireClientCredentials, taptouchRequest } from '../../transport';
import { INVENTORY_UPDATE_FIELDS, TAPTOUCH_PATHS } from '../../transport/endpoints';
import { ID_RULES, itemLocator, storeLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	storeLocator(),
	itemLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Available',
				name: 'available',
				type: 'boolean',
				default: true,
				description: 'Whether the item can be ordered',
			},
			{
				displayName: 'Price',
				name: 'price',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: "Selling price in the store's currency",
			},
			{
				displayName: 'Quantity',
				name: 'quantity',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Units in stock',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['inventory'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	await requireClientCredentials.call(this, 'inventory', itemIndex);
	const storeId = getId.call(this, 'storeId', itemIndex, ID_RULES.store);
	const itemId = getId.call(this, 'itemId', itemIndex, ID_RULES.item);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	// Mapped fields often arrive as text, and Taptouch may read the text "false" as true. Which
	// numbers it takes (whole, 0 or more) is Taptouch's to say; its refusal names the field.
	const read: Record<(typeof INVENTORY_UPDATE_FIELDS)[number], (value: unknown) => IDataObject[string]> = {
		quantity: (value) => toNumber(node, value, 'Quantity', {}, itemIndex),
		price: (value) => toNumber(node, value, 'Price', {}, itemIndex),
		available: (value) => toBoolean(node, value, 'Available', itemIndex),
	};
	const body: IDataObject = {};
	for (const name of INVENTORY_UPDATE_FIELDS) {
		if (fields[name] !== undefined && fields[name] !== '') body[name] = read[name](fields[name]);
	}
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one field to update', {
			itemIndex,
			description: 'Choose Quantity, Price or Available under "Update Fields".',
		});
	}
	return (await taptouchRequest.call(this, {
		method: 'PUT',
		path: TAPTOUCH_PATHS.inventoryItem(storeId, itemId),
		body,
		operation: 'update the inventory item',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
