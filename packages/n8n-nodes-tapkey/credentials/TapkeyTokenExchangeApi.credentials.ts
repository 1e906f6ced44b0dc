import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { endpointExpression, environmentProperties } from './shared';
import { TAPKEY_ENVIRONMENTS, TAPKEY_READ_SCOPES, TAPKEY_WRITE_SCOPES } from '../nodes/Tapkey/transport/endpoints';
import { exchangeToken } from '../nodes/Tapkey/transport/tokenExchange';

/** Environment and the two URLs a token exchange needs; there is no authorization page. */
const ENVIRONMENT_FIELDS = new Set(['environment', 'customAccessTokenUrl', 'customBaseUrl']);

/**
 * Tapkey's token exchange for integrators whose users sign in with the integrator's own identity
 * provider: the user's JWT is exchanged for a Tapkey access token.
 *
 * n8n's credential lifecycle does the work: `preAuthentication` runs when the hidden, expirable
 * `accessToken` is empty (first use, credential test) and again after the API answers 401, and
 * its result is saved with the credential. So the access token is renewed as long as the external
 * token is valid; once that expires, the user pastes a new one (or the field is an expression).
 */
export class TapkeyTokenExchangeApi implements ICredentialType {
	name = 'tapkeyTokenExchangeApi';

	displayName = 'Tapkey Token Exchange API';

	documentationUrl = 'https://developers.tapkey.io/api/authentication/token_exchange/';

	icon: Icon = { light: 'file:icons/tapkey.svg', dark: 'file:icons/tapkey.dark.svg' };

	httpRequestNode = {
		name: 'Tapkey (Token Exchange)',
		docsUrl: 'https://developers.tapkey.io/openapi/tapkey_management_api_v1/',
		apiBaseUrl: TAPKEY_ENVIRONMENTS.production.baseUrl,
	};

	properties: INodeProperties[] = [
		{
			displayName:
				'For users who sign in with your own identity provider, registered with Tapkey. The OAuth client must be created with the grant type "Token Exchange" for that identity provider.',
			name: 'identityProviderNotice',
			type: 'notice',
			default: '',
		},
		...environmentProperties('Tapkey', TAPKEY_ENVIRONMENTS, []).filter((property) =>
			ENVIRONMENT_FIELDS.has(property.name),
		),
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the Tapkey OAuth client with the grant type "Token Exchange"',
		},
		{
			displayName: 'Identity Provider ID',
			name: 'identityProvider',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID Tapkey assigned when your identity provider was registered (sent as "provider")',
		},
		{
			displayName: 'External Token (JWT)',
			name: 'subjectToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The JWT your identity provider issued for the user, signed with RS256. It expires (typically after an hour): then paste a new one, or use an expression that returns a current token.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: [...TAPKEY_READ_SCOPES, ...TAPKEY_WRITE_SCOPES].join(' '),
			description: 'Space-separated Tapkey scopes; they must be enabled for the OAuth client',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			// Filled by preAuthentication; n8n runs it when this is empty and again after a 401.
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await exchangeToken.call(this, credentials);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: endpointExpression(TAPKEY_ENVIRONMENTS, 'baseUrl', '$credentials'),
			url: '/Owners',
			qs: { $top: 1 },
		},
	};
}
