import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import {
	clientAuthenticationProperties,
	environmentProperties,
	oAuth2CredentialTest,
	refreshTurnsProperties,
} from './shared';
import {
	LOCKITNETWORK_DOCS,
	LOCKITNETWORK_ENVIRONMENTS,
	LOCKITNETWORK_PATHS,
} from '../nodes/LockitNetwork/transport/endpoints';

export class LockitNetworkOAuth2Api implements ICredentialType {
	name = 'lockitNetworkOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'LockitNetwork OAuth2 API';

	documentationUrl = 'https://developer.lockitnetwork.com/guides/oauth';

	icon: Icon = { light: 'file:icons/lockitNetwork.svg', dark: 'file:icons/lockitNetwork.dark.svg' };

	httpRequestNode = {
		name: 'LockitNetwork',
		docsUrl: LOCKITNETWORK_DOCS.api,
		apiBaseUrl: LOCKITNETWORK_ENVIRONMENTS.production.baseUrl,
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
					description: 'A LockitNetwork user connects their account',
				},
				{
					name: 'Authorization Code with PKCE',
					value: 'pkce',
					description: 'As Authorization Code, with a PKCE challenge added (recommended by LockitNetwork)',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description: 'The OAuth client acts on its own; only for clients LockitNetwork registered for it',
				},
			],
			default: 'authorizationCode',
		},
		...environmentProperties('LockitNetwork', LOCKITNETWORK_ENVIRONMENTS, ['authorizationCode', 'pkce']),
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			// Every LockitNetwork client is confidential: the token endpoint wants HTTP Basic on every
			// request, PKCE included (n8n sends Basic whenever a secret is set).
			default: '',
			required: true,
			description: 'The secret LockitNetwork issued with the client ID; needed for every grant type, PKCE included',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// LockitNetwork has no scopes. The field stays, empty: without it n8n's OAuth2 callback falls
			// back to asking for `openid` (`credential.scope ?? 'openid'`).
			default: '',
		},
		// LockitNetwork authenticates clients with HTTP Basic and refuses a secret in the form body.
		...clientAuthenticationProperties('header'),
		...refreshTurnsProperties(),
		{
			displayName:
				'LockitNetwork registers OAuth clients on request (support@lockitnetwork.com). Client Credentials works only for a client registered for it.',
			name: 'registrationNotice',
			type: 'notice',
			default: '',
		},
	];

	test: ICredentialTestRequest = oAuth2CredentialTest(
		LOCKITNETWORK_ENVIRONMENTS,
		{ url: LOCKITNETWORK_PATHS.projects() },
		{ authentication: 'header', scope: false },
	);
}
