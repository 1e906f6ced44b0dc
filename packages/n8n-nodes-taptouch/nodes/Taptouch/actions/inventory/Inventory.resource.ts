import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations = { getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the inventory items of a store',
				action: 'Get many inventory items',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the stock, price or availability of an item',
				action: 'Update an inventory item',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...update.description,
];
