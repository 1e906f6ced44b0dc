import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout } from '../../../shared/parameters';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { requireClientCredentials, taptouchRecords } from '../../transport';
import { TAPTOUCH_PATHS } from '../../transport/endpoints';
import { ID_RULES, storeLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['inventory'], operation: ['getMany'] } };

export const description: INodeProperties[] = [storeLocator(displayOptions), ...returnAllOrLimit(displayOptions)];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	await requireClientCredentials.call(this, 'inventory', itemIndex);
	const storeId = getId.call(this, 'storeId', itemIndex, ID_RULES.store);
	return await collect(
		taptouchRecords.call(
			this,
			{
				method: 'GET',
				path: TAPTOUCH_PATHS.inventory(storeId),
				operation: 'list inventory items',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
}
