import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['administrator'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the owner account's administrators (Tapkey permissions)",
				action: 'Get many administrators',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
