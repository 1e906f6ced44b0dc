import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { findInCauses, httpError, isWrite, reconnectError, transportError } from './errors';
import { secretValues } from './redact';
import { coordinateRefresh, refreshSettled, tokenFingerprint } from './refreshCoordinator';
import { settleBeforeRefresh } from './refreshRace';
import type { ApiRequest, PagingStrategy, ProviderApi, RequestContext } from './types';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Reads are retried this many times after a 5xx, a timeout or a dropped connection. */
export const MAX_RETRIES = 3;
const BACKOFF_BASE_MS = 250;
/** Longest `Retry-After` we wait for inside one execution; longer ones fail with a clear error. */
export const MAX_RETRY_AFTER_MS = 60_000;

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

interface CallState {
	credentials: ICredentialDataDecryptedObject;
	credentialKey: string;
	baseUrl: string;
	secrets: string[];
}

const isRead = (request: ApiRequest) => !isWrite(request);

async function loadCredentials(ctx: RequestContext, api: ProviderApi): Promise<CallState> {
	const credentials = await ctx.getCredentials(api.credentialType);
	const node = ctx.getNode();
	let baseUrl: string;
	try {
		baseUrl = api.baseUrl(credentials).replace(/\/+$/, '');
		new URL(baseUrl);
	} catch {
		throw new NodeOperationError(
			node,
			`The ${api.displayName} credential has no valid API base URL`,
			{ description: 'Open the credential and check "Environment" and, for a custom environment, "API Base URL".' },
		);
	}
	return {
		credentials,
		// n8n's own refresh lock is keyed by credential id too; fall back to the type in contexts
		// (some load-options calls) that carry no id.
		credentialKey: `${api.credentialType}:${node.credentials?.[api.credentialType]?.id ?? 'unsaved'}`,
		baseUrl,
		secrets: secretValues(credentials),
	};
}

function accessTokenOf(credentials: ICredentialDataDecryptedObject): string {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	return typeof tokenData.access_token === 'string' ? tokenData.access_token : '';
}

/** An HTTP error that n8n threw (after its own refresh), turned back into a response. */
function responseFromError(error: unknown): IN8nHttpFullResponse | undefined {
	return findInCauses(error, (candidate) => {
		const response = candidate?.response;
		if (response && typeof response.status === 'number') {
			return {
				statusCode: response.status,
				headers: response.headers ?? {},
				body: response.data,
			} as IN8nHttpFullResponse;
		}
		return undefined;
	});
}

/**
 * Everything an error says about itself. n8n 1.x wraps errors in a NodeApiError whose `cause` is
 * dropped (a class field resets it), keeping only the message, the original message in `messages`
 * and `httpCode`; 2.x keeps causes. So failures are recognised by what they say, on every layer.
 */
function errorTexts(error: unknown): string {
	const texts: string[] = [];
	findInCauses(error, (candidate) => {
		for (const value of [candidate?.message, candidate?.code, candidate?.description, candidate?.body?.error]) {
			if (typeof value === 'string') texts.push(value);
		}
		if (Array.isArray(candidate?.messages)) texts.push(...candidate.messages.filter((m: unknown) => typeof m === 'string'));
		return undefined;
	});
	return texts.join('\n');
}

/** The token endpoint refused the grant: OAuth `invalid_grant`, or n8n 2.x's "reconnect" error. */
const GRANT_REJECTED = /invalid_grant|needs to be reconnected|or refresh token is invalid, expired, revoked/i;

/** The token endpoint refused the client (ID/secret, authentication method or scopes). */
const CLIENT_REJECTED: Array<[RegExp, string]> = [
	[/invalid_client|Client authentication failed/i, 'invalid_client (client authentication failed)'],
	[/unauthorized_client|client is not authorized to request/i, 'unauthorized_client (this grant type is not enabled for the client)'],
	[/invalid_scope|requested scope is invalid/i, 'invalid_scope (a requested scope is not allowed for the client)'],
];

function clientRejectedError(ctx: RequestContext, api: ProviderApi, texts: string): NodeOperationError | undefined {
	const match = CLIENT_REJECTED.find(([pattern]) => pattern.test(texts));
	if (!match) return undefined;
	return new NodeOperationError(ctx.getNode(), `${api.displayName} rejected the credential's client: ${match[1]}`, {
		description: 'Check the client ID, client secret, grant type and scopes of the credential.',
	});
}

const NETWORK_CODE = new RegExp(`\\b(${[...TRANSIENT_NETWORK_CODES].join('|')})\\b`);

function networkCode(error: unknown): string | undefined {
	const texts = errorTexts(error);
	const code = NETWORK_CODE.exec(texts)?.[1];
	if (code) return code;
	if (/socket hang up|connection was closed|ERR_STREAM_PREMATURE_CLOSE/i.test(texts)) return 'ECONNRESET';
	return /timeout of \d+ms exceeded|timed out/i.test(texts) ? 'ETIMEDOUT' : undefined;
}

