import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/node';
import * as clip from './clip/Clip.resource';
import * as episode from './episode/Episode.resource';
import * as project from './project/Project.resource';
import * as projectDay from './projectDay/ProjectDay.resource';
import * as scene from './scene/Scene.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'LockitNetwork',
	name: 'lockitNetwork',
	icon: 'file:lockitNetwork.svg',
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	description:
		'Read film and TV production continuity data from LockitNetwork: projects, episodes, scenes, shooting days, and match camera clips to takes',
	defaults: { name: 'LockitNetwork' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'lockitNetworkOAuth2Api', required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Clip', value: 'clip' },
				{ name: 'Episode', value: 'episode' },
				{ name: 'Project', value: 'project' },
				{ name: 'Project Day', value: 'projectDay' },
				{ name: 'Scene', value: 'scene' },
			],
			default: 'project',
		},
		...project.description,
		...episode.description,
		...scene.description,
		...projectDay.description,
		...clip.description,
		requestOptionsProperty,
	],
};
