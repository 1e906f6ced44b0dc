import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getId, getTimeout, toText, updateDisplayOptions } from '../../../shared/node';
import { tapkeyRecords, tapkeyRequest } from '../../transport';
import { ID_RULES, ownerLocator } from '../common.descriptions';
import { getEmail } from '../email';
import { TAPKEY_PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	ownerLocator(),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			'E-mail address of the Tapkey user the contact stands for. If the owner account already has a contact with it, that contact is returned (with `created` false).',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: 'Note about the contact, shown to administrators',
			},
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

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, properties);

const isConflict = (error: unknown) => error instanceof NodeApiError && String(error.httpCode) === '409';

/**
 * Creates the contact, or, when Tapkey answers 409 because one with this e-mail exists, returns
 * that one: either way one item, with `created` saying which. The PUT is sent once.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const email = getEmail.call(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as { title?: unknown; comment?: unknown };
	const title = toText(this.getNode(), fields.title, 'Title', itemIndex);
	const comment = toText(this.getNode(), fields.comment, 'Comment', itemIndex);
	const timeout = getTimeout.call(this, itemIndex);
	try {
		const contact = (await tapkeyRequest.call(this, {
			method: 'PUT',
			path: TAPKEY_PATHS.contacts(ownerId),
			body: { ipId: 'tapkey', identifier: email, ...(title ? { title } : {}), ...(comment ? { comment } : {}) },
			operation: 'create the contact',
			timeout,
		})) as IDataObject;
		return { ...contact, created: true };
	} catch (error) {
		const conflict = isConflict(error) ? (error as NodeApiError) : undefined;
		if (!conflict) {
			const ours = error instanceof NodeApiError || error instanceof NodeOperationError ? error : undefined;
			throw ours ?? new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
		const existing = await findContactByEmail.call(this, ownerId, email, timeout);
		if (!existing) {
			throw new NodeOperationError(
				this.getNode(),
				`Tapkey says a contact with the e-mail ${email} already exists, but no contact with exactly this e-mail was found in the owner account`,
				{
					itemIndex,
					description: `No contact was created and none is returned. Tapkey answered: ${conflict.message}. Check the owner account's contacts in Tapkey (for example with Contact → Get Many).`,
				},
			);
		}
		return { ...existing, created: false };
	}
}

/**
 * The owner's contact with exactly this e-mail (Tapkey compares identifiers case-insensitively),
 * or `undefined`. Only an exact match will do: returning another contact would hand a grant or a
 * workflow's next step the wrong person.
 */
export async function findContactByEmail(
	this: IExecuteFunctions,
	ownerId: string,
	email: string,
	timeout?: number,
): Promise<IDataObject | undefined> {
	const wanted = email.toLowerCase();
	const sameEmail = (contact: IDataObject) => String(contact.identifier ?? contact.email ?? '').toLowerCase() === wanted;
	const contacts = ($filter?: string) =>
		tapkeyRecords.call(this, {
			method: 'GET',
			path: TAPKEY_PATHS.contacts(ownerId),
			...($filter ? { qs: { $filter } } : {}),
			operation: 'find the existing contact',
			timeout,
		});
	let filterIgnored = false;
	for await (const contact of contacts(`identifier eq '${email.replace(/'/g, "''")}'`)) {
		if (sameEmail(contact)) return contact;
		// A contact the filter excludes: the filter was ignored, so this read was the whole list.
		filterIgnored = true;
	}
	if (filterIgnored) return undefined;
	// OData `eq` may compare case-sensitively while Tapkey's duplicate check did not: look through
	// the contacts (only on this rare path; paging is bounded by the transport).
	for await (const contact of contacts()) {
		if (sameEmail(contact)) return contact;
	}
	return undefined;
}
