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
		displayOptions: { show: { resource: ['owner'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get an owner account', action: 'Get an owner account' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the owner accounts the credential can manage',
				action: 'Get many owner accounts',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
