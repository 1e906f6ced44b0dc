import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { MAX_RENEWAL_LEADS } from '../limits';
import type { ApiRequest, ProviderApi, RequestContext } from '../provider';
import type { CredentialState } from './credential';
import { credentialOfRun, readCredential } from './credential';
import { cancelled } from './lanes';
import { firstTokenTimeoutError, renewalBrokenError, renewalFailedError, tokenTimeoutError } from './nodeErrors';
import { refusalError } from './refusals';
import { awaitRenewal, renewalOf } from './renewal';
import { cancelSignalOf } from './send';

/**
 * Renewing an access token after a 401 (or fetching the first one), once per credential in this
 * process.
 *
 * n8n renews OAuth2 tokens itself, but 1.x does it inside every request that gets a 401, with no
 * lock: ten requests with an expired token spend the same single-use refresh token ten times, and
 * all but the first break the credential. So requests never let n8n see a 401 (send.ts); the
 * first request of a credential that gets one leads a renewal through n8n's own
 * `refreshOAuth2Token` helper (which renews and saves the token exactly as n8n's 401 handling
 * would), and every other request of the credential waits for it and retries with the stored token.
 * A lead that fails for a passing reason (a 5xx or a dropped connection at the token endpoint) is
 * taken over by the next waiting request, at most `MAX_RENEWAL_LEADS` times; a refused grant or
 * client ends every waiting request at once and is remembered, so later runs fail at once instead
 * of spending another token request on it. Processes sharing a database take turns where n8n does
 * not coordinate them (turns.ts). Only fingerprints of tokens are kept here, never tokens.
 */

/**
 * A token to send instead of `stale`, whose token got a 401, or the error that says why there is
 * none. Joins the renewal of the credential under way, or leads one.
 */
export async function renewToken(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	stale: CredentialState,
): Promise<{ state: CredentialState; accepted?: boolean }> {
	return await settleRenewal(ctx, api, request, stale);
}

/**
 * `request` sent with a token where none is stored yet (client credentials, a token exchange): n8n
 * gets one before it sends a request, with no de-duplication, so the first request of the
 * credential is sent through n8n, which gets the token first, and its answer is its own; the others
 * wait for the token and come back without an answer, to send themselves.
 */
export async function sendWithFirstToken(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CredentialState,
): Promise<{ state: CredentialState; response?: IN8nHttpFullResponse }> {
	return await settleRenewal(ctx, api, request, state, request);
}

async function settleRenewal(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	stale: CredentialState,
	sentByLead?: ApiRequest,
): Promise<{ state: CredentialState; response?: IN8nHttpFullResponse; accepted?: boolean }> {
	const node = ctx.getNode();
	const signal = cancelSignalOf(ctx);
	let current = stale;
	let lastFailure = '';
	for (let lead = 0; lead < MAX_RENEWAL_LEADS; lead++) {
		const { renewal, leading } = renewalOf(ctx, api, current, sentByLead);
		const outcome = await awaitRenewal(renewal, signal);
		// A leading request that goes out with the token may yet be applied: never "not applied" then.
		const mayBeSent = leading && renewal.sendsRequest;
		if (outcome === 'timedOut') {
			throw (mayBeSent ? firstTokenTimeoutError : tokenTimeoutError)(node, api, current.choice.type, request, renewal.waitMs);
		}
		// The leading request was sent and answered: that is its answer, whatever became of the token.
		if (leading && renewal.leaderResponse) return { state: await storedAfter(ctx, api, current), response: renewal.leaderResponse };
		if (outcome.kind === 'refused') throw refusalError(ctx, api, request, current, outcome.refusal);
		if (outcome.kind === 'broken') {
			const applied = mayBeSent ? 'maybe' : 'no';
			throw renewalBrokenError(node, api, current.choice.type, request, outcome.error, { secrets: current.secrets, applied });
		}
		if (outcome.kind === 'accepted') {
			// The token accepted is the one stored now; a request refused with an older one sends again.
			const latest = await storedAfter(ctx, api, current);
			if (latest.tokenFingerprint === current.tokenFingerprint || latest.tokenFingerprint === '') {
				return { state: current, accepted: true };
			}
			return { state: latest };
		}
		if (outcome.kind === 'cancelled' && signal?.aborted) throw cancelled(ctx.getNode(), 'the access token was being renewed');
		if (outcome.kind === 'renewed') {
			const latest = await storedAfter(ctx, api, current);
			if (latest.tokenFingerprint !== '' && latest.tokenFingerprint !== current.tokenFingerprint) {
				if (leading && renewal.leaderError !== undefined) throw renewal.leaderError;
				return { state: latest };
			}
			// The renewal joined was for an older token than the one this request was refused with.
			current = latest;
			continue;
		}
		if (outcome.kind === 'failed') lastFailure = outcome.reason;
	}
	throw renewalFailedError(node, api, current.choice.type, request, lastFailure || 'the token endpoint kept failing', current.secrets);
}

/** The credential after a renewal: as this run already read it, or read again. */
async function storedAfter(ctx: RequestContext, api: ProviderApi, stale: CredentialState): Promise<CredentialState> {
	const known = await credentialOfRun(ctx, api);
	return known.tokenFingerprint !== stale.tokenFingerprint ? known : await readCredential(ctx, api);
}
