import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { PRE_AUTHENTICATION_FAILED, PRE_AUTHENTICATION_REFUSED } from '../provider';
import type { ApiRequest, ProviderApi, ProviderErrorDetails } from '../provider';
import { redact } from './redact';

/**
 * The errors a user reads, built in one place: each names the provider, what the node was doing
 * and what to do, carries no secret, and says for a write whether it may have been applied.
 */

const STATUS_HINTS: Record<number, string> = {
	400: 'The request was rejected as invalid. Check the parameters of this node.',
	401: 'The provider refused the access token although it was just renewed: the account behind the credential may not do this.',
	402: 'The account needs a paid plan or more licences for this.',
	403: 'The credential is not allowed to do this. Check the scopes of the credential and the permissions of the account behind it.',
	404: 'Nothing was found at this ID. Check the IDs in this node.',
	409: 'This conflicts with something that already exists.',
	422: 'The provider could not process the values sent. Check the fields of this node.',
	429: 'Too many requests. Try again later or lower the number of items processed at once.',
};

/** Whether sending the request again could change something twice. */
export const isWrite = (request: ApiRequest) =>
	!(request.safe ?? (request.method === 'GET' || request.method === 'HEAD'));

interface HttpFailure {
	status: number;
	details: ProviderErrorDetails;
	/** A retried write whose outcome is unknown (timeout or 5xx after sending). */
	mayHaveApplied?: boolean;
}

/** Errors this package built: complete, redacted, and passed on as they are. */
const ownErrors = new WeakSet<object>();

export function isOwnError(error: unknown): boolean {
	return typeof error === 'object' && error !== null && ownErrors.has(error);
}

/** Errors of requests the provider refused before processing them (a 401 whose refresh failed). */
const notAppliedErrors = new WeakSet<object>();

export function markNotApplied<T>(error: T): T {
	if (typeof error === 'object' && error !== null) notAppliedErrors.add(error);
	return error;
}

export function wasNotApplied(error: unknown): boolean {
	return typeof error === 'object' && error !== null && notAppliedErrors.has(error);
}

/** What a user must know about a write that failed: whether the provider may have applied it. */
function writeOutcomeHint(api: ProviderApi, request: ApiRequest, applied: 'maybe' | 'no' | undefined): string | undefined {
	if (!isWrite(request) || !applied) return undefined;
	return applied === 'no'
		? `The change was not applied: ${api.displayName} refused the request before processing it. It is safe to run this again.`
		: `The change may or may not have been applied by ${api.displayName}; check before running this again.`;
}

/**
 * An HTTP error from a provider as a NodeApiError. Built from a plain object on purpose: the
 * original axios error carries the request config, Authorization header included.
 */
export function httpError(
	node: INode,
	api: ProviderApi,
	request: ApiRequest,
	failure: HttpFailure,
	secrets: string[],
): NodeApiError {
	const { status, details } = failure;
	const providerMessage = details.message ? redact(details.message, secrets) : undefined;
	const code = details.code ? redact(details.code, secrets) : undefined;
	const message = `${api.displayName} could not ${request.operation}: ${
		providerMessage ?? `HTTP ${status}`
	}${code ? ` (${code})` : ''}`;
	const hints = [api.describeStatus?.(status, request), api.statusHints?.[status] ?? STATUS_HINTS[status]].filter(Boolean);
	if (status >= 500) hints.push(`${api.displayName} had a server error.`);
	hints.push(writeOutcomeHint(api, request, status >= 500 || failure.mayHaveApplied ? 'maybe' : undefined));
	const errorResponse: JsonObject = { status, message: providerMessage ?? null, code: code ?? null };
	return apiError(node, errorResponse, message, hints.filter(Boolean).join(' ') || undefined, String(status));
}

/**
 * NodeApiError rewrites messages that mention a status or a network code into generic ones
 * ("Forbidden - perhaps check your credentials?"); ours already say what happened and what to do,
 * so they are set after construction.
 */
