import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { lockitNetworkRecords } from '../../transport';
import { LOCKITNETWORK_PATHS } from '../../transport/endpoints';
import { episodeLocator, ID_RULES, projectLocator } from '../common.descriptions';

/** What Simplify keeps of a scene: its number (and letter, as in 4A), what it is, where and when it plays. */
const SIMPLIFIED_FIELDS = ['uuid', 'number', 'additional', 'content', 'inOut', 'dayNight', 'sets'];

const properties: INodeProperties[] = [
	projectLocator(),
	episodeLocator(),
	...returnAllOrLimit(),
	simplifyProperty(SIMPLIFIED_FIELDS),
];

export const description = updateDisplayOptions({ show: { resource: ['scene'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const projectId = getId.call(this, 'projectId', itemIndex, ID_RULES.project);
	const episodeId = getId.call(this, 'episodeId', itemIndex, ID_RULES.episode);
	const scenes = await collect(
		lockitNetworkRecords.call(
			this,
			{
				method: 'GET',
				path: LOCKITNETWORK_PATHS.scenes(projectId, episodeId),
				operation: 'list scenes',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
	return simplifyRecords.call(this, itemIndex, scenes, SIMPLIFIED_FIELDS);
}
