import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { taptouchRecords } from '../../transport';
import { TAPTOUCH_PATHS } from '../../transport/endpoints';

/** What Simplify keeps of a store: its name, and the time zone and currency its orders are in. */
const SIMPLIFIED_FIELDS = ['id', 'name', 'active', 'timezone', 'currency'];

const properties: INodeProperties[] = [...returnAllOrLimit(), simplifyProperty(SIMPLIFIED_FIELDS)];

export const description = updateDisplayOptions({ show: { resource: ['store'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const stores = await collect(
		taptouchRecords.call(
			this,
			{
				method: 'GET',
				path: TAPTOUCH_PATHS.stores(),
				operation: 'list stores',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
	return simplifyRecords.call(this, itemIndex, stores, SIMPLIFIED_FIELDS);
}
