import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { tapkeyRecords } from '../../transport';
import { contactDirectoryFor } from '../../transport/contacts';
import { ID_RULES, ownerLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['administrator'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	{
		displayName:
			'Needs the scope read:owneraccount:permissions: add it to the OAuth client in the Tapkey Integrator Portal and to the Scope of the credential',
		name: 'permissionsScopeNotice',
		type: 'notice',
		displayOptions,
		default: '',
	},
	ownerLocator(displayOptions),
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Include Contact Details',
		name: 'includeContact',
		type: 'boolean',
		displayOptions,
		default: false,
		description: "Whether to add each administrator's title and e-mail (identifier) as contact",
	},
];

export const readOnly = true;

/** `GET /Owners/{id}/Permissions`: one record per administrator, `{ id, contactId, role }`. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const timeout = getTimeout.call(this, itemIndex);
	const permissions = await collect(
		tapkeyRecords.call(
			this,
			{ method: 'GET', path: `/Owners/${ownerId}/Permissions`, operation: 'list administrators', timeout },
			getLimit.call(this, itemIndex),
		),
	);
	if (this.getNodeParameter('includeContact', itemIndex, false) !== true) return permissions;
	return await contactDirectoryFor(this, ownerId, timeout).attach(permissions);
}
