import { FRESH_TOKEN_MS } from '../limits';
import type { ApiRequest, ProviderApi, RequestContext } from '../provider';
import { classifyFailure } from './classifyFailure';
import type { CredentialState } from './credential';
import { clientRejectedError, preAuthenticationError, reconnectError } from './nodeErrors';

/**
 * What this process remembers of refused renewals, so that later runs fail at once instead of
 * spending another token request on a renewal that cannot succeed. Only fingerprints of tokens are
 * kept here, never tokens.
 */

/** Why a renewal cannot succeed however often it is tried. */
export type Refusal =
	| { kind: 'grant' }
	| { kind: 'client'; reason: string }
	/** A token exchange the credential's own code refused; its error says why in its own words. */
	| { kind: 'exchange'; cause: unknown };

/** The last refused renewal per credential, by the tokens it was refused with. */
const refusals = new Map<string, { tokenFingerprint: string; renewalFingerprint: string; refusal: Refusal }>();

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

/** The refusal remembered for this credential, if it was refused with the very tokens it holds now. */
export function knownRefusal(state: CredentialState): Refusal | undefined {
	const known = refusals.get(state.credentialKey);
	if (!known) return undefined;
	if (known.tokenFingerprint !== state.tokenFingerprint || known.renewalFingerprint !== state.renewalFingerprint) {
		// The credential changed (reconnected, or renewed elsewhere): the refusal no longer applies.
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
	});
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
export function refusalOf(ctx: RequestContext, api: ProviderApi, state: CredentialState, error: unknown): Refusal | undefined {
	if (state.choice.renewal === 'preAuthentication') {
		return preAuthenticationError(ctx.getNode(), api, state.choice.type, error, state.secrets)
			? { kind: 'exchange', cause: error }
			: undefined;
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
