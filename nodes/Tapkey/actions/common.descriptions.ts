import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { SAFE_ID } from '../../shared/node';

export const ID_RULES = {
	owner: { label: 'Owner', pattern: SAFE_ID, shape: 'the ID of a Tapkey owner account' },
	boundLock: { label: 'Bound Lock', pattern: SAFE_ID, shape: 'the ID of a bound lock' },
	grant: { label: 'Grant', pattern: SAFE_ID, shape: 'the ID of a grant' },
};

/** A searchable resource locator, as every ID parameter of these nodes is. */
function locator(
	displayName: string,
	name: string,
	searchListMethod: string,
	displayOptions: IDisplayOptions | undefined,
	required = true,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6426d8f8-1c2b-4e9a-8d1f-0a1b2c3d4e5f',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[A-Za-z0-9][A-Za-z0-9._:~-]*$', errorMessage: 'Not a valid ID' },
					},
				],
			},
		],
	};
}

export const ownerLocator = (displayOptions?: IDisplayOptions) =>
	({
		...locator('Owner', 'ownerId', 'searchOwners', displayOptions),
		description: 'The owner account (locking system)',
	}) as INodeProperties;

export const boundLockLocator = (displayOptions?: IDisplayOptions, required = true) =>
	({
		...locator('Bound Lock', 'boundLockId', 'searchBoundLocks', displayOptions, required),
		description: 'A lock bound to the owner account',
	}) as INodeProperties;

export const grantLocator = (displayOptions?: IDisplayOptions) =>
	({
		...locator('Grant', 'grantId', 'searchGrants', displayOptions),
		description: 'An access grant of the owner account',
	}) as INodeProperties;
