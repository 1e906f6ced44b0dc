import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations = { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get an order of a store', action: 'Get an order' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the orders of a store',
				action: 'Get many orders',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
