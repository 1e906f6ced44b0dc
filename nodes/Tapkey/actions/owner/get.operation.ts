import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout } from '../../../shared/parameters';
import { tapkeyRequest } from '../../transport';
import { ID_RULES, ownerLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['owner'], operation: ['get'] } };

export const description: INodeProperties[] = [ownerLocator(displayOptions)];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	return (await tapkeyRequest.call(this, {
		method: 'GET',
		path: `/Owners/${ownerId}`,
		operation: 'get the owner account',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
