import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redact } from './redact';
import type { ApiRequest, ProviderApi, ProviderErrorDetails } from './types';

const STATUS_HINTS: Record<number, string> = {
	400: 'The request was rejected as invalid. Check the parameters of this node.',
	401: 'The access token was rejected. Reconnect the credential if this keeps happening.',
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
export function reconnectError(node: INode, api: ProviderApi, request?: ApiRequest): NodeOperationError {
	return operationError(
		node,
		`The ${api.displayName} credential ${credentialLabel(node, api.credentialType, api.displayName)} needs to be reconnected`,
		[
			`${api.displayName} refused to refresh the access token: the refresh token expired, was revoked, or was already used. Open the credential and click "Reconnect" (or, for a client-credentials credential, check the client ID and secret).`,
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

/** n8n's token request never came back: the lead was given up so that nothing waits forever. */
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
			`The access token of the credential ${credentialLabel(node, credentialType, api.displayName)} could not be renewed, so the request was not sent with a new one. Try again later; the next request tries a new token request.`,
			writeOutcomeHint(api, request, 'no'),
		]
			.filter(Boolean)
			.join(' '),
	);
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
