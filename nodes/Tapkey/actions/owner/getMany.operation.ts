import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, getTimeout } from '../../../shared/parameters';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { explainNoOwners, tapkeyRecords } from '../../transport';

const displayOptions = { show: { resource: ['owner'], operation: ['getMany'] } };

export const description: INodeProperties[] = [...returnAllOrLimit(displayOptions)];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const owners = await collect(
		tapkeyRecords.call(
			this,
			{ method: 'GET', path: '/Owners', operation: 'list owners', timeout: getTimeout.call(this, itemIndex) },
			getLimit.call(this, itemIndex),
		),
	);
	if (owners.length === 0) await explainNoOwners.call(this, itemIndex);
	return owners;
}
