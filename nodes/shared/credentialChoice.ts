import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Which credential a node uses, picked by its `authentication` parameter the way n8n's own nodes
 * offer two authentications. Workflows saved before the parameter existed have no value for it and
 * keep the provider's OAuth2 credential (`ProviderApi.credentialType`); the transport picks the
 * credential by it (`chooseCredential` in transport/credential.ts).
 */

/** The value of `authentication` that means the provider's OAuth2 credential. */
export const OAUTH2_AUTHENTICATION = 'oAuth2';

/**
 * Every error a credential's `preAuthentication` throws starts with this, so the transport can tell
 * a failed token exchange from a failed API call. n8n 1.x keeps only the message of the errors it
 * wraps, so the message is the one thing that survives.
 */
export const PRE_AUTHENTICATION_FAILED = 'Token exchange failed:';

/**
 * The node's "Authentication" parameter: OAuth2 (the default, so workflows saved without the
 * parameter keep their credential) and the provider's other credential types. The node's
 * `credentials` entries show one credential each, by `displayOptions` on this parameter.
 */
export function authenticationProperty(others: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'OAuth2', value: OAUTH2_AUTHENTICATION }, ...others],
		default: OAUTH2_AUTHENTICATION,
	};
}
