import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { tapkeyRecords } from '../../transport';
import { ID_RULES, ownerLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['boundCard'], operation: ['getMany'] } };

export const description: INodeProperties[] = [ownerLocator(displayOptions), ...returnAllOrLimit(displayOptions)];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	return await collect(
		tapkeyRecords.call(
			this,
			{
				method: 'GET',
				path: `/Owners/${ownerId}/BoundCards`,
				operation: 'list bound cards',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
}
