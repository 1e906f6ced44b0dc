import type { IDisplayOptions } from 'n8n-workflow';

import type { IdRule } from '../../shared/node';
import { resourceLocator } from '../../shared/node';

/** LockitNetwork IDs are 32 hexadecimal characters (a UUID without dashes). */
export const LOCKITNETWORK_ID = /^[0-9a-fA-F]{32}$/;

const rule = (label: string): IdRule => ({
	label,
	pattern: LOCKITNETWORK_ID,
	shape: `the 32-character hexadecimal ID of the ${label.toLowerCase()}, e.g. 4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10`,
});

export const ID_RULES = {
	project: rule('Project'),
	episode: rule('Episode'),
	scene: rule('Scene'),
	projectDay: rule('Project Day'),
};

const locator = (
	displayName: string,
	name: string,
	searchListMethod: string,
	description: string,
	displayOptions: IDisplayOptions | undefined,
) =>
	resourceLocator(
		{
			displayName,
			name,
			searchListMethod,
			description,
			idRule: rule(displayName),
			placeholder: 'e.g. 4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10',
		},
		displayOptions,
	);

export const projectLocator = (displayOptions?: IDisplayOptions) => ({
	...locator('Project', 'projectId', 'searchProjects', 'The production (film or series)', displayOptions),
	hint: 'LockitNetwork opens project data (episodes, scenes, days, clips) only for premium projects',
});

export const episodeLocator = (displayOptions?: IDisplayOptions) =>
	locator('Episode', 'episodeId', 'searchEpisodes', 'An episode of the project', displayOptions);

export const sceneLocator = (displayOptions?: IDisplayOptions) =>
	locator('Scene', 'sceneId', 'searchScenes', 'A scene of the episode', displayOptions);

export const projectDayLocator = (displayOptions?: IDisplayOptions) =>
	locator('Project Day', 'projectDayId', 'searchProjectDays', 'A shooting day of the project', displayOptions);
