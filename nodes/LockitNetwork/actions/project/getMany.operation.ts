import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, getTimeout } from '../../../shared/parameters';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { lockitNetworkRecords } from '../../transport';
import { LOCKITNETWORK_PATHS } from '../../transport/endpoints';

const displayOptions = { show: { resource: ['project'], operation: ['getMany'] } };

export const description: INodeProperties[] = [...returnAllOrLimit(displayOptions)];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await collect(
		lockitNetworkRecords.call(
			this,
			{
				method: 'GET',
				path: LOCKITNETWORK_PATHS.projects(),
				operation: 'list projects',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
}
