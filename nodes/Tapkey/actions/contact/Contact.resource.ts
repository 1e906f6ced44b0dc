import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const operations = { create, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a contact (a Tapkey user by e-mail) to an owner account',
				action: 'Create a contact',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the contacts of an owner account',
				action: 'Get many contacts',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...getMany.description,
];
