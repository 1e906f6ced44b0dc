import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout } from '../../../shared/parameters';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { lockitNetworkRecords } from '../../transport';
import { LOCKITNETWORK_PATHS } from '../../transport/endpoints';
import { ID_RULES, projectLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['episode'], operation: ['getMany'] } };

export const description: INodeProperties[] = [projectLocator(displayOptions), ...returnAllOrLimit(displayOptions)];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const projectId = getId.call(this, 'projectId', itemIndex, ID_RULES.project);
	return await collect(
		lockitNetworkRecords.call(
			this,
			{
				method: 'GET',
				path: LOCKITNETWORK_PATHS.episodes(projectId),
				operation: 'list episodes',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
}
