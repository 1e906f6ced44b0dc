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
		displayOptions: { show: { resource: ['episode'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get an episode of a project', action: 'Get an episode' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the episodes of a project',
				action: 'Get many episodes',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
