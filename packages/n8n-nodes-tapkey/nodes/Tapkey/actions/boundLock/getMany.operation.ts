import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getBoolean, getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { tapkeyRecords } from '../../transport';
import { ID_RULES, ownerLocator } from '../common.descriptions';
import { healthQuery, healthStatusesOption } from './health';
import { TAPKEY_PATHS } from '../../transport/endpoints';

/**
 * What Simplify keeps of a bound lock (and `healthStatuses`, when asked for): its names, its
 * physical lock ID (the one printed on the lock), its model and whether it is still bound.
 */
const SIMPLIFIED_FIELDS = ['id', 'title', 'description', 'physicalLockId', 'lockType.modelName', 'active'];

const properties: INodeProperties[] = [
	ownerLocator(),
	...returnAllOrLimit(),
	simplifyProperty(SIMPLIFIED_FIELDS),
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to leave out locks that were unbound',
	},
	healthStatusesOption(),
];

export const description = updateDisplayOptions({ show: { resource: ['boundLock'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const activeOnly = getBoolean.call(this, 'activeOnly', itemIndex, 'Active Only', false);
	const health = healthQuery.call(this, itemIndex);
	const locks = await collect(
		tapkeyRecords.call(
			this,
			{
				method: 'GET',
				path: TAPKEY_PATHS.boundLocks(ownerId),
				qs: { ...(activeOnly ? { $filter: 'active eq true' } : {}), ...health },
				operation: 'list bound locks',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
	const fields = health.expand ? [...SIMPLIFIED_FIELDS, 'healthStatuses'] : SIMPLIFIED_FIELDS;
	return simplifyRecords.call(this, itemIndex, locks, fields);
}
