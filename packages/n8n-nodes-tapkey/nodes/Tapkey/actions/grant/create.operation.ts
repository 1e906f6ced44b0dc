import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getId, getTimeout, toIsoDateTime, toText, updateDisplayOptions } from '../../../shared/node';
import { tapkeyRequest } from '../../transport';
import { boundLockLocator, contactLocator, ID_RULES, ownerLocator } from '../common.descriptions';
import { getEmail } from '../email';
import { TAPKEY_PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	ownerLocator(),
	boundLockLocator(),
	{
		displayName: 'Identify Contact By',
		name: 'contactBy',
		type: 'options',
		options: [
			{
				name: 'Email',
				value: 'email',
				description: 'The contact with this e-mail; Tapkey creates it if it does not exist',
			},
			{ name: 'Contact (List or ID)', value: 'id', description: 'An existing contact, from the list or by its ID' },
		],
		default: 'email',
		description: 'How to name the contact who gets access',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		displayOptions: { show: { contactBy: ['email'] } },
		default: '',
		description: 'E-mail of the contact who gets access; Tapkey creates the contact if it does not exist',
	},
	contactLocator({ show: { contactBy: ['id'] } }),
	{
		displayName: 'Valid From',
		name: 'validFrom',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When access starts',
	},
	{
		displayName: 'Valid Before',
		name: 'validBefore',
		type: 'dateTime',
		default: '',
		description: 'When access ends; leave empty for no end',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Time Restriction (iCal)',
				name: 'timeRestrictionIcal',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: 'DTSTART:20260101T080000\nDTEND:20260101T180000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
				description: 'Recurring time window (iCalendar VEVENT lines) within the validity period',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['grant'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const boundLockId = getId.call(this, 'boundLockId', itemIndex, ID_RULES.boundLock);
	const byId = this.getNodeParameter('contactBy', itemIndex, 'email') === 'id';
	const contact: IDataObject = byId
		? { contactId: decodeURIComponent(getId.call(this, 'contactId', itemIndex, ID_RULES.contact)) }
		: { contact: { ipId: 'tapkey', identifier: getEmail.call(this, itemIndex) } };
	const validFrom = toIsoDateTime.call(this, this.getNodeParameter('validFrom', itemIndex), 'Valid From', itemIndex);
	const rawValidBefore = this.getNodeParameter('validBefore', itemIndex, '');
	const validBefore = rawValidBefore
		? toIsoDateTime.call(this, rawValidBefore, 'Valid Before', itemIndex)
		: undefined;
	if (validBefore && Date.parse(validBefore) <= Date.parse(validFrom)) {
		throw new NodeOperationError(this.getNode(), 'Valid Before must be later than Valid From', {
			itemIndex,
			description: `Valid From is ${validFrom}, Valid Before is ${validBefore}.`,
		});
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as { timeRestrictionIcal?: unknown };
	const timeRestrictionIcal = toText(this.getNode(), fields.timeRestrictionIcal, 'Time Restriction (iCal)', itemIndex);
	const body: IDataObject = {
		boundLockId: decodeURIComponent(boundLockId),
		...contact,
		validFrom,
		validBefore: validBefore ?? null,
		...(timeRestrictionIcal ? { timeRestrictionIcal } : {}),
	};
	return (await tapkeyRequest.call(this, {
		method: 'PUT',
		path: TAPKEY_PATHS.grants(ownerId),
		body,
		operation: 'create the grant',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
