import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { IdRule } from '../../shared/node';
import { getId, resourceLocator, SAFE_ID } from '../../shared/node';

export const ID_RULES = {
	owner: { label: 'Owner', pattern: SAFE_ID, shape: 'the ID of a Tapkey owner account' },
	boundLock: { label: 'Bound Lock', pattern: SAFE_ID, shape: 'the ID of a bound lock' },
	grant: { label: 'Grant', pattern: SAFE_ID, shape: 'the ID of a grant' },
	contact: { label: 'Contact', pattern: SAFE_ID, shape: 'the ID of a contact' },
};

const PLACEHOLDER = 'e.g. 6426d8f8-1c2b-4e9a-8d1f-0a1b2c3d4e5f';

export const ownerLocator = (displayOptions?: IDisplayOptions) => ({
	...resourceLocator(
		{
			displayName: 'Owner',
			name: 'ownerId',
			searchListMethod: 'searchOwners',
			description: 'The owner account (locking system)',
			idRule: ID_RULES.owner,
			placeholder: PLACEHOLDER,
		},
		displayOptions,
	),
	hint: 'The owner account (locking system) the locks belong to, not a lock. The list shows those this credential manages.',
});

export const boundLockLocator = (displayOptions?: IDisplayOptions, required = true) => ({
	...resourceLocator(
		{
			displayName: 'Bound Lock',
			name: 'boundLockId',
			searchListMethod: 'searchBoundLocks',
			description: 'A lock bound to the owner account',
			idRule: ID_RULES.boundLock,
			placeholder: PLACEHOLDER,
			required,
		},
		displayOptions,
	),
	hint: "The lock's ID in this owner account (Bound Lock → Get Many), not its physical lock ID",
});

export const grantLocator = (displayOptions?: IDisplayOptions) =>
	resourceLocator(
		{
			displayName: 'Grant',
			name: 'grantId',
			searchListMethod: 'searchGrants',
			description: 'An access grant of the owner account',
			idRule: ID_RULES.grant,
			placeholder: PLACEHOLDER,
		},
		displayOptions,
	);

export const contactLocator = (displayOptions?: IDisplayOptions, required = true) =>
	resourceLocator(
		{
			displayName: 'Contact',
			name: 'contactId',
			searchListMethod: 'searchContacts',
			description: 'A contact (Tapkey user) of the owner account',
			idRule: ID_RULES.contact,
			placeholder: PLACEHOLDER,
			required,
		},
		displayOptions,
	);

/** An optional locator's ID, or `undefined` when it is left empty. */
export function optionalId(
	this: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
	rule: IdRule,
): string | undefined {
	const value = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	return getId.call(this, parameter, itemIndex, rule);
}

/** An ID (as validated by `getId`, URL-encoded) as an OData string literal. */
export const odataString = (encodedId: string) => `'${decodeURIComponent(encodedId).replace(/'/g, "''")}'`;

/** Adds `contact: { id, title, identifier }` to log entries, so a workflow can say who opened the door. */
export const includeContactOption = (displayOptions?: IDisplayOptions): INodeProperties => ({
	displayName: 'Include Contact Details',
	name: 'includeContact',
	type: 'boolean',
	displayOptions,
	default: false,
	description:
		"Whether to add the contact's title and e-mail (identifier) to each entry as contact, so the workflow can say who opened the door. Entries of cards have contact null. Needs one extra request per 20 new contacts.",
});
