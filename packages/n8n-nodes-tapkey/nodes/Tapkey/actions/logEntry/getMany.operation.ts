import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getBoolean, getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, toIsoDateTime, toText, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { logEntriesRequest, tapkeyRecords } from '../../transport';
import { contactDirectoryFor } from '../../transport/contacts';
import { boundLockLocator, ID_RULES, includeContactOption, ownerLocator } from '../common.descriptions';

/**
 * What Simplify keeps of a log entry (and `contact`, when Include Contact Details adds it): what
 * happened, when the lock saw it and when Tapkey received it, and at which lock by whom.
 */
const SIMPLIFIED_FIELDS = [
	'id',
	'logType',
	'command',
	'lockTimestamp',
	'receivedAt',
	'boundLockId',
	'contactId',
	'boundCardId',
];

const properties: INodeProperties[] = [
	ownerLocator(),
	{
		...boundLockLocator(undefined, false),
		description: 'Only entries of this lock; leave empty for all locks of the owner account',
	},
	{
		displayName: 'After',
		name: 'after',
		type: 'dateTime',
		default: '',
		description: 'Only entries Tapkey received after this time; leave empty for all',
	},
	{
		displayName: 'Unlocks Only',
		name: 'unlocksOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return only entries of locks being opened (TriggerLock commands)',
	},
	...returnAllOrLimit(),
	simplifyProperty(SIMPLIFIED_FIELDS),
	includeContactOption(),
];

export const description = updateDisplayOptions({ show: { resource: ['logEntry'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const lockValue = this.getNodeParameter('boundLockId', itemIndex, '', { extractValue: true });
	const boundLockId = toText(this.getNode(), lockValue, 'Bound Lock', itemIndex)
		? getId.call(this, 'boundLockId', itemIndex, ID_RULES.boundLock)
		: undefined;
	const rawAfter = this.getNodeParameter('after', itemIndex, '');
	const after = rawAfter ? toIsoDateTime.call(this, rawAfter, 'After', itemIndex) : undefined;
	const request = logEntriesRequest({
		ownerId,
		boundLockId,
		after,
		unlocksOnly: getBoolean.call(this, 'unlocksOnly', itemIndex, 'Unlocks Only', false),
	});
	const timeout = getTimeout.call(this, itemIndex);
	const includeContact = getBoolean.call(this, 'includeContact', itemIndex, 'Include Contact Details', false);
	const entries = await collect(tapkeyRecords.call(this, { ...request, timeout }, getLimit.call(this, itemIndex)));
	if (!includeContact) {
		return simplifyRecords.call(this, itemIndex, entries, SIMPLIFIED_FIELDS);
	}
	const withContacts = await contactDirectoryFor(this, ownerId, timeout).attach(entries);
	return simplifyRecords.call(this, itemIndex, withContacts, [...SIMPLIFIED_FIELDS, 'contact']);
}
