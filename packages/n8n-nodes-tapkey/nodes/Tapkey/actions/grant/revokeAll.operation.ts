import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { tapkeyRequest } from '../../transport';
import { contactLocator, ID_RULES, ownerLocator } from '../common.descriptions';
import { dryRunOptions, getDryRun } from './dryRun';
import { TAPKEY_PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	ownerLocator(),
	{ ...contactLocator(), description: 'The contact whose grants are all revoked' },
	dryRunOptions('any grant'),
];

export const description = updateDisplayOptions({ show: { resource: ['grant'], operation: ['revokeAll'] } }, properties);

/**
 * `POST Contacts/{id}/RevokeGrants`: one item per grant Tapkey reports as revoked (or, in a dry
 * run, as to be revoked); one summary item when it reports none.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ownerId = getId.call(this, 'ownerId', itemIndex, ID_RULES.owner);
	const contactId = getId.call(this, 'contactId', itemIndex, ID_RULES.contact);
	const dryRun = getDryRun.call(this, itemIndex);
	const result = await tapkeyRequest.call(this, {
		method: 'POST',
		path: TAPKEY_PATHS.revokeContactGrants(ownerId, contactId),
		qs: { dryRun },
		operation: dryRun ? "check revoking the contact's grants" : "revoke the contact's grants",
		timeout: getTimeout.call(this, itemIndex),
	});
	const grants = Array.isArray(result) ? (result as IDataObject[]) : undefined;
	if (grants?.length) return grants;
	const summary: IDataObject = { contactId: decodeURIComponent(contactId), dryRun };
	if (grants) return { ...summary, grantsAffected: 0 };
	return result && typeof result === 'object' ? { ...summary, ...(result as IDataObject) } : { ...summary, revoked: !dryRun };
}