async function send(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CallState,
	letN8nRefresh: boolean,
): Promise<IN8nHttpFullResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${state.baseUrl}${request.path}`,
		qs: request.qs,
		headers: { Accept: 'application/json' },
		// Bodies are parsed here, not by axios, so an HTML error page or broken JSON gets a clear error.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		// Only the request that leads a refresh lets n8n see a 401; see refreshCoordinator.ts.
		ignoreHttpStatusErrors: !letN8nRefresh,
		timeout: request.timeout ?? DEFAULT_TIMEOUT_MS,
	};
	if (request.body !== undefined) {
		options.body = request.body as IDataObject;
		options.headers!['Content-Type'] = 'application/json';
	}
	try {
		return (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			api.credentialType,
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

/**
 * Sends one request with the stored token; on a 401 makes sure exactly one request per
 * credential lets n8n refresh, and the rest retry with the refreshed token.
 */
async function sendAuthorized(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CallState,
	round = 0,
): Promise<IN8nHttpFullResponse> {
	await refreshSettled(state.credentialKey);
	// Re-read on every round: another execution or process may have stored a new token.
	const current = round === 0 ? state : await loadCredentials(ctx, api);
	const fingerprint = tokenFingerprint(accessTokenOf(current.credentials));

	// n8n fetches a missing client-credentials token before it sends a request, with no
	// de-duplication: one request leads (fetching the token), the others follow with it.
	if (!fingerprint && current.credentials.grantType === 'clientCredentials' && round === 0) {
		return await coordinateRefresh(
			state.credentialKey,
			async () => await send(ctx, api, request, current, false),
			async () => await sendAuthorized(ctx, api, request, state, round + 1),
		);
	}

	const response = await send(ctx, api, request, current, false);
	if (response.statusCode !== 401 || round > 0) return response;

	return await coordinateRefresh(
		state.credentialKey,
		async () => await sendLeading(ctx, api, request, current, fingerprint),
		async () => await sendAuthorized(ctx, api, request, state, round + 1),
	);
}

/**
 * The one request per credential that lets n8n refresh (or first fetch) the token. A write never
 * goes through n8n's internal retry (it would be sent twice, and n8n 1.x loses the answer of a
 * failed retry): a cheap probe read triggers the refresh and the write is sent once afterwards.
 */
async function sendLeading(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CallState,
	staleFingerprint: string,
): Promise<IN8nHttpFullResponse> {
	// Another execution or process (queue mode) may have refreshed since our request went out; its
	// token is already stored and the refresh token we hold may already be spent.
	let latest = await loadCredentials(ctx, api);
	if (staleFingerprint && tokenFingerprint(accessTokenOf(latest.credentials)) !== staleFingerprint) {
		const response = await send(ctx, api, request, latest, false);
		if (response.statusCode !== 401) return response;
	}
	// Other processes on the same database (queue-mode workers) may be about to refresh too: wait
	// for this process's turn, and use their token if it shows up meanwhile (see refreshRace.ts).
	if ((latest.credentials.oauthTokenData as IDataObject | undefined)?.refresh_token) {
		const held = tokenFingerprint(accessTokenOf(latest.credentials));
		const reload = async () => {
			latest = await loadCredentials(ctx, api);
			return tokenFingerprint(accessTokenOf(latest.credentials));
		};
		if (await settleBeforeRefresh(reload, held, { ticket: executionTicket(ctx) })) {
			const response = await send(ctx, api, request, latest, false);
			if (response.statusCode !== 401) return response;
		}
	}
	// A read may lead itself (sending it again is harmless if n8n's retry loses its answer); a write
	// is never handed to n8n's retry, a cheap probe read is.
	const leadsItself = isRead(request);
	const probe: ApiRequest = leadsItself
		? request
		: { ...api.tokenProbe, operation: request.operation, timeout: request.timeout };
	try {
		const response = await send(ctx, api, probe, latest, true);
		if (leadsItself) return response;
	} catch (error) {
		const texts = errorTexts(error);
		const clientProblem = clientRejectedError(ctx, api, texts);
		if (clientProblem) throw clientProblem;
		if (GRANT_REJECTED.test(texts)) {
			// Lost a refresh race against another process: it stored a working token, use that.
			const afterRace = await loadCredentials(ctx, api);
			if (tokenFingerprint(accessTokenOf(afterRace.credentials)) === tokenFingerprint(accessTokenOf(latest.credentials))) {
				throw reconnectError(ctx.getNode(), api);
			}
		} else if (networkCode(error)) {
			throw asNodeError(ctx, error);
		}
		// Anything else (n8n 1.x drops the answer of a failed retry): the request sent below, with
		// the token now stored, reports what is really wrong.
	}
	latest = await loadCredentials(ctx, api);
	return await send(ctx, api, request, latest, false);
}

/** The execution id, which orders refresh turns across processes; none when loading options. */
function executionTicket(ctx: RequestContext): string | undefined {
	return 'getExecutionId' in ctx && typeof ctx.getExecutionId === 'function' ? ctx.getExecutionId() : undefined;
}

function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function parseBody(raw: unknown): { ok: true; value: unknown } | { ok: false } {
	if (raw === undefined || raw === null) return { ok: true, value: undefined };
	if (typeof raw !== 'string') return { ok: true, value: raw };
	const text = raw.trim();
	if (text === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

function describeUnparseable(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (/^<(!doctype|html)/i.test(text)) return 'the answer was an HTML page instead of JSON';
	return 'the answer was not valid JSON';
}

/**
 * One API call: auth and refresh through n8n's credential, retries for reads, 429 back-off,
 * the provider's envelope unwrapped, and every failure as a NodeApiError that names the provider
 * and the operation and carries no secret.
 */
export async function apiRequest(this: RequestContext, api: ProviderApi, request: ApiRequest): Promise<unknown> {
	const node = this.getNode();
	const state = await loadCredentials(this, api);
	const read = isRead(request);

	for (let attempt = 0; ; attempt++) {
		const canRetry = attempt < MAX_RETRIES;
		let response: IN8nHttpFullResponse;
		try {
			response = await sendAuthorized(this, api, request, state);
		} catch (error) {
			// Already ours (a credential that needs reconnecting, a client the provider rejected).
			const ownError = error instanceof NodeOperationError ? error : undefined;
			if (ownError) throw ownError;
			// A token fetch n8n made before sending (first client-credentials token) can fail too.
			const clientProblem = clientRejectedError(this, api, errorTexts(error));
			if (clientProblem) throw clientProblem;
			if (GRANT_REJECTED.test(errorTexts(error))) throw reconnectError(node, api);
			const code = networkCode(error);
			if (code && read && canRetry) {
				await sleep(BACKOFF_BASE_MS * 2 ** attempt);
				continue;
			}
			if (error instanceof NodeApiError && !code) {
				throw transportError(node, api, request, error.message, state.secrets, { mayHaveApplied: !read });
			}
			const reason = code
				? `no answer from ${new URL(state.baseUrl).host} (${code})`
				: error instanceof Error
					? error.message
					: String(error);
			throw transportError(node, api, request, reason, state.secrets, {
				// A refused connection never reached the server; anything else may have.
				mayHaveApplied: code !== 'ECONNREFUSED',
				description: code
					? `Check that ${api.displayName} is reachable at ${state.baseUrl}${
							read ? ` (tried ${attempt + 1} times)` : ''
						}.`
					: undefined,
			});
		}

		const status = response.statusCode;
		if (status === 429) {
			// A rate-limited request was not processed, so writes may be resent too.
			const wait = retryAfterMs(response.headers as IDataObject) ?? BACKOFF_BASE_MS * 2 ** attempt;
			if (canRetry && wait <= MAX_RETRY_AFTER_MS) {
				await sleep(wait);
				continue;
			}
		} else if (status >= 500 && read && canRetry) {
			await sleep(BACKOFF_BASE_MS * 2 ** attempt);
			continue;
		}

		const parsed = parseBody(response.body);
		if (status >= 400) {
			const details = parsed.ok ? api.errorDetails(parsed.value) : {};
			if (!parsed.ok && !details.message) details.message = describeUnparseable(response.body);
			throw httpError(node, api, request, { status, details, mayHaveApplied: status >= 500 }, state.secrets);
		}
		if (!parsed.ok) {
			throw transportError(node, api, request, describeUnparseable(response.body), state.secrets, {
				description: `HTTP ${status} from ${state.baseUrl}${request.path}. Check the credential's API base URL.`,
			});
		}
		if (!api.unwrap) return parsed.value;
		const unwrapped = api.unwrap(parsed.value);
		if ('error' in unwrapped) {
			throw httpError(node, api, request, { status: unwrapped.status ?? status, details: unwrapped.error }, state.secrets);
		}
		return unwrapped.data;
	}
}

