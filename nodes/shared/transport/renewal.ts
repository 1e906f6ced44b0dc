import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { ABANDONED_RENEWAL_MS, DEFAULT_TIMEOUT_MS, RENEWAL_WAIT_MS } from '../limits';
import type { ApiRequest, ProviderApi, RequestContext } from '../provider';
import { classifyFailure, isProgrammingError } from './classifyFailure';
import type { CredentialState } from './credential';
import { readCredential } from './credential';
import { renewThroughN8n } from './n8nRenewal';
import { redact } from './redact';
import type { Refusal } from './refusals';
import { knownRefusal, refusalOf, rememberRefusal, tokenStoredMeanwhile } from './refusals';
import { cancelSignalOf } from './send';
import { TURN_CYCLE_MS, turnSlot, waitForTurn } from './turns';
import { waitUnless } from './wait';

/**
 * One renewal per credential in this process: claimed by the first request that needs it, led by
 * that request (the stored credential first, a turn where processes race, then n8n's renewal), and
 * waited for by every other request (refresh.ts decides what a request does with its outcome).
 */
export type RenewalOutcome =
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

export interface Renewal {
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
 * The renewal of this credential under way, or a new one led by this request. The look-up and the
 * claim happen in one synchronous step, so two requests can never both lead.
 */
export function renewalOf(
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
export async function awaitRenewal(renewal: Renewal, signal: AbortSignal | undefined): Promise<RenewalOutcome | 'timedOut'> {
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
