import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { getId, getLimit, getTimeout } from '../../../shared/parameters';
import { collect } from '../../../shared/transport';
import { tapkeyRecords } from '../../transport';
import { ID_RULES, ownerLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['grant'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	ownerLocator(displayOptions),
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		displayOptions,
		default: true,
		description: 'Whether to leave out revoked and expired grants',
	},
];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const activeOnly = this.getNodeParameter('activeOnly', itemIndex, true) as boolean;
	return await collect(
		tapkeyRecords.call(
			this,
			{
				method: 'GET',
				path: `/Owners/${ownerId}/Grants`,
				qs: activeOnly ? { $filter: 'active eq true' } : undefined,
				operation: 'list grants',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
}
