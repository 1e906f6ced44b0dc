import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { tapkeyRequest } from '../../transport';
import { boundLockLocator, ID_RULES, ownerLocator } from '../common.descriptions';
import { healthQuery, healthStatusesOption } from './health';
import { TAPKEY_PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [ownerLocator(), boundLockLocator(), healthStatusesOption()];

export const description = updateDisplayOptions({ show: { resource: ['boundLock'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const boundLockId = getId.call(this, 'boundLockId', itemIndex, ID_RULES.boundLock);
	return (await tapkeyRequest.call(this, {
		method: 'GET',
		path: TAPKEY_PATHS.boundLock(ownerId, boundLockId),
		qs: healthQuery.call(this, itemIndex),
		operation: 'get the bound lock',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
