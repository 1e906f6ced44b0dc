import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ResourceOperations } from '../../shared/node';
import { runOperation } from '../../shared/node';
import * as clip from './clip/Clip.resource';
import * as episode from './episode/Episode.resource';
import * as project from './project/Project.resource';
import * as projectDay from './projectDay/ProjectDay.resource';
import * as scene from './scene/Scene.resource';

/**
 * `continueOnFail` is read by the node class's execute() (where n8n's lint rule
 * require-continue-on-fail looks for it) and handed to the runner, which applies it per item.
 * The runner still reads the same value itself until nodes/shared/node.ts takes the option.
 */
type Runner = (
	this: IExecuteFunctions,
	resources: ResourceOperations,
	options: { continueOnFail: boolean },
) => Promise<INodeExecutionData[][]>;

export async function router(this: IExecuteFunctions, options: { continueOnFail: boolean }) {
	return await (runOperation as Runner).call(this, {
		project: project.operations,
		episode: episode.operations,
		scene: scene.operations,
		projectDay: projectDay.operations,
		clip: clip.operations,
	}, options);
}
