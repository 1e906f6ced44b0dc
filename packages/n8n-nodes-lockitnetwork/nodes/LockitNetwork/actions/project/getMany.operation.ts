import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { lockitNetworkRecords } from '../../transport';
import { LOCKITNETWORK_PATHS } from '../../transport/endpoints';

/**
 * What Simplify keeps of a project: its name, whether it is a series, and whether it is premium
 * (only premium projects open their episodes, scenes and days).
 */
const SIMPLIFIED_FIELDS = ['uuid', 'name', 'isSeries', 'isPremium'];

const properties: INodeProperties[] = [...returnAllOrLimit(), simplifyProperty(SIMPLIFIED_FIELDS)];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const projects = await collect(
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
	return simplifyRecords.call(this, itemIndex, projects, SIMPLIFIED_FIELDS);
}
