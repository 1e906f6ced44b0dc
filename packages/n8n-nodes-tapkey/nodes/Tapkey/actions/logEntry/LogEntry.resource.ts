import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['logEntry'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List lock log entries (unlocks and other events)',
				action: 'Get many log entries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
