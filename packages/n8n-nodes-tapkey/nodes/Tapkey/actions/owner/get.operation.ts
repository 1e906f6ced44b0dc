import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { tapkeyRequest } from '../../transport';
import { ID_RULES, ownerLocator } from '../common.descriptions';
import { TAPKEY_PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [ownerLocator()];

export const description = updateDisplayOptions({ show: { resource: ['owner'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	return (await tapkeyRequest.call(this, {
		method: 'GET',
		path: TAPKEY_PATHS.owner(ownerId),
		operation: 'get the owner account',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
