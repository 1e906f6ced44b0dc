import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import type { ProviderApi } from '../provider';

/**
 * The node's "Authentication" parameter, built from the provider's declared authentications: its
 * default first, so workflows saved without the parameter keep their credential. A provider with
 * one authentication gets no parameter.
 */
export function authenticationProperties(api: ProviderApi): INodeProperties[] {
	const keys = Object.keys(api.authentications);
	if (keys.length < 2) return [];
	const byDefault = api.defaultAuthentication;
	const ordered = [byDefault, ...keys.filter((key) => key !== byDefault)];
	return [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			noDataExpression: true,
			default: byDefault,
			options: ordered.map((key) => {
				const { displayName, description } = api.authentications[key];
				return description ? { name: displayName, value: key, description } : { name: displayName, value: key };
			}),
		},
	];
}

/** The node's `credentials`: one per authentication, each shown for its "Authentication" value. */
export function nodeCredentials(api: ProviderApi): INodeCredentialDescription[] {
	const keys = Object.keys(api.authentications);
	return keys.map((key) => ({
		name: api.authentications[key].credentialType,
		required: true,
		...(keys.length > 1 ? { displayOptions: { show: { authentication: [key] } } } : {}),
	}));
}
