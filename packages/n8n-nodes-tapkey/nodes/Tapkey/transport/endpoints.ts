import type { EnvironmentTable } from '../../../credentials/shared';

/** Tapkey's hosts (documented by the provider). */
export const TAPKEY_ENVIRONMENTS: EnvironmentTable = {
	production: {
		authUrl: 'https://login.tapkey.com/connect/authorize',
		accessTokenUrl: 'https://login.tapkey.com/connect/token',
		baseUrl: 'https://my.tapkey.com/api/v1',
	},
	sandbox: {
		authUrl: 'https://login.sandbox.tapkey.io/connect/authorize',
		accessTokenUrl: 'https://login.sandbox.tapkey.io/connect/token',
		baseUrl: 'https://my.sandbox.tapkey.io/api/v1',
	},
};

/** Scopes the node's operations need. */
export const TAPKEY_READ_SCOPES = ['read:owneraccounts', 'read:core:entities', 'read:grants', 'read:logs'];
export const TAPKEY_WRITE_SCOPES = ['write:core:entities', 'write:grants'];

/**
 * Every path the node calls, below the API base URL (Tapkey's API reference; IDs come URL-encoded
 * from the node's parameters). Creates are `PUT` on the collection.
 */
export const TAPKEY_PATHS = {
	owners: () => '/Owners',
	owner: (ownerId: string) => `/Owners/${ownerId}`,
	boundLocks: (ownerId: string) => `/Owners/${ownerId}/BoundLocks`,
	boundLock: (ownerId: string, boundLockId: string) => `/Owners/${ownerId}/BoundLocks/${boundLockId}`,
	boundCards: (ownerId: string) => `/Owners/${ownerId}/BoundCards`,
	contacts: (ownerId: string) => `/Owners/${ownerId}/Contacts`,
	contact: (ownerId: string, contactId: string) => `/Owners/${ownerId}/Contacts/${contactId}`,
	revokeContactGrants: (ownerId: string, contactId: string) => `/Owners/${ownerId}/Contacts/${contactId}/RevokeGrants`,
	grants: (ownerId: string) => `/Owners/${ownerId}/Grants`,
	revokeGrant: (ownerId: string, grantId: string) => `/Owners/${ownerId}/Grants/${grantId}/Revoke`,
	permissions: (ownerId: string) => `/Owners/${ownerId}/Permissions`,
	logEntries: (ownerId: string) => `/Owners/${ownerId}/LogEntries`,
	boundLockLogEntries: (ownerId: string, boundLockId: string) => `/Owners/${ownerId}/BoundLocks/${boundLockId}/LogEntries`,
};
