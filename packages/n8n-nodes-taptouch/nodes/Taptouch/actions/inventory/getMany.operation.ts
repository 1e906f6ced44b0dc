import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { requireClientCredentials, taptouchRecords } from '../../transport';
import { TAPTOUCH_PATHS } from '../../transport/endpoints';
import { ID_RULES, storeLocator } from '../common.descriptions';

/** What Simplify keeps of an inventory item: what it is, how many are in stock, its price, whether it can be ordered. */
const SIMPLIFIED_FIELDS = ['id', 'sku', 'name', 'quantity', 'price', 'available'];

const properties: INodeProperties[] = [storeLocator(), ...returnAllOrLimit(), simplifyProperty(SIMPLIFIED_FIELDS)];

export const description = updateDisplayOptions({ show: { resource: ['inventory'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	await requireClientCredentials.call(this, 'inventory', itemIndex);
	const storeId = getId.call(this, 'storeId', itemIndex, ID_RULES.store);
	const items = await collect(
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
	return simplifyRecords.call(this, itemIndex, items, SIMPLIFIED_FIELDS);
}
