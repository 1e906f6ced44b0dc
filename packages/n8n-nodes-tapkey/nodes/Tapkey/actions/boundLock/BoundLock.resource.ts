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
		displayOptions: { show: { resource: ['boundLock'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a bound lock', action: 'Get a bound lock' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the locks bound to an owner account',
				action: 'Get many bound locks',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
