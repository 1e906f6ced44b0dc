import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import {
	clientAuthenticationProperties,
	environmentProperties,
	oAuth2CredentialTest,
	refreshTurnsProperties,
	scopeProperties,
} from './shared';
import { TAPTOUCH_DOCS, TAPTOUCH_ENVIRONMENTS, TAPTOUCH_SCOPES } from '../nodes/Taptouch/transport/endpoints';

const USER_SCOPES = TAPTOUCH_SCOPES.store;
const SERVICE_SCOPES = [TAPTOUCH_SCOPES.store, TAPTOUCH_SCOPES.order, TAPTOUCH_SCOPES.inventory].join(' ');

export class TaptouchOAuth2Api implements ICredentialType {
	name = 'taptouchOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Taptouch OAuth2 API';

	documentationUrl = 'https://developer.taptouch.net/docs/integration/authorization';

	icon: Icon = { light: 'file:icons/taptouch.svg', dark: 'file:icons/taptouch.dark.svg' };

	httpRequestNode = {
		name: 'Taptouch',
		docsUrl: TAPTOUCH_DOCS.api,
		apiBaseUrl: TAPTOUCH_ENVIRONMENTS.production.baseUrl,
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
					description: 'A Taptouch merchant connects their account; gives access to stores only',
				},
				{
					name: 'Authorization Code with PKCE',
					value: 'pkce',
					description: 'As Authorization Code, for a public client (no secret); stores only',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description: "Your developer account's own access; needed for orders and inventory",
				},
			],
			default: 'authorizationCode',
		},
		...environmentProperties('Taptouch', TAPTOUCH_ENVIRONMENTS, ['authorizationCode', 'pkce']),
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			// A PKCE client is public: Taptouch issued it no secret.
			displayOptions: { show: { grantType: ['authorizationCode', 'clientCredentials'] } },
			default: '',
			required: true,
		},
		// Taptouch refuses the order and inventory scopes to the authorization code grant.
		...scopeProperties(
			{ authorizationCode: USER_SCOPES, clientCredentials: SERVICE_SCOPES },
			'Space-separated Taptouch scopes. Authorization Code (with or without PKCE) can get integration.store only; Client Credentials also integration.order and integration.inventory.',
			'Only integration.store: Taptouch refuses order and inventory scopes to this grant (use Client Credentials)',
		),
		// Taptouch reads client_id and client_secret from the form body.
		...clientAuthenticationProperties('body'),
		...refreshTurnsProperties(),
	];

	test: ICredentialTestRequest = oAuth2CredentialTest(
		TAPTOUCH_ENVIRONMENTS,
		{ url: '/stores', qs: { index: 0, count: 1 } },
		{ authentication: 'body', scope: true },
	);
}
