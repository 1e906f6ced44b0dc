import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { secretValues } from './redact';
import type { ProviderApi, RequestContext } from './types';

/** One credential as a request sees it: the stored data, where the API is, what must stay secret. */
export interface CredentialState {
	credentials: ICredentialDataDecryptedObject;
	/** Key of the credential for refresh leadership (n8n's own lock is keyed by credential id). */
	credentialKey: string;
	/** API base URL, no trailing slash. */
	baseUrl: string;
	/** The API's origin: credentials are sent here and nowhere else. */
	origin: string;
	secrets: string[];
}

const NEEDS_CONNECT = new Set(['authorizationCode', 'pkce']);

export function accessTokenOf(credentials: ICredentialDataDecryptedObject): string {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	return typeof tokenData.access_token === 'string' ? tokenData.access_token : '';
}

/** A URL as it may be shown to a user: never with a `user:password@` part. */
export function displayUrl(url: string): string {
	try {
		const parsed = new URL(url);
		parsed.username = '';
		parsed.password = '';
		return parsed.toString().replace(/\/$/, '');
	} catch {
		return url.replace(/\/\/[^/@]*@/, '//');
	}
}

function credentialLabel(ctx: RequestContext, api: ProviderApi): string {
	const name = ctx.getNode().credentials?.[api.credentialType]?.name;
	return name ? `"${name}"` : `of type ${api.displayName}`;
}

/**
 * Reads the credential as stored now (another execution or process may have refreshed it) and
 * refuses, before any request, one that can never work: no API URL, or an authorization-code
 * credential nobody connected (n8n would only say "Unable to sign without access token").
 */
export async function loadCredentials(ctx: RequestContext, api: ProviderApi): Promise<CredentialState> {
	const credentials = await ctx.getCredentials(api.credentialType);
	const node = ctx.getNode();
	let parsed: URL;
	let baseUrl: string;
	try {
		baseUrl = api.baseUrl(credentials).replace(/\/+$/, '');
		parsed = new URL(baseUrl);
		if (!/^https?:$/.test(parsed.protocol)) throw new Error('not http');
	} catch {
		throw new NodeOperationError(node, `The ${api.displayName} credential has no valid API base URL`, {
			description: 'Open the credential and check "Environment" and, for a custom environment, "API Base URL".',
		});
	}
	if (NEEDS_CONNECT.has(String(credentials.grantType)) && !accessTokenOf(credentials)) {
		throw new NodeOperationError(
			node,
			`The ${api.displayName} credential ${credentialLabel(ctx, api)} is not connected yet`,
			{
				description:
					'It has no access token. Open the credential and click "Connect my account" (or "Reconnect"), then run this again.',
			},
		);
	}
	const userinfo = [decodeURIComponent(parsed.username), decodeURIComponent(parsed.password)];
	return {
		credentials,
		credentialKey: `${api.credentialType}:${node.credentials?.[api.credentialType]?.id ?? 'unsaved'}`,
		baseUrl,
		origin: parsed.origin,
		secrets: [...secretValues(credentials), ...userinfo.filter((part) => part.length >= 4)],
	};
}

/**
 * The secrets to redact when an error is built: those the call started with plus whatever token
 * is stored now, since a token fetched or refreshed during the call may be echoed back.
 */
export async function currentSecrets(ctx: RequestContext, api: ProviderApi, state: CredentialState): Promise<string[]> {
	try {
		const now = await ctx.getCredentials(api.credentialType);
		return [...new Set([...state.secrets, ...secretValues(now)])];
	} catch {
		return state.secrets;
	}
}
