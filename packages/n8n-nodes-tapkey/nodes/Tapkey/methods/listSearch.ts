import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ListEntry } from '../../shared/node';
import { dependentId, searchPagedList } from '../../shared/node';
import { ID_RULES } from '../actions/common.descriptions';
import { explainNoOwners, tapkeyApi, tapkeyPaging } from '../transport';
import { TAPKEY_PATHS } from '../transport/endpoints';

/** The owner parameter of the same node, whatever mode it is in; validated and encoded. */
function currentOwnerId(this: ILoadOptionsFunctions): string | undefined {
	return dependentId.call(this, 'ownerId', ID_RULES.owner);
}

/**
 * One page of a collection filtered by the search text. Tapkey has no free-text search, so pages
 * are read as the user scrolls (`paginationToken` = next `$skip`) and filtered here, with the
 * paging of Get Many (on past a page-size cap Tapkey does not announce).
 */
async function searchPage(
	this: ILoadOptionsFunctions,
	path: string,
	operation: string,
	toItem: (record: IDataObject) => ListEntry,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const request = { method: 'GET' as const, path, operation };
	return await searchPagedList.call(this, tapkeyApi, request, tapkeyPaging, toItem, filter, paginationToken);
}

/** `searchPage` over a collection of the owner chosen in the same node; nothing until one is. */
async function searchOwnerCollection(
	this: ILoadOptionsFunctions,
	collection: (ownerId: string) => string,
	operation: string,
	toItem: (record: IDataObject) => ListEntry,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const ownerId = currentOwnerId.call(this);
	if (!ownerId) return { results: [] };
	return await searchPage.call(this, collection(ownerId), operation, toItem, filter, paginationToken);
}

export async function searchOwners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await searchPage.call(
		this,
		TAPKEY_PATHS.owners(),
		'list owners',
		(owner) => ({ name: String(owner.name ?? owner.id), value: String(owner.id), searchText: [owner.name, owner.id] }),
		filter,
		paginationToken,
	);
	if (!paginationToken && !filter && page.results.length === 0) await explainNoOwners.call(this);
	return page;
}

export async function searchBoundLocks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchOwnerCollection.call(
		this,
		TAPKEY_PATHS.boundLocks,
		'list bound locks',
		(lock) => ({
			name: String(lock.title ?? lock.id),
			value: String(lock.id),
			searchText: [lock.title, lock.description, lock.id],
		}),
		filter,
		paginationToken,
	);
}

export async function searchGrants(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchOwnerCollection.call(
		this,
		TAPKEY_PATHS.grants,
		'list grants',
		(grant) => ({
			name: `${String(grant.id)} (lock ${String(grant.boundLockId)}, ${String(grant.state ?? '')})`,
			value: String(grant.id),
			searchText: [grant.id, grant.boundLockId, grant.contactId],
		}),
		filter,
		paginationToken,
	);
}

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchOwnerCollection.call(
		this,
		TAPKEY_PATHS.contacts,
		'list contacts',
		(contact) => {
			const identifier = contact.identifier ?? contact.email;
			return {
				name: contact.title ? `${String(contact.title)} (${String(identifier ?? contact.id)})` : String(identifier ?? contact.id),
				value: String(contact.id),
				searchText: [contact.title, identifier, contact.id],
			};
		},
		filter,
		paginationToken,
	);
}
