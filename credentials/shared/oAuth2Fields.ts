import type { INodeProperties } from 'n8n-workflow';

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
