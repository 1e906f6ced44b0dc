import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { tapkeyRecords } from '../../transport';
import { ID_RULES, ownerLocator } from '../common.descriptions';
import { TAPKEY_PATHS } from '../../transport/endpoints';

/** What Simplify keeps of a card: its names and whether it still works. */
const SIMPLIFIED_FIELDS = ['id', 'title', 'label', 'isActive'];

const properties: INodeProperties[] = [ownerLocator(), ...returnAllOrLimit(), simplifyProperty(SIMPLIFIED_FIELDS)];

export const description = updateDisplayOptions({ show: { resource: ['boundCard'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const cards = await collect(
		tapkeyRecords.call(
			this,
			{
				method: 'GET',
				path: TAPKEY_PATHS.boundCards(ownerId),
				operation: 'list bound cards',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
	return simplifyRecords.call(this, itemIndex, cards, SIMPLIFIED_FIELDS);
}
