import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { tapkeyRequest } from '../../transport';
import { grantLocator, ID_RULES, ownerLocator } from '../common.descriptions';
import { dryRunOptions, getDryRun } from './dryRun';
import { TAPKEY_PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	ownerLocator(),
	grantLocator(),
	dryRunOptions('the grant'),
];

export const description = updateDisplayOptions({ show: { resource: ['grant'], operation: ['revoke'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const grantId = getId.call(this, 'grantId', itemIndex, ID_RULES.grant);
	const dryRun = getDryRun.call(this, itemIndex);
	const result = await tapkeyRequest.call(this, {
		method: 'POST',
		path: TAPKEY_PATHS.revokeGrant(ownerId, grantId),
		// Without dryRun=false Tapkey only reports what a revoke would do.
		qs: { dryRun },
		operation: dryRun ? 'check revoking the grant' : 'revoke the grant',
		timeout: getTimeout.call(this, itemIndex),
	});
	if (result && typeof result === 'object') return result as IDataObject;
	return dryRun
		? { id: decodeURIComponent(grantId), revoked: false, dryRun: true }
		: { id: decodeURIComponent(grantId), revoked: true };
}
