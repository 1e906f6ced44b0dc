import type { IDisplayOptions } from 'n8n-workflow';

import { resourceLocator, SAFE_ID } from '../../shared/node';

export const ID_RULES = {
	owner: { label: 'Owner', pattern: SAFE_ID, shape: 'the ID of a Tapkey owner account' },
	boundLock: { label: 'Bound Lock', pattern: SAFE_ID, shape: 'the ID of a bound lock' },
	grant: { label: 'Grant', pattern: SAFE_ID, shape: 'the ID of a grant' },
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
