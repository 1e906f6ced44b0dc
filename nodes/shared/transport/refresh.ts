import type { IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ABANDONED_RENEWAL_MS, DEFAULT_TIMEOUT_MS, MAX_RENEWAL_LEADS, RENEWAL_WAIT_MS } from '../limits';
import type { ApiRequest, ProviderApi, RequestContext } from '../provider';
import { classifyFailure, isProgrammingError } from './classifyFailure';
import type { CredentialState } from './credential';
import { credentialOfRun, readCredential } from './credential';
import {
	firstTokenTimeoutError,
	renewalBrokenError,
	renewalFailedError,
	tokenTimeoutError,
} from './nodeErrors';
import { renewThroughN8n } from './n8nRenewal';
import { redact } from './redact';
import type { Refusal } from './refusals';
import { knownRefusal, refusalError, refusalOf, rememberRefusal, tokenStoredMeanwhile } from './refusals';
import { cancelSignalOf } from './send';
import { TURN_CYCLE_MS, turnSlot, waitForTurn } from './turns';
import { waitUnless } from './wait';

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

type RenewalOutcome =
	| { kind: 'renewed' }
	| { kind: 'refused'; refusal: Refusal }
	/** A passing failure: another request may lead the next try. */
	| { kind: 'failed'; reason: string }
	/** The leading request's execution was cancelled before the renewal started. */
	| { kind: 'cancelled' }
	/** A token exchange's probe was answered with the token as it is: the 401 was for another reason. */
	| { kind: 'accepted' }
	/** Not a token endpoint's failure: a programming error or a missing n8n helper. Never retried. */
	| { kind: 'broken'; error: unknown };

interface Renewal {
	outcome: Promise<RenewalOutcome>;
	/** The answer to the leading request, where the renewal was that request (a first token)... */
	leaderResponse?: IN8nHttpFullResponse;
	/** ...or what it failed with after the token was stored: its own failure, never sent again here. */
	leaderError?: unknown;
	startedAt: number;
	/** How long a request may wait for it: a turn across processes comes on top of the token request. */
	waitMs: number;
	/** The renewal sends the leading request itself (a first token), so that request may be applied. */
	sendsRequest: boolean;
}

/** The renewal under way per credential. It stays until n8n's token request settles, never shorter. */
const renewals = new Map<string, Renewal>();

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
		if (outcome.kind === 'cancelled' && signal?.aborted) throw cancelled(ctx);
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

/**
 * The renewal of this credential under way, or a new one led by this request. The look-up and the
 * claim happen in one synchronous step, so two requests can never both lead.
 */
function renewalOf(
	ctx: RequestContext,
	api: ProviderApi,
	stale: CredentialState,
	sentByLead: ApiRequest | undefined,
): { renewal: Renewal; leading: boolean } {
	const running = renewals.get(stale.credentialKey);
	if (running && Date.now() - running.startedAt < ABANDONED_RENEWAL_MS) return { renewal: running, leading: false };
	const spendsRefreshToken = stale.choice.renewal === 'oAuth2' && stale.credentials.grantType !== 'clientCredentials';
	const slot = spendsRefreshToken ? turnSlot(ctx, stale) : undefined;
	const sendsRequest = sentByLead !== undefined && stale.tokenFingerprint === '';
	const renewal: Renewal = {
		startedAt: Date.now(),
		// A renewal that sends the leading request itself also takes as long as that request may.
		waitMs:
			RENEWAL_WAIT_MS +
			(slot === undefined ? 0 : TURN_CYCLE_MS) +
			(sendsRequest ? (sentByLead.timeout ?? DEFAULT_TIMEOUT_MS) : 0),
		sendsRequest,
		outcome: Promise.resolve({ kind: 'failed', reason: '' }),
	};
	// The token request's own failures are settled inside `lead`; what escapes it is no token
	// endpoint's doing (a credential that cannot be read, a bug).
	renewal.outcome = lead(ctx, api, stale, slot, renewal, sentByLead).catch((error: unknown) => ({
		kind: 'broken' as const,
		error,
	}));
	renewals.set(stale.credentialKey, renewal);
	void renewal.outcome.then(() => {
		if (renewals.get(stale.credentialKey) === renewal) renewals.delete(stale.credentialKey);
	});
	return { renewal, leading: true };
}

