import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { preAuthenticationError } from './credentialChoice';
import type { CredentialState } from './credentialState';
import { accessTokenOf, credentialsOfRun, loadCredentials } from './credentialState';
import {
	clientRejectedError,
	isWrite,
	markNotApplied,
	reconnectError,
	tokenTimeoutError,
	transportError,
} from './errors';
import type { Failure } from './failures';
import { classifyFailure } from './failures';
import { send } from './httpSend';
import { DEFAULT_TIMEOUT_MS, FRESH_TOKEN_MS, MAX_REFRESH_LEADS, REFRESH_BUDGET_TIMEOUTS } from './limits';
import type { LeadResult } from './refreshCoordinator';
import {
	joinRefresh,
	markRefusedAfterRefresh,
	refreshSettled,
	tokenFingerprint,
	wasRefusedAfterRefresh,
} from './refreshCoordinator';
import { MAX_REFRESH_TURN_WAIT_MS, REFRESH_SLOTS, refreshSlot, settleBeforeRefresh } from './refreshRace';
import type { ApiRequest, ProviderApi, RequestContext } from './types';

type Response = IN8nHttpFullResponse;

const fingerprintOf = (state: CredentialState) => tokenFingerprint(accessTokenOf(state.credentials));

/**
 * Sends one request with the stored token. A 401 starts a refresh wave in which exactly one
 * request per credential lets n8n refresh (or first fetch) the token and the others wait for it;
 * see refreshCoordinator.ts for why.
 */
export async function sendAuthorized(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	initial: CredentialState,
): Promise<Response> {
	// A refresh under way will store a new token: wait for it rather than spend a 401 on the old one.
	const state = (await refreshSettled(initial.credentialKey)) ? await storedAfterRefresh(ctx, api, fingerprintOf(initial)) : initial;
	const fingerprint = fingerprintOf(state);

	// n8n fetches a missing client-credentials token (or runs a token exchange) before it sends a
	// request, with no de-duplication: one request leads (fetching the token), the others follow.
	const fetchesFirstToken =
		state.credentials.grantType === 'clientCredentials' || state.choice.renewal === 'preAuthentication';
	if (!fingerprint && fetchesFirstToken) {
		return await refreshWave(ctx, api, request, state, undefined);
	}
	const response = await send(ctx, api, request, state, { letN8nRefresh: false });
	// A static API token cannot be renewed: its 401 is final.
	if (response.statusCode !== 401 || state.choice.renewal === 'none') return response;
	// This very token was refused right after it was issued: the 401 is about permissions.
	if (wasRefusedAfterRefresh(state.credentialKey, fingerprint)) return response;
	return await refreshWave(ctx, api, request, state, response);
}

/**
 * Leads or follows refreshes until a usable token is stored. A lead that fails for a passing
 * reason is taken over by the next request (bounded), so one flaky token request does not fail
 * every item; a rejected grant, a rejected client or a hung token endpoint fail them all at once.
 */
async function refreshWave(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	state: CredentialState,
	refused: Response | undefined,
): Promise<Response> {
	// The lead's own requests and n8n's token request, plus the longest turn an execution may wait for.
	const requestsMs = (request.timeout ?? DEFAULT_TIMEOUT_MS) * REFRESH_BUDGET_TIMEOUTS;
	const turnMs = refreshSlot(executionTicket(ctx), REFRESH_SLOTS) === undefined ? 0 : MAX_REFRESH_TURN_WAIT_MS;
	const budgetMs = requestsMs + turnMs;
	const stale = fingerprintOf(state);
	let lastFailure: LeadResult<Response> | undefined;
	for (let lead = 0; lead < MAX_REFRESH_LEADS; lead++) {
		const joined = await joinRefresh(
			state.credentialKey,
			async () => await leadRefresh(ctx, api, request, stale, refused),
			budgetMs,
		);
		if (joined.outcome === 'refreshed') {
			if (joined.led) {
				if (joined.value) return joined.value;
				throw joined.error;
			}
			return await retryWithStoredToken(ctx, api, request, stale);
		}
		if (joined.led && joined.failure?.kind === 'cancelled') throw joined.error;
		if (joined.outcome === 'timedOut') throw tokenTimeoutError(ctx.getNode(), api, state.choice.type, request, requestsMs);
		if (joined.outcome === 'rejected') {
			if (joined.led && joined.error !== undefined) throw joined.error;
			throw joined.rebuild?.() ?? rejectionError(ctx, api, request, joined.failure);
		}
		if (joined.led) lastFailure = joined;
	}
	// The last lead's own error says best what is wrong (an unreachable host, a 5xx).
	if (lastFailure?.error !== undefined) throw markNotApplied(lastFailure.error);
	throw transportError(ctx.getNode(), api, request, 'the access token could not be renewed', [], {
		notApplied: true,
		description: `${api.displayName}'s token endpoint failed ${MAX_REFRESH_LEADS} times in a row. Try again later.`,
	});
}

/** The execution id, which orders refresh turns across processes; none when loading options. */
function executionTicket(ctx: RequestContext): string | undefined {
	return 'getExecutionId' in ctx && typeof ctx.getExecutionId === 'function' ? ctx.getExecutionId() : undefined;
}

