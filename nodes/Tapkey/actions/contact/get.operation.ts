import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { getId, getTimeout } from '../../../shared/parameters';
import { tapkeyRequest } from '../../transport';
import { contactLocator, ID_RULES, ownerLocator } from '../common.descriptions';

const properties: INodeProperties[] = [ownerLocator(), contactLocator()];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const contactId = getId.call(this, 'contactId', itemIndex, ID_RULES.contact);
	return (await tapkeyRequest.call(this, {
		method: 'GET',
		path: `/Owners/${ownerId}/Contacts/${contactId}`,
		operation: 'get the contact',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
