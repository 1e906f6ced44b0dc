import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sendAuthorized } from './auth';
import { preAuthenticationError, staticTokenRejectedError } from './credentialChoice';
import { cancelled, pauseCredential, withCredentialSlot } from './credentialLimiter';
import type { CredentialState } from './credentialState';
import { credentialsOfRun, currentSecrets, displayUrl, loadCredentials } from './credentialState';
import {
	clientRejectedError,
	httpError,
	isOwnError,
	isWrite,
	reconnectError,
	transportError,
	wasNotApplied,
} from './errors';
import { classifyFailure } from './failures';
import { cancelSignalOf } from './httpSend';
import { BACKOFF_BASE_MS, MAX_RETRIES, MAX_RETRY_AFTER_MS } from './limits';
import { waitUnless } from './wait';
import { describeUnparseable, parseBody, redactedBody, retryAfterMs } from './response';
import type { ApiRequest, ProviderApi, RequestContext } from './types';

/** Waits, unless the execution is cancelled first (n8n gives executions a cancel signal). */
async function wait(ctx: RequestContext, ms: number): Promise<void> {
	const signal = cancelSignalOf(ctx);
	if (!(await waitUnless(ms, () => signal?.aborted === true))) throw cancelled(ctx.getNode());
}

/**
 * One API call: auth and refresh through n8n's credential, retries for reads, 429 back-off,
 * the provider's envelope unwrapped, and every failure as an error that names the provider and
 * the operation and carries no secret.
 */
export async function apiRequest(this: RequestContext, api: ProviderApi, request: ApiRequest): Promise<unknown> {
	const read = !isWrite(request);
	let state = await credentialsOfRun(this, api);

	for (let attempt = 0; ; attempt++) {
		const canRetry = attempt < MAX_RETRIES;
		// A retry after a refresh elsewhere must not resend the token that was just replaced.
		if (attempt > 0) state = await loadCredentials(this, api);
		let response: IN8nHttpFullResponse;
		try {
			response = await withCredentialSlot(
				this.getNode(),
				state.credentialKey,
				async () => {
					// The lane may have held this request while a refresh stored a new token.
					state = await credentialsOfRun(this, api);
					return await sendAuthorized(this, api, request, state);
				},
				cancelSignalOf(this),
			);
		} catch (error) {
			const failure = classifyFailure(error);
			if (failure.kind === 'network' && read && canRetry && !isOwnError(error)) {
				await wait(this, BACKOFF_BASE_MS * 2 ** attempt);
				continue;
			}
			throw await requestFailed(this, api, request, state, error, attempt);
		}

		const status = response.statusCode;
		if (status === 429) {
			// A rate-limited request was not processed, so writes may be resent too.
			const delay = retryAfterMs(response.headers as IDataObject) ?? BACKOFF_BASE_MS * 2 ** attempt;
			if (canRetry && delay <= MAX_RETRY_AFTER_MS) {
				// Every request of this credential waits, not only this one: the limit is the account's.
				pauseCredential(state.credentialKey, Date.now() + delay);
				continue;
			}
		} else if (status >= 500 && read && canRetry) {
			await wait(this, BACKOFF_BASE_MS * 2 ** attempt);
			continue;
		}
		return await payloadOf(this, api, request, state, response);
	}
}

/** The payload of an answer, or the error it carries. */
async function payloadOf(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CredentialState,
	response: IN8nHttpFullResponse,
): Promise<unknown> {
	const node = ctx.getNode();
	const status = response.statusCode;
	if (status >= 400) {
		const secrets = await currentSecrets(ctx, api, state);
		const body = redactedBody(response.body, secrets);
		const parsed = parseBody(body);
		const details = parsed.ok ? api.errorDetails(parsed.value) : {};
		if (!parsed.ok && !details.message) details.message = describeUnparseable(body);
		// A rejected API token: name the credential instead of advising a reconnect (that is OAuth2's).
		const tokenRejected = status === 401 && staticTokenRejectedError(ctx, api, state.choice, request, details, secrets);
		if (tokenRejected) throw tokenRejected;
		throw httpError(node, api, request, { status, details, mayHaveApplied: status >= 500 }, secrets);
	}
	const parsed = parseBody(response.body);
	if (!parsed.ok) {
		throw transportError(node, api, request, describeUnparseable(response.body), [], {
			description: `HTTP ${status} from ${displayUrl(state.baseUrl)}${request.path}. Check the credential's API base URL.`,
		});
	}
	// An empty answer to a write (204) has no envelope to unwrap: the write succeeded.
	if (!api.unwrap || parsed.value === undefined) return parsed.value;
	const unwrapped = api.unwrap(parsed.value);
	if ('error' in unwrapped) {
		const secrets = await currentSecrets(ctx, api, state);
		throw httpError(node, api, request, { status: unwrapped.status ?? status, details: unwrapped.error }, secrets);
	}
	return unwrapped.data;
}

/** A request that got no usable answer, as the error a user reads. */
async function requestFailed(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CredentialState,
	error: unknown,
	attempt: number,
): Promise<unknown> {
	const node = ctx.getNode();
	// Already complete: a credential that needs reconnecting, a refused redirect, a hung token endpoint.
	if (isOwnError(error) || error instanceof NodeOperationError) return error;
	// The first token exchange, run by n8n before the request, failed.
	const exchangeProblem = preAuthenticationError(ctx, api, state.choice, error, state.secrets);
	if (exchangeProblem) return exchangeProblem;
	const failure = classifyFailure(error);
	if (failure.kind === 'cancelled') return error;
	// A token fetch n8n made before sending (first client-credentials token) can fail too.
	if (failure.kind === 'clientRejected') return clientRejectedError(node, api, failure.reason, request);
	if (failure.kind === 'grantRejected') return reconnectError(node, api, request);
	const secrets = await currentSecrets(ctx, api, state);
	const where = displayUrl(state.baseUrl);
	// A 401 whose token could not be renewed, or a refused connection: the provider never processed it.
	const notApplied = wasNotApplied(error) || (failure.kind === 'network' && failure.code === 'ECONNREFUSED');
	if (failure.kind !== 'network') {
		const text = error instanceof Error ? error.message : String(error);
		return transportError(node, api, request, text, secrets, { mayHaveApplied: !notApplied, notApplied });
	}
	return transportError(node, api, request, `no answer from ${new URL(state.baseUrl).host} (${failure.code})`, secrets, {
		mayHaveApplied: !notApplied,
		notApplied,
		description: `Check that ${api.displayName} is reachable at ${where}${
			isWrite(request) ? '' : ` (tried ${attempt + 1} times)`
		}.`,
	});
}
