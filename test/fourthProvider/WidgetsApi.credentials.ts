import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { endpointExpression, environmentProperties } from '../../credentials/shared';
import { WIDGETS_ENVIRONMENTS, WIDGETS_PATHS } from './transport/endpoints';

/** TEST-ONLY credential of the test-only Widgets provider (see Widgets.node.ts); never shipped. */
export class WidgetsApi implements ICredentialType {
	name = 'widgetsApi';

	displayName = 'Widgets API (test only)';

	documentationUrl = 'https://api.widgets.invalid/docs';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		// Environment and API Base URL only: no OAuth endpoints without code grants.
		...environmentProperties('Widgets', WIDGETS_ENVIRONMENTS),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: endpointExpression(WIDGETS_ENVIRONMENTS, 'baseUrl', '$credentials'),
			url: WIDGETS_PATHS.widgets(),
			qs: { pageSize: 1 },
		},
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'Widgets refused the API key (401)' } }],
	};
}
