import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, toText } from '../../../shared/parameters';
import { tapkeyRequest } from '../../transport';
import { ID_RULES, ownerLocator } from '../common.descriptions';
import { getEmail } from '../email';

const displayOptions = { show: { resource: ['contact'], operation: ['create'] } };

export const description: INodeProperties[] = [
	ownerLocator(displayOptions),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		displayOptions,
		default: '',
		description: 'E-mail address of the Tapkey user the contact stands for',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions,
		default: {},
		options: [
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Name shown for the contact in Tapkey',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const email = getEmail.call(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as { title?: unknown };
	const title = toText(this.getNode(), fields.title, 'Title', itemIndex);
	return (await tapkeyRequest.call(this, {
		method: 'PUT',
		path: `/Owners/${ownerId}/Contacts`,
		body: { ipId: 'tapkey', identifier: email, ...(title ? { title } : {}) },
		operation: 'create the contact',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
