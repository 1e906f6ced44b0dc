import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { endpointExpression, environmentProperties } from './shared';
import { placeApiToken } from '../nodes/LockitNetwork/transport/apiToken';
import {
	LOCKITNETWORK_DOCS,
	LOCKITNETWORK_ENVIRONMENTS,
	LOCKITNETWORK_PATHS,
} from '../nodes/LockitNetwork/transport/endpoints';

/** Environment and the API base URL; an API token needs no OAuth endpoints. */
const ENVIRONMENT_FIELDS = new Set(['environment', 'customBaseUrl']);

/**
 * Where the token goes (names fixed by the public contract). Kept outside the properties list:
 * n8n's lint rule credential-password-field takes any field named like "token" for a secret and
 * asks for a password input, which an options field cannot be; this one holds no secret.
 */
const SEND_TOKEN_AS: INodeProperties = {
	displayName: 'Send Token As',
	name: 'sendTokenAs',
	type: 'options',
	options: [
		{
			name: 'Header "token"',
			value: 'tokenHeader',
			description: 'A request header named token',
		},
		{
			name: 'Bearer Token',
			value: 'bearer',
			description: 'The header Authorization: Bearer followed by the token',
		},
		{
			name: 'Query Parameter "token"',
			value: 'query',
			description: 'The form the LockitNetwork API reference documents; the token becomes part of every URL',
		},
	],
	default: 'tokenHeader',
	description: 'Where each request carries the token. Choose what your LockitNetwork account accepts.',
};

/** A LockitNetwork API token, for users who have one and no OAuth client. */
export class LockitNetworkApi implements ICredentialType {
	name = 'lockitNetworkApi';

	displayName = 'LockitNetwork API';

	documentationUrl = 'https://doc.api.lockitnetwork.com/';

	icon: Icon = { light: 'file:icons/lockitNetwork.svg', dark: 'file:icons/lockitNetwork.dark.svg' };

	httpRequestNode = {
		name: 'LockitNetwork (API Token)',
		docsUrl: LOCKITNETWORK_DOCS.api,
		apiBaseUrl: LOCKITNETWORK_ENVIRONMENTS.production.baseUrl,
	};

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A LockitNetwork API token. It acts as the LockitNetwork account it belongs to.',
		},
		SEND_TOKEN_AS,
		{
			displayName:
				'The token will be part of every request URL, and URLs end up in access logs (of LockitNetwork, proxies and gateways on the way). Use a header if LockitNetwork accepts one for your account.',
			name: 'queryNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { sendTokenAs: ['query'] } },
		},
		...environmentProperties('LockitNetwork', LOCKITNETWORK_ENVIRONMENTS, []).filter((property) =>
			ENVIRONMENT_FIELDS.has(property.name),
		),
	];

	// A function, not a generic block: the token goes in exactly one place, which a generic block
	// (one fixed set of headers and query parameters) cannot choose.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return placeApiToken(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: endpointExpression(LOCKITNETWORK_ENVIRONMENTS, 'baseUrl', '$credentials'),
			url: LOCKITNETWORK_PATHS.projects(),
		},
		// n8n 2.x would show the bare status text ("Unauthorized"); n8n 1.x its own wording.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'LockitNetwork refused the API token (401): check the token and where it is sent (Send Token As)',
				},
			},
		],
	};
}
