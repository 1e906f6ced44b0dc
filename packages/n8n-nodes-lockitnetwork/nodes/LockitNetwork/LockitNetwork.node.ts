import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperties, nodeCredentials, requestOptionsProperty } from '../shared/node';
import * as clip from './actions/clip/Clip.resource';
import * as episode from './actions/episode/Episode.resource';
import * as project from './actions/project/Project.resource';
import * as projectDay from './actions/projectDay/ProjectDay.resource';
import { router } from './actions/router';
import * as scene from './actions/scene/Scene.resource';
import { listSearch } from './methods';
import { lockitNetworkApi } from './transport';

export class LockitNetwork implements INodeType {
	// The description lives here, not in actions/versionDescription.ts: n8n's community lint wants
	// the node class description (and its icon) in <Name>.node.ts.
	description: INodeTypeDescription = {
		displayName: 'LockitNetwork',
		name: 'lockitNetwork',
		icon: { light: 'file:lockitNetwork.svg', dark: 'file:lockitNetwork.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Read film and TV production continuity data from LockitNetwork: projects, episodes, scenes, shooting days, and match camera clips to takes',
		defaults: { name: 'LockitNetwork' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials(lockitNetworkApi),
		properties: [
			...authenticationProperties(lockitNetworkApi),
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

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		// A failing item becomes an error item instead of stopping the node when "On Error" is set
		// to continue; the router applies it to each item.
		return await router.call(this, { continueOnFail: this.continueOnFail() });
	}
}
