import type { IExecuteFunctions } from 'n8n-workflow';

import type { RunOptions } from '../../shared/node';
import { runOperation } from '../../shared/node';
import * as clip from './clip/Clip.resource';
import * as episode from './episode/Episode.resource';
import * as project from './project/Project.resource';
import * as projectDay from './projectDay/ProjectDay.resource';
import * as scene from './scene/Scene.resource';

export async function router(this: IExecuteFunctions, options: RunOptions) {
	return await runOperation.call(this, {
		project: project.operations,
		episode: episode.operations,
		scene: scene.operations,
		projectDay: projectDay.operations,
		clip: clip.operations,
	}, options);
}
