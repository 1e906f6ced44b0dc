import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getBoolean, getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { tapkeyRecords } from '../../transport';
import { contactDirectoryFor } from '../../transport/contacts';
import { ID_RULES, ownerLocator } from '../common.descriptions';
import { TAPKEY_PATHS } from '../../transport/endpoints';

/** What Simplify keeps of an administrator (and `contact`, when Include Contact Details adds it). */
const SIMPLIFIED_FIELDS = ['id', 'contactId', 'role'];

const properties: INodeProperties[] = [
	{
		displayName:
			'Needs the scope read:owneraccount:permissions: add it to the OAuth client in the Tapkey Integrator Portal and to the Scope of the credential',
		name: 'permissionsScopeNotice',
		type: 'notice',
		default: '',
	},
	ownerLocator(),
	...returnAllOrLimit(),
	simplifyProperty(SIMPLIFIED_FIELDS),
	{
		displayName: 'Include Contact Details',
		name: 'includeContact',
		type: 'boolean',
		default: false,
		description: "Whether to add each administrator's title and e-mail (identifier) as contact",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['administrator'], operation: ['getMany'] } },
	properties,
);

export const readOnly = true;

/** `GET /Owners/{id}/Permissions`: one record per administrator, `{ id, contactId, role }`. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const timeout = getTimeout.call(this, itemIndex);
	const includeContact = getBoolean.call(this, 'includeContact', itemIndex, 'Include Contact Details', false);
	const permissions = await collect(
		tapkeyRecords.call(
			this,
			{ method: 'GET', path: TAPKEY_PATHS.permissions(ownerId), operation: 'list administrators', timeout },
			getLimit.call(this, itemIndex),
		),
	);
	if (!includeContact) {
		return simplifyRecords.call(this, itemIndex, permissions, SIMPLIFIED_FIELDS);
	}
	const withContacts = await contactDirectoryFor(this, ownerId, timeout).attach(permissions);
	return simplifyRecords.call(this, itemIndex, withContacts, [...SIMPLIFIED_FIELDS, 'contact']);
}
