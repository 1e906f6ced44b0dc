import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit, toIsoDateTime } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { logEntriesRequest, tapkeyRecords } from '../../transport';
import { contactDirectoryFor } from '../../transport/contacts';
import { boundLockLocator, ID_RULES, includeContactOption, ownerLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['logEntry'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	ownerLocator(displayOptions),
	{
		...boundLockLocator(displayOptions, false),
		description: 'Only entries of this lock; leave empty for all locks of the owner account',
	},
	{
		displayName: 'After',
		name: 'after',
		type: 'dateTime',
		displayOptions,
		default: '',
		description: 'Only entries Tapkey received after this time; leave empty for all',
	},
	{
		displayName: 'Unlocks Only',
		name: 'unlocksOnly',
		type: 'boolean',
		displayOptions,
		default: false,
		description: 'Whether to return only entries of locks being opened (TriggerLock commands)',
	},
	...returnAllOrLimit(displayOptions),
	includeContactOption(displayOptions),
];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const lockValue = this.getNodeParameter('boundLockId', itemIndex, '', { extractValue: true }) as string;
	const boundLockId = String(lockValue ?? '').trim()
		? getId.call(this, 'boundLockId', itemIndex, ID_RULES.boundLock)
		: undefined;
	const rawAfter = this.getNodeParameter('after', itemIndex, '');
	const after = rawAfter ? toIsoDateTime.call(this, rawAfter, 'After', itemIndex) : undefined;
	const request = logEntriesRequest({
		ownerId,
		boundLockId,
		after,
		unlocksOnly: this.getNodeParameter('unlocksOnly', itemIndex, false) as boolean,
	});
	const timeout = getTimeout.call(this, itemIndex);
	const entries = await collect(tapkeyRecords.call(this, { ...request, timeout }, getLimit.call(this, itemIndex)));
	if (this.getNodeParameter('includeContact', itemIndex, false) !== true) return entries;
	return await contactDirectoryFor(this, ownerId, timeout).attach(entries);
}
