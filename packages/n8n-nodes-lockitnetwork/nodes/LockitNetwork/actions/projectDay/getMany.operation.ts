import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { lockitNetworkRecords } from '../../transport';
import { LOCKITNETWORK_PATHS } from '../../transport/endpoints';
import { ID_RULES, projectLocator } from '../common.descriptions';

/** What Simplify keeps of a shooting day: its number (with prefix and suffix), its date and its unit. */
const SIMPLIFIED_FIELDS = ['uuid', 'day', 'prefix', 'suffix', 'date', 'unit'];

const properties: INodeProperties[] = [projectLocator(), ...returnAllOrLimit(), simplifyProperty(SIMPLIFIED_FIELDS)];

export const description = updateDisplayOptions({ show: { resource: ['projectDay'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const projectId = getId.call(this, 'projectId', itemIndex, ID_RULES.project);
	const projectDays = await collect(
		lockitNetworkRecords.call(
			this,
			{
				method: 'GET',
				path: LOCKITNETWORK_PATHS.projectDays(projectId),
				operation: 'list project days',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
	return simplifyRecords.call(this, itemIndex, projectDays, SIMPLIFIED_FIELDS);
}