/**
 * Records of a list endpoint, page by page, fetched only as far as they are consumed: `limit`
 * (and a trigger that stops at its cursor) stop the paging early.
 */
export async function* paginate(
	this: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	paging: PagingStrategy,
	limit?: number,
): AsyncGenerator<IDataObject> {
	const seen = new Set<string>();
	let fetched = 0;
	let received = 0;
	for (let page = 0; ; page++) {
		const wanted = limit === undefined ? undefined : limit - fetched;
		const { qs, size } = paging.pageQuery(page, received, wanted);
		const data = await apiRequest.call(this, api, { ...request, qs: { ...request.qs, ...qs } });
		if (!Array.isArray(data)) {
			throw transportError(this.getNode(), api, request, 'the answer was not a list', []);
		}
		received += data.length;
		for (const record of data as IDataObject[]) {
			const key = paging.recordKey?.(record);
			if (key !== undefined) {
				if (seen.has(key)) continue;
				seen.add(key);
			}
			yield record;
			fetched++;
			if (limit !== undefined && fetched >= limit) return;
		}
		if (size === undefined || data.length < size) return;
	}
}

/** Collects what `paginate` yields: everything, or the first `limit` records. */
export async function collect(records: AsyncIterable<IDataObject>): Promise<IDataObject[]> {
	const result: IDataObject[] = [];
	for await (const record of records) result.push(record);
	return result;
}
