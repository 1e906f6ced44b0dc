import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

export interface ProviderEndpoints {
	authUrl: string;
	accessTokenUrl: string;
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
		? `${self}.environment === "sandbox" ? "${table.sandbox[key]}" : `
		: '';
	return `={{ ${self}.environment === "custom" ? ${self}.${CUSTOM_FIELD[key]} : ${sandbox}"${table.production[key]}" }}`;
}

/** The API base URL the nodes call, resolved the same way as the expressions above. */
export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject, table: EnvironmentTable): string {
	const environment = (credentials.environment as string | undefined) ?? 'production';
	if (environment === 'custom') return String(credentials.customBaseUrl ?? '');
	if (environment === 'sandbox' && table.sandbox) return table.sandbox.baseUrl;
	return table.production.baseUrl;
}

/** "Environment" plus the three custom URL fields, identical in every credential. */
export function environmentProperties(
	providerName: string,
	table: EnvironmentTable,
	codeGrants: string[],
): INodeProperties[] {
	const custom = { show: { environment: ['custom'] } };
	return [
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
		{
			displayName: 'API Base URL',
			name: CUSTOM_FIELD.baseUrl,
			type: 'string',
			displayOptions: custom,
			default: '',
			placeholder: table.production.baseUrl,
			required: true,
		},
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

/**
 * The oAuth2Api fields every credential here fixes: no extra authorize parameters, how the token
 * endpoint expects the client to authenticate (`body`: id and secret in the form; `header`: HTTP
 * Basic), and no extra token request fields (oAuth2Api offers them for client credentials with
 * `body`; none of the providers takes any).
 */
export function clientAuthenticationProperties(authentication: 'body' | 'header'): INodeProperties[] {
	return [
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: authentication },
		{ displayName: 'Send Additional Body Properties', name: 'sendAdditionalBodyProperties', type: 'hidden', default: false },
		{ displayName: 'Additional Body Properties', name: 'additionalBodyProperties', type: 'hidden', default: '' },
	];
}

/** The visible scope field of each grant, and the `scope` that n8n sends (see scopeProperties). */
export const SCOPE_FIELD = {
	authorizationCode: 'authorizationCodeScope',
	clientCredentials: 'clientCredentialsScope',
} as const;

/**
 * The credential's scope, pre-filled with what the chosen grant needs and editable.
 *
 * One visible "Scope" field per grant (Authorization Code and PKCE share one), each with a plain
 * default, so the editor shows the right scopes for the selected grant. They cannot all be named
 * `scope`: n8n merges a credential's properties over its parent's (oAuth2Api) by name, in the
 * backend and in the editor alike, so several `scope` properties collapse into the last one.
 * `scope` itself — the field n8n's OAuth2 code reads for the authorize and token requests — is
 * hidden and resolves to the selected grant's field when n8n reads the credential.
 */
export function scopeProperties(
	{ authorizationCode, clientCredentials }: { authorizationCode: string; clientCredentials: string },
	description: string,
	authorizationCodeHint?: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Scope',
			name: SCOPE_FIELD.authorizationCode,
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } },
			default: authorizationCode,
			description,
			...(authorizationCodeHint ? { hint: authorizationCodeHint } : {}),
		},
		{
			displayName: 'Scope',
			name: SCOPE_FIELD.clientCredentials,
			type: 'string',
			displayOptions: { show: { grantType: ['clientCredentials'] } },
			default: clientCredentials,
			description,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: `={{ $self.grantType === "clientCredentials" ? $self.${SCOPE_FIELD.clientCredentials} : $self.${SCOPE_FIELD.authorizationCode} }}`,
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
	if (environment === 'sandbox' && table.sandbox) return table.sandbox[key];
	return table.production[key];
}
