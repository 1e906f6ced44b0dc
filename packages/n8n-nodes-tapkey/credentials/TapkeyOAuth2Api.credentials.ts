import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import {
	clientAuthenticationProperties,
	environmentProperties,
	oAuth2CredentialTest,
	refreshTurnsProperties,
	scopeProperties,
} from './shared';
import {
	TAPKEY_ENVIRONMENTS,
	TAPKEY_READ_SCOPES,
	TAPKEY_WRITE_SCOPES,
} from '../nodes/Tapkey/transport/endpoints';

const SCOPES = [...TAPKEY_READ_SCOPES, ...TAPKEY_WRITE_SCOPES].join(' ');

export class TapkeyOAuth2Api implements ICredentialType {
	name = 'tapkeyOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Tapkey OAuth2 API';

	documentationUrl = 'https://developers.tapkey.io/api/authentication/';

	icon: Icon = { light: 'file:icons/tapkey.svg', dark: 'file:icons/tapkey.dark.svg' };

	httpRequestNode = {
		name: 'Tapkey',
		docsUrl: 'https://developers.tapkey.io/openapi/tapkey_management_api_v1/',
		apiBaseUrl: TAPKEY_ENVIRONMENTS.production.baseUrl,
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'A Tapkey user connects their account; OAuth client "With client secret"',
				},
				{
					name: 'Authorization Code with PKCE',
					value: 'pkce',
					description: 'A Tapkey user connects their account; OAuth client "With PKCE" (no secret)',
				},
				{
					name: 'Client Credentials (Service Account)',
					value: 'clientCredentials',
					description: "The OAuth client's service account, made co-admin of each owner account",
				},
			],
			default: 'authorizationCode',
		},
		...environmentProperties('Tapkey', TAPKEY_ENVIRONMENTS, ['authorizationCode', 'pkce']),
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			displayOptions: { show: { grantType: ['authorizationCode', 'clientCredentials'] } },
			default: '',
			required: true,
		},
		// offline_access is what makes Tapkey issue a refresh token; client credentials get none.
		...scopeProperties(
			{ authorizationCode: `${SCOPES} offline_access`, clientCredentials: SCOPES },
			'Space-separated Tapkey scopes; each must also be enabled for the OAuth client',
		),
		// Tapkey reads client_id and client_secret from the form body.
		...clientAuthenticationProperties('body'),
		...refreshTurnsProperties(),
		{
			displayName:
				'For Client Credentials, add the service account e-mail of the OAuth client (ending in @iam.serviceaccount.tapkey.com) as co-administrator of each owner account, or Tapkey will show it no owners.',
			name: 'serviceAccountNotice',
			type: 'notice',
			displayOptions: { show: { grantType: ['clientCredentials'] } },
			default: '',
		},
	];

	test: ICredentialTestRequest = oAuth2CredentialTest(
		TAPKEY_ENVIRONMENTS,
		{ url: '/Owners', qs: { $top: 1 } },
		{ authentication: 'body', scope: true },
	);
}
