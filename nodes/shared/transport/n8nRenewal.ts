import type { IN8nHttpFullResponse } from 'n8n-workflow';

import type { ApiRequest, ProviderApi, RequestContext } from '../provider';
import type { CredentialState } from './credential';
import { send } from './send';

/**
 * Lets n8n renew the token and save it. An OAuth2 token is renewed by n8n's `refreshOAuth2Token`
 * helper (refresh token, or a new client-credentials token). A token n8n gets before it sends a
 * request (the first client-credentials token or token exchange; an exchange again after a 401)
 * comes with a request through n8n: the leading request itself where it has none yet (its answer is
 * returned), else a cheap read whose answer only says whether a token exchange's token was
 * accepted as it is (`probeAccepted`: then there is nothing to renew).
 */
export async function renewThroughN8n(
	ctx: RequestContext,
	api: ProviderApi,
	state: CredentialState,
	sentByLead: ApiRequest | undefined,
): Promise<{ response?: IN8nHttpFullResponse; probeAccepted?: boolean }> {
	if (state.choice.renewal === 'oAuth2' && state.tokenFingerprint !== '') {
		// Absent from older n8n versions: say so rather than fail inside the call.
		if (typeof ctx.helpers.refreshOAuth2Token !== 'function') {
			throw new TypeError('this n8n offers nodes no refreshOAuth2Token helper, which renewing an OAuth2 token needs');
		}
		await ctx.helpers.refreshOAuth2Token.call(ctx, state.choice.type);
		return {};
	}
	if (state.tokenFingerprint === '' && sentByLead) return { response: await send(ctx, api, sentByLead, state) };
	if (!api.tokenProbe) throw new TypeError(`${api.displayName} declares no tokenProbe, which a token exchange needs`);
	const probe: ApiRequest = { ...api.tokenProbe, operation: 'renew the access token' };
	// n8n runs a token exchange again only after the request's 401, so it must see the 401.
	const exchanges = state.choice.renewal === 'preAuthentication';
	const answer = await send(ctx, api, probe, state, { letN8nRenew: exchanges });
	const ok = answer.statusCode >= 200 && answer.statusCode < 300;
	return { probeAccepted: exchanges && state.tokenFingerprint !== '' && ok };
}
