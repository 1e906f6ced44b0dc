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
		displayOptions: { show: { resource: ['scene'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a scene of an episode', action: 'Get a scene' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the scenes of an episode',
				action: 'Get many scenes',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