function rejectionError(ctx: RequestContext, api: ProviderApi, request: ApiRequest, failure: Failure | undefined) {
	if (failure?.kind === 'clientRejected') return clientRejectedError(ctx.getNode(), api, failure.reason, request);
	return reconnectError(ctx.getNode(), api, request);
}

/**
 * The credential after a refresh: as a lead of this run read it, or (the lead was another run)
 * read again.
 */
async function storedAfterRefresh(ctx: RequestContext, api: ProviderApi, stale: string): Promise<CredentialState> {
	const known = await credentialsOfRun(ctx, api);
	return fingerprintOf(known) !== stale ? known : await loadCredentials(ctx, api);
}

/** After someone else's refresh: the request once more, with the token stored now. */
async function retryWithStoredToken(ctx: RequestContext, api: ProviderApi, request: ApiRequest, stale: string): Promise<Response> {
	const latest = await storedAfterRefresh(ctx, api, stale);
	const response = await send(ctx, api, request, latest, { letN8nRefresh: false });
	if (response.statusCode === 401) markRefusedAfterRefresh(latest.credentialKey, fingerprintOf(latest), FRESH_TOKEN_MS);
	return response;
}

/**
 * The one request per credential that lets n8n refresh (or first fetch) the token. A read leads
 * itself (sending it again is harmless); a write is never handed to n8n's internal retry (it would
 * be sent twice, and n8n 1.x loses the answer of a failed retry): a cheap probe read triggers the
 * refresh and the write is sent once afterwards.
 */
async function leadRefresh(
	ctx: RequestContext,
	api: ProviderApi,
	request: ApiRequest,
	stale: string,
	refused: Response | undefined,
): Promise<LeadResult<Response>> {
	// Another execution or process (queue mode) may have refreshed since our request went out; its
	// token is stored and the refresh token we hold may already be spent.
	let before = await loadCredentials(ctx, api);
	if (fingerprintOf(before) !== stale) {
		const response = await send(ctx, api, request, before, { letN8nRefresh: false });
		if (response.statusCode !== 401) return { outcome: 'refreshed', value: response };
	}
	// Other processes on the same database (queue-mode workers of n8n 1.x, which has no refresh
	// lock) may be about to refresh too: wait for this execution's turn, and use their token if it
	// shows up meanwhile (see refreshRace.ts).
	if ((before.credentials.oauthTokenData as IDataObject | undefined)?.refresh_token) {
		const reload = async () => {
			before = await loadCredentials(ctx, api);
			return fingerprintOf(before);
		};
		if (await settleBeforeRefresh(reload, fingerprintOf(before), { ticket: executionTicket(ctx) })) {
			const response = await send(ctx, api, request, before, { letN8nRefresh: false });
			if (response.statusCode !== 401) return { outcome: 'refreshed', value: response };
		}
	}

	const firstFetch = refused === undefined;
	const leadsItself = firstFetch || !isWrite(request);
	const probe: ApiRequest = leadsItself ? request : { ...api.tokenProbe, operation: request.operation, timeout: request.timeout };
	let response: Response | undefined;
	let error: unknown;
	try {
		// A first client-credentials fetch happens before n8n sends anything: no 401 needed.
		response = await send(ctx, api, probe, before, { letN8nRefresh: !firstFetch });
	} catch (caught) {
		error = caught;
	}
	// A token exchange n8n ran (first, or again after the 401) failed: its own words say why.
	const lead = before;
	const exchangeFailed = () => preAuthenticationError(ctx, api, lead.choice, error, lead.secrets);
	const exchangeError = error === undefined ? undefined : exchangeFailed();
	if (exchangeError) return { outcome: 'rejected', error: exchangeError, rebuild: exchangeFailed };
	const failure = error === undefined ? undefined : classifyFailure(error);
	if (failure?.kind === 'clientRejected') return { outcome: 'rejected', failure };

	const after = await loadCredentials(ctx, api);
	const refreshed = fingerprintOf(after) !== '' && fingerprintOf(after) !== stale;
	// n8n fetched the first token and then sent the request itself: what happened to it is final.
	if (firstFetch && refreshed) return { outcome: 'refreshed', value: response, error };
	if (!refreshed) {
		if (failure?.kind === 'grantRejected') return { outcome: 'rejected', failure };
		if (failure?.kind === 'cancelled') return { outcome: 'failed', failure, error };
		if (error !== undefined || (leadsItself && response?.statusCode === 401)) return { outcome: 'failed', failure, error };
		// The probe went through with the token we have: the write's 401 was not about the token.
		if (!leadsItself) {
			markRefusedAfterRefresh(after.credentialKey, fingerprintOf(after), FRESH_TOKEN_MS);
			return { outcome: 'refreshed', value: refused };
		}
		return { outcome: 'refreshed', value: response };
	}
	// A grant rejected although a new token is stored: another process won the refresh race.
	if (leadsItself && response && response.statusCode !== 401) return { outcome: 'refreshed', value: response };
	// n8n 1.x drops the answer of a failed retry, and a write waited for its probe: send it now.
	const sent = await send(ctx, api, request, after, { letN8nRefresh: false });
	if (sent.statusCode === 401) markRefusedAfterRefresh(after.credentialKey, fingerprintOf(after), FRESH_TOKEN_MS);
	return { outcome: 'refreshed', value: sent };
}
