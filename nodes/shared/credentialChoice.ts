import type { IDataObject, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { credentialLabel, findInCauses } from './errors';
import { redact } from './redact';
import type { ApiRequest, CredentialChoice, ProviderApi, ProviderErrorDetails, RequestContext } from './types';

/**
 * Which credential a node uses, picked by its `authentication` parameter the way n8n's own nodes
 * offer two authentications. Workflows saved before the parameter existed have no value for it and
 * keep the provider's OAuth2 credential (`ProviderApi.credentialType`).
 */

/** The value of `authentication` that means the provider's OAuth2 credential. */
export const OAUTH2_AUTHENTICATION = 'oAuth2';

/**
 * Every error a credential's `preAuthentication` throws starts with this, so the transport can tell
 * a failed token exchange from a failed API call. n8n 1.x keeps only the message of the errors it
 * wraps, so the message is the one thing that survives.
 */
export const PRE_AUTHENTICATION_FAILED = 'Token exchange failed:';

/**
 * The node's "Authentication" parameter: OAuth2 (the default, so workflows saved without the
 * parameter keep their credential) and the provider's other credential types. The node's
 * `credentials` entries show one credential each, by `displayOptions` on this parameter.
 */
export function authenticationProperty(others: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'OAuth2', value: OAUTH2_AUTHENTICATION }, ...others],
		default: OAUTH2_AUTHENTICATION,
	};
}

/** The node's `authentication` value, read the same way in execute, poll and load-options contexts. */
function authenticationOf(ctx: RequestContext): string {
	// The parameter is node-level, so item 0 is as good as any; contexts without items take no index.
	const parameters: INodeParameters = ctx.getNode().parameters ?? {};
	const value = parameters.authentication;
	return typeof value === 'string' && value !== '' ? value : OAUTH2_AUTHENTICATION;
}

/** The credential type (and how its token is renewed) the node is set to use. */
export function chooseCredential(ctx: RequestContext, api: ProviderApi): CredentialChoice {
	const oAuth2: CredentialChoice = { type: api.credentialType, renewal: 'oAuth2' };
	const authentication = authenticationOf(ctx);
	if (authentication === OAUTH2_AUTHENTICATION) return oAuth2;
	const choice = api.credentialTypes?.[authentication];
	if (!choice) {
		throw new NodeOperationError(ctx.getNode(), `The authentication "${authentication}" is not available for ${api.displayName}`, {
			description: `Choose one of: ${[OAUTH2_AUTHENTICATION, ...Object.keys(api.credentialTypes ?? {})].join(', ')}.`,
		});
	}
	return choice;
}

/** "Tapkey credential "name"", for error messages about the credential in use. */
function labelOf(ctx: RequestContext, api: ProviderApi, choice: CredentialChoice): string {
	return `${api.displayName} credential ${credentialLabel(ctx.getNode(), choice.type, api.displayName)}`;
}

/**
 * A token exchange that failed inside n8n (the credential's `preAuthentication`, run before the
 * first request and again after a 401), as an error naming the credential and what to do. Only the
 * credential's own text is used: it was written for the user and holds no token.
 */
export function preAuthenticationError(
	ctx: RequestContext,
	api: ProviderApi,
	choice: CredentialChoice,
	error: unknown,
	secrets: string[],
): NodeOperationError | undefined {
	if (choice.renewal !== 'preAuthentication') return undefined;
	const reason = findInCauses(error, (candidate) => {
		const texts = [candidate.message, ...(Array.isArray(candidate.messages) ? candidate.messages : [])];
		return texts.find((text): text is string => typeof text === 'string' && text.includes(PRE_AUTHENTICATION_FAILED));
	});
	if (!reason) return undefined;
	const description = reason.slice(reason.indexOf(PRE_AUTHENTICATION_FAILED) + PRE_AUTHENTICATION_FAILED.length).trim();
	return new NodeOperationError(ctx.getNode(), `The ${labelOf(ctx, api, choice)} could not get an access token`, {
		description: redact(description, secrets),
	});
}

/**
 * A 401 for a static API token: nothing can renew it, so say which credential to fix instead of
 * n8n's "reconnect" advice, which is for OAuth2.
 */
export function staticTokenRejectedError(
	ctx: RequestContext,
	api: ProviderApi,
	choice: CredentialChoice,
	request: ApiRequest,
	details: ProviderErrorDetails,
	secrets: string[],
): NodeApiError | undefined {
	if (choice.renewal !== 'none') return undefined;
	const providerMessage = details.message ? `: ${redact(details.message, secrets)}` : '';
	const message = `${api.displayName} rejected the API token of the ${labelOf(ctx, api, choice)}${providerMessage}`;
	const description = `The token may be mistyped, expired or revoked. Create a new API token in ${api.displayName} and paste it into the credential. (While trying to ${request.operation}.)`;
	const errorResponse: IDataObject = { status: 401, message: details.message ? redact(details.message, secrets) : null };
	const error = new NodeApiError(ctx.getNode(), errorResponse as never, { message, description, httpCode: '401' });
	// NodeApiError replaces messages that mention a status with a generic one; ours says more.
	error.message = message;
	error.description = description;
	return error;
}
