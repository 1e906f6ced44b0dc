import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['boundCard'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the NFC cards (transponders) bound to an owner account',
				action: 'Get many bound cards',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
