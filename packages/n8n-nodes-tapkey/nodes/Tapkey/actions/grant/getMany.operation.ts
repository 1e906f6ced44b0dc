import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getBoolean, getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { tapkeyRecords } from '../../transport';
import { boundLockLocator, contactLocator, ID_RULES, odataString, optionalId, ownerLocator } from '../common.descriptions';
import { TAPKEY_PATHS } from '../../transport/endpoints';

/** What Simplify keeps of a grant: who may open which lock, when, and whether it still holds. */
const SIMPLIFIED_FIELDS = [
	'id',
	'contactId',
	'boundLockId',
	'validFrom',
	'validBefore',
	'timeRestrictionIcal',
	'state',
	'active',
];

const properties: INodeProperties[] = [
	ownerLocator(),
	...returnAllOrLimit(),
	simplifyProperty(SIMPLIFIED_FIELDS),
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out revoked and expired grants',
	},
	{
		...boundLockLocator(undefined, false),
		description: 'Only grants for this lock; leave empty for all locks',
	},
	{
		...contactLocator(undefined, false),
		description: 'Only grants of this contact; leave empty for all contacts',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['grant'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const activeOnly = getBoolean.call(this, 'activeOnly', itemIndex, 'Active Only', true);
	const boundLockId = optionalId.call(this, 'boundLockId', itemIndex, ID_RULES.boundLock);
	const contactId = optionalId.call(this, 'contactId', itemIndex, ID_RULES.contact);
	// Filtered by Tapkey (OData), so Limit counts matching grants only.
	const filters = [
		...(activeOnly ? ['active eq true'] : []),
		...(boundLockId ? [`boundLockId eq ${odataString(boundLockId)}`] : []),
		...(contactId ? [`contactId eq ${odataString(contactId)}`] : []),
	];
	const grants = await collect(
		tapkeyRecords.call(
			this,
			{
				method: 'GET',
				path: TAPKEY_PATHS.grants(ownerId),
				qs: filters.length ? { $filter: filters.join(' and ') } : undefined,
				operation: 'list grants',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
	return simplifyRecords.call(this, itemIndex, grants, SIMPLIFIED_FIELDS);
}
