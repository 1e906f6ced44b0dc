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
		displayOptions: { show: { resource: ['widget'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a widget', action: 'Get a widget' },
			{ name: 'Get Many', value: 'getMany', description: 'List widgets', action: 'Get many widgets' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
