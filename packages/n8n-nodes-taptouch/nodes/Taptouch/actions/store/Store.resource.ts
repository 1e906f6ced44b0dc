import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['store'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the stores this credential may access',
				action: 'Get many stores',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
