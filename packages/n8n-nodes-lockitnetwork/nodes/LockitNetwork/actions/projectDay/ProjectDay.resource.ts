import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['projectDay'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the shooting days of a project',
				action: 'Get many project days',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
