import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { CredentialState } from './credentialState';
import { accessTokenOf } from './credentialState';
import { responseFromError } from './failures';
import { DEFAULT_TIMEOUT_MS, MAX_REDIRECTS } from './limits';
import { headerOf } from './response';
import type { ApiRequest, ProviderApi, RequestContext } from './types';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface SendOptions {
	/** Only the request that leads a refresh lets n8n see a 401; see auth.ts. */
	letN8nRefresh: boolean;
}

/** The execution's cancel signal, where n8n gives one (executions, not list searches or polls). */
export function cancelSignalOf(ctx: RequestContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
}

/**
 * One HTTP exchange through n8n's credential (auth header, n8n's own refresh where allowed).
 * Redirects are followed here, not by n8n: n8n keeps the Authorization header when a redirect
 * leads to another origin, and would re-send a write's body there on a 307/308. Within the API's
 * origin a redirect is followed (303, and 301/302 after a write, become a GET as browsers do);
 * to any other origin it is refused and nothing is sent there.
 */
export async function send(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CredentialState,
	options: SendOptions,
): Promise<IN8nHttpFullResponse> {
	let url = `${state.baseUrl}${request.path}`;
	let method: IHttpRequestMethods = request.method;
	let qs = request.qs;
	let body = request.body;
	for (let hop = 0; ; hop++) {
		const response = await sendOnce(ctx, state, { url, method, qs, body, timeout: request.timeout }, options);
		const location = headerOf(response.headers as IDataObject, 'location');
		if (!REDIRECTS.has(response.statusCode) || !location) return response;

		const target = new URL(location, new URL(url));
		if (target.origin !== state.origin) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${api.displayName} redirected the request to another site (${target.origin}); it was not followed`,
				{
					description: `Credentials are only ever sent to ${state.origin}. Check the credential's environment and API base URL; a provider that moved its API needs the new URL there.`,
				},
			);
		}
		if (hop >= MAX_REDIRECTS) {
			throw new NodeOperationError(ctx.getNode(), `${api.displayName} redirected the request more than ${MAX_REDIRECTS} times`, {
				description: `Check the credential's API base URL (${state.origin}).`,
			});
		}
		const keepsMethod = response.statusCode === 307 || response.statusCode === 308;
		if (!keepsMethod && (response.statusCode === 303 || method !== 'GET')) {
			method = 'GET';
			body = undefined;
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

/**
 * The OAuth2 access token to send as n8n would (`Authorization: Bearer`), when n8n would do
 * nothing else for this request: a token is stored, it is a bearer token, and no refresh is due.
 */
function bearerTokenOf(state: CredentialState, { letN8nRefresh }: SendOptions): string | undefined {
	if (letN8nRefresh || state.choice.renewal !== 'oAuth2') return undefined;
	const tokenType = (state.credentials.oauthTokenData as IDataObject | undefined)?.token_type;
	if (tokenType !== undefined && String(tokenType).toLowerCase() !== 'bearer') return undefined;
	return accessTokenOf(state.credentials) || undefined;
}

async function sendOnce(
	ctx: RequestContext,
	state: CredentialState,
	exchange: Exchange,
	sendOptions: SendOptions,
): Promise<IN8nHttpFullResponse> {
	const { letN8nRefresh } = sendOptions;
	const options: IHttpRequestOptions = {
		method: exchange.method,
		url: exchange.url,
		qs: exchange.qs,
		headers: { Accept: 'application/json' },
		// Bodies are parsed here, not by axios, so an HTML error page or broken JSON gets a clear error.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: !letN8nRefresh,
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
		const bearerToken = bearerTokenOf(state, sendOptions);
		if (bearerToken !== undefined) {
			options.headers!.Authorization = `Bearer ${bearerToken}`;
			return (await ctx.helpers.httpRequest(options)) as IN8nHttpFullResponse;
		}
		return (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			state.choice.type,
			options,
		)) as IN8nHttpFullResponse;
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
