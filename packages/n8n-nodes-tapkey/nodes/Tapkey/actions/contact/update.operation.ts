import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { tapkeyRequest } from '../../transport';
import { contactLocator, ID_RULES, ownerLocator } from '../common.descriptions';
import { TAPKEY_PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	ownerLocator(),
	contactLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: 'Note about the contact, shown to administrators; empty clears it',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Name shown for the contact in Tapkey; empty clears it',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['update'] } }, properties);

/** Tapkey's PATCH changes only `title` and `comment`; an empty value clears the field. */
function patchValue(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new NodeOperationError(this.getNode(), `${label} must be text`, { itemIndex });
	}
	const text = String(value).trim();
	return text === '' ? null : text;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const contactId = getId.call(this, 'contactId', itemIndex, ID_RULES.contact);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if ('title' in fields) body.title = patchValue.call(this, fields.title, 'Title', itemIndex);
	if ('comment' in fields) body.comment = patchValue.call(this, fields.comment, 'Comment', itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add Title or Comment under "Update Fields".',
		});
	}
	const path = TAPKEY_PATHS.contact(ownerId, contactId);
	const timeout = getTimeout.call(this, itemIndex);
	const result = await tapkeyRequest.call(this, { method: 'PATCH', path, body, operation: 'update the contact', timeout });
	// Tapkey's reference shows the patched contact (in one place inside an array); with no body,
	// read it back so the item is the contact either way.
	const patched = Array.isArray(result) ? result[0] : result;
	if (patched && typeof patched === 'object') return patched as IDataObject;
	return (await tapkeyRequest.call(this, { method: 'GET', path, operation: 'get the contact', timeout })) as IDataObject;
}
