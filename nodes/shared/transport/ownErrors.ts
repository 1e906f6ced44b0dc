import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The errors this package builds: complete, redacted, and passed on as they are by every layer
 * above (nothing wraps or rewords them).
 */

const ownErrors = new WeakSet<object>();

export function isOwnError(error: unknown): boolean {
	return typeof error === 'object' && error !== null && ownErrors.has(error);
}

/**
 * A provider failure. NodeApiError rewrites messages that mention a status or a network code into
 * generic ones ("Forbidden - perhaps check your credentials?"); ours already say what happened and
 * what to do, so they are set after construction.
 */
export function apiError(
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

/** A problem the user fixes in n8n, not a provider failure. */
export function operationError(node: INode, message: string, description: string): NodeOperationError {
	const error = new NodeOperationError(node, message, { description });
	ownErrors.add(error);
	return error;
}
