import type { EnvironmentTable } from '../../shared/environments';

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
