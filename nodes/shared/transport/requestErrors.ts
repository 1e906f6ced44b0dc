import type { INode, JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiRequest, ProviderApi, ProviderErrorDetails } from '../provider';
import { apiError, operationError } from './ownErrors';
import { redact } from './redact';
import { writeOutcomeHint } from './writeOutcome';

/**
 * The errors a user reads about one request: the provider's HTTP error, no usable answer, a
 * redirect that was not followed. Each names the provider and what the node was doing, carries no
 * secret, and says for a write whether it may have been applied.
 */

const STATUS_HINTS: Record<number, string> = {
	400: 'The request was rejected as invalid. Check the parameters of this node.',
	401: 'The provider refused the request although the access token was just renewed or checked: the account behind the credential may not do this.',
	402: 'The account needs a paid plan or more licences for this.',
	403: 'The credential is not allowed to do this. Check the scopes of the credential and the permissions of the account behind it.',
	404: 'Nothing was found at this ID. Check the IDs in this node.',
	409: 'This conflicts with something that already exists.',
	422: 'The provider could not process the values sent. Check the fields of this node.',
	429: 'Too many requests. Try again later or lower the number of items processed at once.',
};

interface HttpFailure {
	status: number;
	details: ProviderErrorDetails;
	/** A retried write whose outcome is unknown (timeout or 5xx after sending). */
	mayHaveApplied?: boolean;
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
