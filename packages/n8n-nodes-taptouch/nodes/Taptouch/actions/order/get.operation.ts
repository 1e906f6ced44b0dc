import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { requireClientCredentials, taptouchRequest } from '../../transport';
import { TAPTOUCH_PATHS } from '../../transport/endpoints';
import { ID_RULES, orderLocator, storeLocator } from '../common.descriptions';

const properties: INodeProperties[] = [storeLocator(), orderLocator()];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	await requireClientCredentials.call(this, 'orders', itemIndex);
	const storeId = getId.call(this, 'storeId', itemIndex, ID_RULES.store);
	const orderId = getId.call(this, 'orderId', itemIndex, ID_RULES.order);
	return (await taptouchRequest.call(this, {
		method: 'GET',
		path: TAPTOUCH_PATHS.order(storeId, orderId),
		operation: 'get the order',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
