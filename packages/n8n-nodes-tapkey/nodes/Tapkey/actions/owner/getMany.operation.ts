import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { explainNoOwners, tapkeyRecords } from '../../transport';
import { TAPKEY_PATHS } from '../../transport/endpoints';

/** What Simplify keeps of an owner account. */
const SIMPLIFIED_FIELDS = ['id', 'name', 'active'];

const properties: INodeProperties[] = [...returnAllOrLimit(), simplifyProperty(SIMPLIFIED_FIELDS)];

export const description = updateDisplayOptions({ show: { resource: ['owner'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const owners = await collect(
		tapkeyRecords.call(
			this,
			{ method: 'GET', path: TAPKEY_PATHS.owners(), operation: 'list owners', timeout: getTimeout.call(this, itemIndex) },
			getLimit.call(this, itemIndex),
		),
	);
	if (owners.length === 0) await explainNoOwners.call(this, itemIndex);
	return simplifyRecords.call(this, itemIndex, owners, SIMPLIFIED_FIELDS);
}
