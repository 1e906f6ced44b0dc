import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS, MAX_REDIRECTS } from '../limits';
import type { ApiRequest, ProviderApi, RequestContext } from '../provider';
import { responseFromError } from './classifyFailure';
import type { CredentialState } from './credential';
import { redirectError } from './requestErrors';
import { headerOf } from './response';

const FOLLOWED = new Set([301, 302, 303, 307, 308]);

export interface SendOptions {
	/**
	 * Let n8n see an error status and act on it: only a renewal's probe does, so that n8n runs a
	 * token exchange again after the probe's 401 (see refresh.ts). Every other request handles HTTP
	 * errors itself, so n8n never renews a token on its own, unguarded.
	 */
	letN8nRenew?: boolean;
}

/** The execution's cancel signal, where n8n gives one (executions, not list searches or polls). */
export function cancelSignalOf(ctx: RequestContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
}

/**
 * One HTTP exchange with the credential. Redirects are followed here, not by n8n: n8n keeps the
 * Authorization header when a redirect leads to another origin, and would re-send a write's body
 * there on a 307/308. Within the API's origin a redirect is followed; to any other origin it is
 * refused and nothing is sent there; a 3xx that cannot be followed (no usable `Location`, 300,
 * 304) is an error, never an answer. A request other than a GET or HEAD follows only a 307/308, which
 * keeps its method and body: a 301/302/303 would turn it into a GET, whose answer is not the
 * answer to a write (a list of grants is no grant created).
 */
export async function send(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CredentialState,
	options: SendOptions = {},
): Promise<IN8nHttpFullResponse> {
	let url = `${state.baseUrl}${request.path}`;
	let qs = request.qs;
	for (let hop = 0; ; hop++) {
		const response = await sendOnce(ctx, state, { url, method: request.method, qs, body: request.body, timeout: request.timeout }, options);
		const status = response.statusCode;
		if (status < 300 || status >= 400) return response;

		const node = ctx.getNode();
		const location = headerOf(response.headers as IDataObject, 'location');
		let target: URL | undefined;
		try {
			target = location && FOLLOWED.has(status) ? new URL(location, new URL(url)) : undefined;
		} catch {
			target = undefined;
		}
		if (!target || !/^https?:$/.test(target.protocol)) {
			throw redirectError(node, api, request, status, `could not ${request.operation}: it answered HTTP ${status} with no redirect that can be followed`, {
				description: `Check the credential's API base URL (${state.origin}).`,
			});
		}
		if (target.origin !== state.origin) {
			throw redirectError(node, api, request, status, `redirected the request to another site (${target.origin}); it was not followed`, {
				description: `Credentials are only ever sent to ${state.origin}. Check the credential's environment and API base URL; a provider that moved its API needs the new URL there.`,
			});
		}
		if (hop >= MAX_REDIRECTS) {
			throw redirectError(node, api, request, status, `redirected the request more than ${MAX_REDIRECTS} times`, {
				description: `Check the credential's API base URL (${state.origin}).`,
			});
		}
		const keepsMethod = status === 307 || status === 308;
		if (!keepsMethod && request.method !== 'GET' && request.method !== 'HEAD') {
			throw redirectError(node, api, request, status, `could not ${request.operation}: it answered HTTP ${status}, a redirect that would turn the request into a GET; it was not followed`, {
				description: `A change is sent again only on a 307 or 308 redirect, which keeps its method and body. Check the credential's API base URL (${state.origin}).`,
			});
		}
		url = target.toString();
		qs = undefined;
	}
}

interface Exchange {
	url: string;
	method: IHttpRequestMethods;
	qs?: IDataObject;
	body?: ApiRequest['body'];
	timeout?: number;
}

async function sendOnce(
	ctx: RequestContext,
	state: CredentialState,
	exchange: Exchange,
	{ letN8nRenew = false }: SendOptions,
): Promise<IN8nHttpFullResponse> {
	const options: IHttpRequestOptions = {
		method: exchange.method,
		url: exchange.url,
		qs: exchange.qs,
		headers: { Accept: 'application/json' },
		// Bodies are parsed here, not by axios, so an HTML error page or broken JSON gets a clear error.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: !letN8nRenew,
		timeout: exchange.timeout ?? DEFAULT_TIMEOUT_MS,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	const signal = cancelSignalOf(ctx);
	if (signal) options.abortSignal = signal;
	if (exchange.body !== undefined) {
		options.body = exchange.body as IDataObject;
		options.headers!['Content-Type'] = 'application/json';
	}
	try {
		// With the token at hand, n8n's credential helper would only read the credential again
		// (a database read and decryption per request) to add the same header.
		if (state.bearerToken !== undefined && !letN8nRenew) {
			options.headers!.Authorization = `Bearer ${state.bearerToken}`;
			return (await ctx.helpers.httpRequest(options)) as IN8nHttpFullResponse;
		}
		return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, state.choice.type, options)) as IN8nHttpFullResponse;
	} catch (error) {
		const response = responseFromError(error);
		if (response) return response;
		throw asNodeError(ctx, error);
	}
}

/**
 * n8n's helpers already throw NodeApiErrors; anything else keeps its message and code (which is
 * how failures are recognised later) inside one. Never the original object: it holds the headers.
 */
function asNodeError(ctx: RequestContext, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
	const text = `${typeof message === 'string' ? message : String(error)}${typeof code === 'string' ? ` (${code})` : ''}`;
	const wrapped = new NodeApiError(ctx.getNode(), { message: text });
	wrapped.message = text;
	return wrapped;
}
