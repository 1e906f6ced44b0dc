import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout } from '../../../shared/parameters';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { lockitNetworkRecords } from '../../transport';
import { LOCKITNETWORK_PATHS } from '../../transport/endpoints';
import { episodeLocator, ID_RULES, projectLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['scene'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	projectLocator(displayOptions),
	episodeLocator(displayOptions),
	...returnAllOrLimit(displayOptions),
];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const projectId = getId.call(this, 'projectId', itemIndex, ID_RULES.project);
	const episodeId = getId.call(this, 'episodeId', itemIndex, ID_RULES.episode);
	return await collect(
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
}
