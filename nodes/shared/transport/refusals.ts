import { CLIENT_REFUSAL_MEMORY_MS, FRESH_TOKEN_MS, REFUSED_REFRESH_RECHECK_MS, REFUSED_REFRESH_RECHECKS } from '../limits';
import type { ApiRequest, ProviderApi, RequestContext } from '../provider';
import { PRE_AUTHENTICATION_REFUSED } from '../provider';
import { classifyFailure } from './classifyFailure';
import type { CredentialState } from './credential';
import { readCredential } from './credential';
import { clientRejectedError, preAuthenticationError, preAuthenticationReason, reconnectError } from './nodeErrors';
import { cancelSignalOf } from './send';
import { waitUnless } from './wait';

/**
 * What this process remembers of refused renewals, so that later runs fail at once instead of
 * spending another token request on a renewal that cannot succeed. A refusal holds for the
 * credential exactly as it was refused (every input of the renewal, by fingerprint: never a secret
 * here), since n8n keeps the stored tokens when a credential is edited; a refusal of the client or
 * of a token exchange also ends after `CLIENT_REFUSAL_MEMORY_MS`, since the provider may lift it
 * with nothing in the credential changing. Only an answer that refuses is a refusal: no answer, a
 * 5xx or `temporarily_unavailable` is a passing failure, never remembered.
 */

/** Why a renewal cannot succeed however often it is tried. */
export type Refusal =
	| { kind: 'grant' }
	| { kind: 'client'; reason: string }
	/** A token exchange the credential's own code refused; its error says why in its own words. */
	| { kind: 'exchange'; cause: unknown };

/** The last refused renewal per credential, by what it was refused with; `until` when it ends. */
const refusals = new Map<string, { tokenFingerprint: string; renewalFingerprint: string; refusal: Refusal; until?: number }>();

/** Tokens refused right after a renewal: a 401 for another reason (permissions). */
const refusedAfterRenewal = new Map<string, { tokenFingerprint: string; until: number }>();

/** The error for a renewal that is known to be refused, so nothing is sent with the dead token. */
export function knownRefusalError(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CredentialState,
): Error | undefined {
	const refusal = knownRefusal(state);
	return refusal && refusalError(ctx, api, request, state, refusal);
}

/** The refusal remembered for this credential, if it was refused with the very inputs it holds now. */
export function knownRefusal(state: CredentialState): Refusal | undefined {
	const known = refusals.get(state.credentialKey);
	if (!known) return undefined;
	const changed = known.tokenFingerprint !== state.tokenFingerprint || known.renewalFingerprint !== state.renewalFingerprint;
	if (changed || (known.until !== undefined && known.until <= Date.now())) {
		// The credential changed (edited, reconnected, renewed elsewhere), or the refusal is old.
		refusals.delete(state.credentialKey);
		return undefined;
	}
	return known.refusal;
}

/** Remembers that renewing `state` was refused, for the runs after this one. */
export function rememberRefusal(state: CredentialState, refusal: Refusal): void {
	refusals.set(state.credentialKey, {
		tokenFingerprint: state.tokenFingerprint,
		renewalFingerprint: state.renewalFingerprint,
		refusal,
		until: refusal.kind === 'grant' ? undefined : Date.now() + CLIENT_REFUSAL_MEMORY_MS,
	});
}

/**
 * Whether a new token was stored after this process's refresh was refused. Processes sharing a
 * database without queue mode do not take turns (turns.ts): the refresh token may have been spent
 * by one that saves its new token a moment after the provider refused this one.
 */
export async function tokenStoredMeanwhile(ctx: RequestContext, api: ProviderApi, refused: CredentialState): Promise<boolean> {
	const signal = cancelSignalOf(ctx);
	for (let check = 0; check < REFUSED_REFRESH_RECHECKS; check++) {
		if (!(await waitUnless(REFUSED_REFRESH_RECHECK_MS, () => signal?.aborted === true))) return false;
		const stored = await readCredential(ctx, api);
		if (stored.tokenFingerprint !== '' && stored.tokenFingerprint !== refused.tokenFingerprint) return true;
	}
	return false;
}

/** A token that was refused right after it was renewed: its 401s are about permissions. */
export function markRefusedAfterRenewal(state: CredentialState): void {
	if (state.tokenFingerprint) {
		refusedAfterRenewal.set(state.credentialKey, { tokenFingerprint: state.tokenFingerprint, until: Date.now() + FRESH_TOKEN_MS });
	}
}

export function wasRefusedAfterRenewal(state: CredentialState): boolean {
	const entry = refusedAfterRenewal.get(state.credentialKey);
	if (!entry || entry.until < Date.now()) {
		refusedAfterRenewal.delete(state.credentialKey);
		return false;
	}
	return entry.tokenFingerprint === state.tokenFingerprint;
}

/** The refusal `error` of a renewal says, if it says the renewal cannot succeed. */
export function refusalOf(state: CredentialState, error: unknown): Refusal | undefined {
	if (state.choice.renewal === 'preAuthentication') {
		// Only the credential's own code can tell a refusal from a passing failure of its exchange.
		return preAuthenticationReason(error)?.prefix === PRE_AUTHENTICATION_REFUSED ? { kind: 'exchange', cause: error } : undefined;
	}
	const failure = classifyFailure(error);
	if (failure.kind === 'grantRejected') return { kind: 'grant' };
	if (failure.kind === 'clientRejected') return { kind: 'client', reason: failure.reason };
	return undefined;
}

export function refusalError(ctx: RequestContext, api: ProviderApi, request: ApiRequest, state: CredentialState, refusal: Refusal): Error {
	const node = ctx.getNode();
	if (refusal.kind === 'client') return clientRejectedError(node, api, refusal.reason, request);
	if (refusal.kind === 'exchange') {
		const exchange = preAuthenticationError(node, api, state.choice.type, refusal.cause, state.secrets);
		if (exchange) return exchange;
	}
	return reconnectError(node, api, state.choice.type, request);
}
