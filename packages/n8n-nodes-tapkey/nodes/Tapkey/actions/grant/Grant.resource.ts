import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';
import * as revoke from './revoke.operation';
import * as revokeAll from './revokeAll.operation';

export const operations = { create, getMany, revoke, revokeAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['grant'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Give a contact access to a bound lock',
				action: 'Create a grant',
			},
			{ name: 'Get Many', value: 'getMany', description: 'List access grants', action: 'Get many grants' },
			{ name: 'Revoke', value: 'revoke', description: 'Revoke an access grant', action: 'Revoke a grant' },
			{
				name: 'Revoke All',
				value: 'revokeAll',
				description: 'Revoke every grant of a contact',
				action: 'Revoke all grants of a contact',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...getMany.description,
	...revoke.description,
	...revokeAll.description,
];
