import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { tapkeyRecords } from '../../transport';
import { ID_RULES, ownerLocator } from '../common.descriptions';
import { healthQuery, healthStatusesOption } from './health';

const displayOptions = { show: { resource: ['boundLock'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	ownerLocator(displayOptions),
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		displayOptions,
		default: false,
		description: 'Whether to leave out locks that were unbound',
	},
	healthStatusesOption(displayOptions),
];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const activeOnly = this.getNodeParameter('activeOnly', itemIndex, false) as boolean;
	return await collect(
		tapkeyRecords.call(
			this,
			{
				method: 'GET',
				path: `/Owners/${ownerId}/BoundLocks`,
				qs: { ...(activeOnly ? { $filter: 'active eq true' } : {}), ...healthQuery.call(this, itemIndex) },
				operation: 'list bound locks',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
}
