import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { lockitNetworkRequest } from '../../transport';
import { LOCKITNETWORK_PATHS } from '../../transport/endpoints';
import { episodeLocator, ID_RULES, projectLocator } from '../common.descriptions';

const properties: INodeProperties[] = [projectLocator(), episodeLocator()];

export const description = updateDisplayOptions({ show: { resource: ['episode'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const projectId = getId.call(this, 'projectId', itemIndex, ID_RULES.project);
	const episodeId = getId.call(this, 'episodeId', itemIndex, ID_RULES.episode);
	return (await lockitNetworkRequest.call(this, {
		method: 'GET',
		path: LOCKITNETWORK_PATHS.episode(projectId, episodeId),
		operation: 'get the episode',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
