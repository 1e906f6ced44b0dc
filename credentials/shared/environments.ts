import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

/** A provider's hosts in one environment; the OAuth endpoints only where it offers OAuth2. */
export interface ProviderEndpoints {
	authUrl?: string;
	accessTokenUrl?: string;
	baseUrl: string;
}

/** A provider's fixed hosts; `custom` points a credential anywhere (the sandbox, staging). */
export type EnvironmentTable = { production: ProviderEndpoints; sandbox?: ProviderEndpoints };

type EndpointKey = keyof ProviderEndpoints;

/** The custom URL fields' names (public contract), shared by the fields and the expressions. */
const CUSTOM_FIELD: Record<EndpointKey, string> = {
	authUrl: 'customAuthUrl',
	accessTokenUrl: 'customAccessTokenUrl',
	baseUrl: 'customBaseUrl',
};

/**
 * An n8n expression choosing one endpoint by the credential's environment. n8n evaluates it when
 * it reads the credential (`$self` in credential fields, `$credentials` in the test request).
 */
export function endpointExpression(table: EnvironmentTable, key: EndpointKey, self = '$self'): string {
	const sandbox = table.sandbox
		? `${self}.environment === "sandbox" ? "${table.sandbox[key] ?? ''}" : `
		: '';
	return `={{ ${self}.environment === "custom" ? ${self}.${CUSTOM_FIELD[key]} : ${sandbox}"${table.production[key] ?? ''}" }}`;
}

/** The API base URL the nodes call, resolved the same way as the expressions above. */
export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject, table: EnvironmentTable): string {
	const environment = (credentials.environment as string | undefined) ?? 'production';
	if (environment === 'custom') return String(credentials.customBaseUrl ?? '');
	if (environment === 'sandbox' && table.sandbox) return table.sandbox.baseUrl;
	return table.production.baseUrl;
}

/**
 * "Environment" and the custom API base URL, identical in every credential; for an OAuth2
 * credential (`codeGrants`: the grants that use the authorization URL) also the custom and the
 * resolved OAuth URLs.
 */
export function environmentProperties(
	providerName: string,
	table: EnvironmentTable,
	codeGrants?: string[],
): INodeProperties[] {
	const custom = { show: { environment: ['custom'] } };
	const environment: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: table.production.baseUrl },
				...(table.sandbox
					? [{ name: `${providerName} Sandbox`, value: 'sandbox', description: table.sandbox.baseUrl }]
					: []),
				{ name: 'Custom URLs', value: 'custom', description: 'Self-hosted, staging or a local emulator' },
			],
			default: 'production',
		},
		{
			displayName: 'API Base URL',
			name: CUSTOM_FIELD.baseUrl,
			type: 'string',
			displayOptions: custom,
			default: '',
			placeholder: table.production.baseUrl,
			required: true,
		},
	];
	if (!codeGrants) return environment;
	const [choice, baseUrl] = environment;
	return [
		choice,
		{
			displayName: 'Authorization URL',
			name: CUSTOM_FIELD.authUrl,
			type: 'string',
			displayOptions: { show: { ...custom.show, grantType: codeGrants } },
			default: '',
			placeholder: table.production.authUrl,
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: CUSTOM_FIELD.accessTokenUrl,
			type: 'string',
			displayOptions: custom,
			default: '',
			placeholder: table.production.accessTokenUrl,
			required: true,
		},
		baseUrl,
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: endpointExpression(table, 'authUrl'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: endpointExpression(table, 'accessTokenUrl'),
		},
	];
}

/** Any endpoint of a credential's environment (token URL, API base URL), resolved in code. */
export function resolveEndpoint(
	credentials: ICredentialDataDecryptedObject,
	table: EnvironmentTable,
	key: EndpointKey,
): string {
	const environment = (credentials.environment as string | undefined) ?? 'production';
	if (environment === 'custom') return String(credentials[CUSTOM_FIELD[key]] ?? '');
	if (environment === 'sandbox' && table.sandbox) return table.sandbox[key] ?? '';
	return table.production[key] ?? '';
}
