import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BACKOFF_BASE_MS, MAX_RETRIES, MAX_RETRY_AFTER_MS } from '../limits';
import type { ApiRequest, ProviderApi, RequestContext } from '../provider';
import { classifyFailure } from './classifyFailure';
import type { CredentialState } from './credential';
import { credentialOfRun, currentSecrets, displayUrl } from './credential';
import { cancelled, pauseCredential, withCredentialSlot } from './lanes';
import { clientRejectedError, preAuthenticationError, reconnectError, staticTokenRejectedError } from './nodeErrors';
import { isOwnError } from './ownErrors';
import { renewToken, sendWithFirstToken } from './refresh';
import { knownRefusalError, markRefusedAfterRenewal, wasRefusedAfterRenewal } from './refusals';
import { describeUnparseable, parseBody, redactedBody, retryAfterMs } from './response';
import { httpError, transportError } from './requestErrors';
import { cancelSignalOf, send } from './send';
import { waitUnless } from './wait';
import { isWrite, wasNotApplied } from './writeOutcome';

/** Waits, unless the execution is cancelled first (n8n gives executions a cancel signal). */
async function wait(ctx: RequestContext, ms: number): Promise<void> {
	const signal = cancelSignalOf(ctx);
	if (!(await waitUnless(ms, () => signal?.aborted === true))) throw cancelled(ctx.getNode());
}

/**
 * One API call: the credential's token (renewed after a 401, see refresh.ts), retries for reads,
 * 429 back-off, the provider's envelope unwrapped, and every failure as an error that names the
 * provider and the operation and carries no secret.
 */
export async function apiRequest(this: RequestContext, api: ProviderApi, request: ApiRequest): Promise<unknown> {
	const read = !isWrite(request);
	let state = await credentialOfRun(this, api);
	// A renewal after a 401 happens once per call; a second 401 with the new token is the answer.
	let renewed = false;

	for (let attempt = 0; ; attempt++) {
		const canRetry = attempt < MAX_RETRIES;
		let response: IN8nHttpFullResponse;
		try {
			response = await withCredentialSlot(
				this,
				state.credentialKey,
				async () => {
					// The lane may have held this request while another renewed the token.
					state = await credentialOfRun(this, api);
					const refused = knownRefusalError(this, api, request, state);
					if (refused) throw refused;
					if (!state.tokenFingerprint && state.choice.renewal !== 'none') {
						const first = await sendWithFirstToken(this, api, request, state);
						state = first.state;
						if (first.response) return first.response;
					}
					return await send(this, api, request, state);
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
		let accepted = false;
		if (status === 401 && state.choice.renewal !== 'none' && !renewed && !wasRefusedAfterRenewal(state)) {
			// The provider refused the token before processing the request: renew it and send again.
			// The resend is not a retry: it leaves the read's retries for the faults they are for.
			const renewal = await renewToken(this, api, request, state);
			// A token checked and accepted as it is: the 401 was for another reason and is the answer.
			accepted = renewal.accepted === true;
			if (!accepted) {
				state = renewal.state;
				renewed = true;
				attempt--;
				continue;
			}
		}
		if (status === 401 && (renewed || accepted)) markRefusedAfterRenewal(state);
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
		const secrets = await currentSecrets(ctx, state);
		const body = redactedBody(response.body, secrets);
		const parsed = parseBody(body);
		const details = parsed.ok ? api.errorDetails(parsed.value) : {};
		if (!parsed.ok && !details.message) details.message = describeUnparseable(body);
		// A rejected API token: name the credential instead of advising a reconnect (that is OAuth2's).
		if (status === 401 && state.choice.renewal === 'none') {
			throw staticTokenRejectedError(node, api, state.choice, request, details, secrets);
		}
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
		const secrets = await currentSecrets(ctx, state);
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
	// Already complete: a credential that needs reconnecting, a refused redirect, a renewal that failed.
	if (isOwnError(error) || error instanceof NodeOperationError) return error;
	// A token exchange n8n ran before sending the request failed.
	if (state.choice.renewal === 'preAuthentication') {
		const exchange = preAuthenticationError(node, api, state.choice.type, error, state.secrets);
		if (exchange) return exchange;
	}
	const failure = classifyFailure(error);
	if (failure.kind === 'cancelled') return error;
	if (failure.kind === 'clientRejected') return clientRejectedError(node, api, failure.reason, request);
	if (failure.kind === 'grantRejected') return reconnectError(node, api, state.choice.type, request);
	const secrets = await currentSecrets(ctx, state);
	const where = displayUrl(state.baseUrl);
	// A refused connection: the provider never saw the request.
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
