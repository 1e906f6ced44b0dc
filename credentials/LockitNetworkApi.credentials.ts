import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { endpointExpression, environmentProperties } from '../nodes/shared/environments';
import { LOCKITNETWORK_TOKEN_HEADER } from '../nodes/LockitNetwork/transport/apiToken';
import {
	LOCKITNETWORK_DOCS,
	LOCKITNETWORK_ENVIRONMENTS,
	LOCKITNETWORK_PATHS,
} from '../nodes/LockitNetwork/transport/endpoints';

/** Environment and the API base URL; an API token needs no OAuth endpoints. */
const ENVIRONMENT_FIELDS = new Set(['environment', 'customBaseUrl']);

/** A LockitNetwork API token, for users who have one and no OAuth client. */
export class LockitNetworkApi implements ICredentialType {
	name = 'lockitNetworkApi';

	displayName = 'LockitNetwork API';

	documentationUrl = 'https://doc.api.lockitnetwork.com/';

	icon = 'file:icons/lockitNetwork.svg' as const;

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
		...environmentProperties('LockitNetwork', LOCKITNETWORK_ENVIRONMENTS, []).filter((property) =>
			ENVIRONMENT_FIELDS.has(property.name),
		),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { [LOCKITNETWORK_TOKEN_HEADER]: '={{$credentials.apiToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: endpointExpression(LOCKITNETWORK_ENVIRONMENTS, 'baseUrl', '$credentials'),
			url: LOCKITNETWORK_PATHS.projects(),
		},
	};
}