function apiError(
	node: INode,
	errorResponse: JsonObject,
	message: string,
	description: string | undefined,
	httpCode?: string,
): NodeApiError {
	const error = new NodeApiError(node, errorResponse, { message, description, httpCode });
	error.message = message;
	error.description = description ?? null;
	error.httpCode = httpCode ?? null;
	ownErrors.add(error);
	return error;
}

/** A failure with no usable HTTP answer: connection refused/reset, timeout, unparseable body. */
export function transportError(
	node: INode,
	api: ProviderApi,
	request: ApiRequest,
	reason: string,
	secrets: string[],
	options: { mayHaveApplied?: boolean; notApplied?: boolean; description?: string } = {},
): NodeApiError {
	const applied = options.notApplied ? 'no' : options.mayHaveApplied ? 'maybe' : undefined;
	const hints = [options.description, writeOutcomeHint(api, request, applied)];
	return apiError(
		node,
		{ message: redact(reason, secrets) },
		`${api.displayName} could not ${request.operation}: ${redact(reason, secrets)}`,
		hints.filter(Boolean).join(' ') || undefined,
	);
}

/**
 * A 3xx that was not followed: to another origin (credentials stay with the API), too many hops,
 * or no usable `Location`. A 307/308 asks for the request to be sent elsewhere, so it was not
 * processed; after any other redirect a write may already have been applied.
 */
export function redirectError(
	node: INode,
	api: ProviderApi,
	request: ApiRequest,
	status: number,
	what: string,
	options: { description: string },
): NodeOperationError {
	const applied = status === 307 || status === 308 ? 'no' : 'maybe';
	return operationError(
		node,
		`${api.displayName} ${what}`,
		[options.description, writeOutcomeHint(api, request, applied)].filter(Boolean).join(' '),
	);
}

/** The credential of this type the node uses, as a user knows it: its name, quoted. */
export function credentialLabel(node: INode, credentialType: string, displayName: string): string {
	const credential = node.credentials?.[credentialType]?.name;
	return credential ? `"${credential}"` : `of type ${displayName}`;
}

/** An own NodeOperationError: a problem the user fixes in n8n, not a provider failure. */
function operationError(node: INode, message: string, description: string): NodeOperationError {
	const error = new NodeOperationError(node, message, { description });
	ownErrors.add(error);
	return error;
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

/**
 * What the errors met on the way (n8n's, axios', Node's, a provider's body) may carry. Nothing is
 * guaranteed: every field is checked before use.
 */
export interface ErrorLike {
	message?: unknown;
	messages?: unknown;
	code?: unknown;
	description?: unknown;
	body?: { error?: unknown };
	response?: { status?: unknown; headers?: unknown; data?: unknown };
	cause?: unknown;
	error?: unknown;
	reason?: unknown;
}

/** Walks an error's `cause` chain (n8n wraps errors up to three times). */
export function findInCauses<T>(error: unknown, pick: (candidate: ErrorLike) => T | undefined): T | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as ErrorLike;
		const picked = pick(candidate);
		if (picked !== undefined) return picked;
		current = candidate.cause ?? candidate.error ?? candidate.reason;
	}
	return undefined;
}

/** The first string found under any of `keys` in a JSON error body, searched one level deep. */
export function pickErrorDetails(
	body: unknown,
	messageKeys: string[],
	codeKeys: string[],
): ProviderErrorDetails {
	if (typeof body === 'string') return { message: body.slice(0, 300) };
	if (!body || typeof body !== 'object') return {};
	const layers = [body as Record<string, unknown>];
	for (const value of Object.values(body as Record<string, unknown>)) {
		if (value && typeof value === 'object' && !Array.isArray(value)) layers.push(value as Record<string, unknown>);
	}
	const pick = (keys: string[]) => {
		for (const layer of layers) {
			for (const key of keys) {
				const value = layer[key];
				if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 500);
				if (typeof value === 'number') return String(value);
			}
		}
		return undefined;
	};
	return { message: pick(messageKeys), code: pick(codeKeys) };
}
