import type { INodeProperties } from 'n8n-workflow';

import * as match from './match.operation';

export const operations = { match };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['clip'] } },
		options: [
			{
				name: 'Match',
				value: 'match',
				description: 'Find the episode, scene, shot and take of camera clips by file name',
				action: 'Match clips to takes',
			},
		],
		default: 'match',
	},
	...match.description,
];
