import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout } from '../../../shared/node';
import { tapkeyRequest } from '../../transport';
import { contactLocator, ID_RULES, ownerLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['contact'], operation: ['get'] } };

export const description: INodeProperties[] = [ownerLocator(displayOptions), contactLocator(displayOptions)];

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
