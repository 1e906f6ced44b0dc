import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout } from '../../../shared/parameters';
import { tapkeyRequest } from '../../transport';
import { grantLocator, ID_RULES, ownerLocator } from '../common.descriptions';

const displayOptions = { show: { resource: ['grant'], operation: ['revoke'] } };

export const description: INodeProperties[] = [ownerLocator(displayOptions), grantLocator(displayOptions)];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const grantId = getId.call(this, 'grantId', itemIndex, ID_RULES.grant);
	const result = await tapkeyRequest.call(this, {
		method: 'POST',
		path: `/Owners/${ownerId}/Grants/${grantId}/Revoke`,
		// Without dryRun=false Tapkey only reports what a revoke would do.
		qs: { dryRun: false },
		operation: 'revoke the grant',
		timeout: getTimeout.call(this, itemIndex),
	});
	return result && typeof result === 'object'
		? (result as IDataObject)
		: { id: decodeURIComponent(grantId), revoked: true };
}
