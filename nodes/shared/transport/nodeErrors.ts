import type { IDataObject, INode, JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { PRE_AUTHENTICATION_FAILED, PRE_AUTHENTICATION_REFUSED } from '../provider';
import type { ApiRequest, ProviderApi, ProviderErrorDetails } from '../provider';
import { findInCauses } from './errorCauses';
import { apiError, operationError } from './ownErrors';
import { redact } from './redact';
import type { WriteOutcome } from './writeOutcome';
import { markNotApplied, writeOutcomeHint } from './writeOutcome';

/**
 * The errors a user reads about the credential and its access token: a grant or client that was
 * refused, a token that could not be renewed (in time), a token exchange that failed, a static
 * token that was rejected. Each names the credential and what to do, and carries no secret.
 */

/** The credential of this type the node uses, as a user knows it: its name, quoted. */
export function credentialLabel(node: INode, credentialType: string, displayName: string): string {
	const credential = node.credentials?.[credentialType]?.name;
	return credential ? `"${credential}"` : `of type ${displayName}`;
}

/** The stored OAuth grant is gone (refresh token expired, revoked or already used). */
export function reconnectError(node: INode, api: ProviderApi, credentialType: string, request?: ApiRequest): NodeOperationError {
	return operationError(
		node,
		`The ${api.displayName} credential ${credentialLabel(node, credentialType, api.displayName)} needs to be reconnected`,
		[
			`${api.displayName} refused to renew the access token: the refresh token expired, was revoked, or was already used. Open the credential and click "Reconnect" (or, for a client-credentials credential, check the client ID and secret).`,
			request && writeOutcomeHint(api, request, 'no'),
		]
			.filter(Boolean)
			.join(' '),
	);
}

/** The token endpoint refused the client itself: ID, secret, grant type or scopes. */
export function clientRejectedError(node: INode, api: ProviderApi, reason: string, request?: ApiRequest): NodeOperationError {
	return operationError(
		node,
		`${api.displayName} rejected the credential's client: ${reason}`,
		[
			'Check the client ID, client secret, grant type and scopes of the credential.',
			request && writeOutcomeHint(api, request, 'no'),
		]
			.filter(Boolean)
			.join(' '),
	);
}

/** The renewal of the token did not finish while the request could wait for it. */
export function tokenTimeoutError(
	node: INode,
	api: ProviderApi,
	credentialType: string,
	request: ApiRequest,
	waitedMs: number,
): NodeApiError {
	return apiError(
		node,
		{ message: 'token request timed out' },
		`${api.displayName} could not ${request.operation}: its token endpoint did not answer within ${Math.round(waitedMs / 1000)} seconds`,
		[
			`The access token of the credential ${credentialLabel(node, credentialType, api.displayName)} could not be renewed in time, so the request was not sent with a new one. Try again later: a renewal still under way goes on, and a later run uses the token it stores.`,
			writeOutcomeHint(api, request, 'no'),
		]
			.filter(Boolean)
			.join(' '),
	);
}

/**
 * The leading request of a credential with no token yet is sent through n8n, which fetches the
 * token first (refresh.ts); neither came back within the wait for the token and the request's own
 * Timeout. Both may still come, so a write's outcome is unknown.
 */
export function firstTokenTimeoutError(
	node: INode,
	api: ProviderApi,
	credentialType: string,
	request: ApiRequest,
	waitedMs: number,
): NodeApiError {
	return apiError(
		node,
		{ message: 'request with the first token timed out' },
		`${api.displayName} could not ${request.operation}: no answer within ${Math.round(waitedMs / 1000)} seconds (the request goes out with the credential's first access token)`,
		[
			`The credential ${credentialLabel(node, credentialType, api.displayName)} had no access token yet, so n8n fetches one from ${api.displayName}'s token endpoint and then sends the request; neither the token nor the answer came in time, and both may still come.`,
			writeOutcomeHint(api, request, 'maybe') ?? 'Try again later: a later run uses the token n8n stores.',
		].join(' '),
	);
}

/**
 * The renewal could not run at all: a programming error, or a helper this n8n does not offer. No
 * token endpoint failed, and trying again cannot help, so it says what it is instead of "try again
 * later".
 */
export function renewalBrokenError(
	node: INode,
	api: ProviderApi,
	credentialType: string,
	request: ApiRequest,
	error: unknown,
	options: { secrets: string[]; applied: WriteOutcome },
): NodeOperationError {
	const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	return operationError(
		node,
		`${api.displayName} could not ${request.operation}: the access token could not be renewed because of an error in n8n or in this node (${redact(what, options.secrets).slice(0, 200)})`,
		[
			`Nothing is wrong with ${api.displayName}'s token endpoint or with the credential ${credentialLabel(node, credentialType, api.displayName)}, and trying again will not help. A missing helper means this n8n version lacks something the node needs: update n8n. Any other error is a bug in the node: report it with this message and the n8n version.`,
			writeOutcomeHint(api, request, options.applied),
		]
			.filter(Boolean)
			.join(' '),
	);
}

/**
 * The token endpoint failed for a passing reason (a 5xx, a dropped connection, a timeout) as often
 * as a request may try: nothing is wrong with the credential, so nothing asks to reconnect it.
 */
export function renewalFailedError(
	node: INode,
	api: ProviderApi,
	credentialType: string,
	request: ApiRequest,
	reason: string,
	secrets: string[],
): NodeApiError {
	return markNotApplied(
		apiError(
			node,
			{ message: redact(reason, secrets) },
			`${api.displayName} could not ${request.operation}: the access token could not be renewed (${redact(reason, secrets)})`,
			[
				`${api.displayName}'s token endpoint failed while renewing the access token of the credential ${credentialLabel(node, credentialType, api.displayName)}. This is usually temporary and nothing is wrong with the credential: try again later.`,
				writeOutcomeHint(api, request, 'no'),
			]
				.filter(Boolean)
				.join(' '),
		),
	);
}

/** "<Provider> credential "name"", for error messages about the credential in use. */
function labelOf(node: INode, api: ProviderApi, credentialType: string): string {
	return `${api.displayName} credential ${credentialLabel(node, credentialType, api.displayName)}`;
}

/** The message a credential's `preAuthentication` failed with, and which of its prefixes it has. */
export function preAuthenticationReason(error: unknown): { text: string; prefix: string } | undefined {
	return findInCauses(error, (candidate) => {
		const texts = [candidate.message, ...(Array.isArray(candidate.messages) ? candidate.messages : [])];
		for (const text of texts) {
			if (typeof text !== 'string') continue;
			const prefix = [PRE_AUTHENTICATION_REFUSED, PRE_AUTHENTICATION_FAILED].find((known) => text.includes(known));
			if (prefix) return { text, prefix };
		}
		return undefined;
	});
}

/**
 * A token exchange that failed inside n8n (the credential's `preAuthentication`), as an error
 * naming the credential and what to do, or `undefined` when the error is not one. Only the
 * credential's own text is used: it was written for the user and holds no token.
 */
export function preAuthenticationError(
	node: INode,
	api: ProviderApi,
	credentialType: string,
	error: unknown,
	secrets: string[],
): NodeOperationError | undefined {
	const reason = preAuthenticationReason(error);
	if (!reason) return undefined;
	const description = reason.text.slice(reason.text.indexOf(reason.prefix) + reason.prefix.length).trim();
	return operationError(node, `The ${labelOf(node, api, credentialType)} could not get an access token`, redact(description, secrets));
}

/**
 * A 401 for a static API token: nothing can renew it, so say which credential to fix instead of
 * n8n's "reconnect" advice, which is for OAuth2.
 */
export function staticTokenRejectedError(
	node: INode,
	api: ProviderApi,
	choice: { type: string; secretName: string },
	request: ApiRequest,
	details: ProviderErrorDetails,
	secrets: string[],
): NodeApiError {
	const providerMessage = details.message ? redact(details.message, secrets) : undefined;
	const message = `${api.displayName} rejected the ${choice.secretName} of the ${labelOf(node, api, choice.type)}${providerMessage ? `: ${providerMessage}` : ''}`;
	const description = `The ${choice.secretName} may be mistyped, expired or revoked. Create a new ${choice.secretName} in ${api.displayName} and paste it into the credential. (While trying to ${request.operation}.)`;
	const errorResponse: IDataObject = { status: 401, message: providerMessage ?? null };
	return apiError(node, errorResponse as JsonObject, message, description, '401');
}