/** Waits for a renewal, no longer than it may take and not past the execution's cancellation. */
async function awaitRenewal(renewal: Renewal, signal: AbortSignal | undefined): Promise<RenewalOutcome | 'timedOut'> {
	let over = false;
	const deadline = waitUnless(renewal.waitMs, () => over || signal?.aborted === true).then((full) =>
		full ? ('timedOut' as const) : ({ kind: 'cancelled' } as const),
	);
	try {
		return await Promise.race([renewal.outcome, deadline]);
	} finally {
		over = true;
	}
}

/**
 * The renewal itself: the stored credential first (another execution or process may have renewed
 * it already), this execution's turn where processes race, then n8n's renewal.
 */
async function lead(
	ctx: RequestContext,
	api: ProviderApi,
	stale: CredentialState,
	slot: number | undefined,
	renewal: Renewal,
	sentByLead: ApiRequest | undefined,
): Promise<RenewalOutcome> {
	const signal = cancelSignalOf(ctx);
	const renewedSince = (state: CredentialState) =>
		state.tokenFingerprint !== '' && state.tokenFingerprint !== stale.tokenFingerprint;

	let before = await readCredential(ctx, api);
	if (renewedSince(before)) return { kind: 'renewed' };
	const known = knownRefusal(before);
	if (known) return { kind: 'refused', refusal: known };
	if (slot !== undefined) {
		const turn = await waitForTurn(ctx, api, slot, stale.tokenFingerprint, () => signal?.aborted === true);
		if (turn.kind === 'cancelled') return { kind: 'cancelled' };
		if (turn.kind === 'renewedElsewhere') return { kind: 'renewed' };
		before = await readCredential(ctx, api);
	}

	let caught: unknown;
	let probeAccepted = false;
	try {
		const done = await renewThroughN8n(ctx, api, before, sentByLead);
		renewal.leaderResponse = done.response;
		probeAccepted = done.probeAccepted === true;
	} catch (error) {
		caught = error;
		if (sentByLead && before.tokenFingerprint === '') renewal.leaderError = error;
	}
	const after = await readCredential(ctx, api);
	// Also when n8n failed: another process may have stored its token meanwhile.
	if (renewedSince(after)) return { kind: 'renewed' };
	if (probeAccepted) return { kind: 'accepted' };
	if (caught === undefined) return { kind: 'failed', reason: 'no new access token was stored' };
	if (isProgrammingError(caught)) return { kind: 'broken', error: caught };

	const refusal = refusalOf(before, caught);
	if (refusal) {
		if (refusal.kind === 'grant' && (await tokenStoredMeanwhile(ctx, api, before))) return { kind: 'renewed' };
		rememberRefusal(before, refusal);
		return { kind: 'refused', refusal };
	}
	if (classifyFailure(caught).kind === 'cancelled') return { kind: 'cancelled' };
	return { kind: 'failed', reason: reasonOf(caught, before) };
}

/** What a failed token request said, short and without secrets. */
function reasonOf(error: unknown, state: CredentialState): string {
	const text = error instanceof Error ? error.message : String(error);
	return redact(text, state.secrets).slice(0, 200);
}

/** The credential after a renewal: as this run already read it, or read again. */
async function storedAfter(ctx: RequestContext, api: ProviderApi, stale: CredentialState): Promise<CredentialState> {
	const known = await credentialOfRun(ctx, api);
	return known.tokenFingerprint !== stale.tokenFingerprint ? known : await readCredential(ctx, api);
}

function cancelled(ctx: RequestContext): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), 'The execution was cancelled while the access token was being renewed');
}
