import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { tapkeyRequest } from '../../transport';
import { contactLocator, ID_RULES, ownerLocator } from '../common.descriptions';
import { TAPKEY_PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [ownerLocator(), contactLocator()];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const contactId = getId.call(this, 'contactId', itemIndex, ID_RULES.contact);
	return (await tapkeyRequest.call(this, {
		method: 'GET',
		path: TAPKEY_PATHS.contact(ownerId, contactId),
		operation: 'get the contact',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
