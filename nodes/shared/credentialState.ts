import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chooseCredential } from './credentialChoice';
import { credentialLabel } from './errors';
import { secretValues } from './redact';
import type { CredentialChoice, ProviderApi, RequestContext } from './types';

/** One credential as a request sees it: the stored data, where the API is, what must stay secret. */
export interface CredentialState {
	/** The credential type the node's "Authentication" picked, and how its token is renewed. */
	choice: CredentialChoice;
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
	if (typeof tokenData.access_token === 'string') return tokenData.access_token;
	// A token-exchange credential keeps its token in the expirable `accessToken` field.
	return typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
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

/**
 * Reads the credential as stored now (another execution or process may have refreshed it) and
 * refuses, before any request, one that can never work: no API URL, or an authorization-code
 * credential nobody connected (n8n would only say "Unable to sign without access token").
 */
export async function loadCredentials(ctx: RequestContext, api: ProviderApi): Promise<CredentialState> {
	return await readAndRemember(ctx, api, chooseCredential(ctx, api));
}

/**
 * The credential as this node run last read it. n8n reads and decrypts a credential from its
 * database (and evaluates its expressions) on every `getCredentials()`, which costs more than a
 * request's own work when a run sends many; so a run reads it once, and every read after a 401
 * (`loadCredentials`) replaces what the next requests start from. A token renewed by another
 * execution meanwhile costs one 401, after which the refresh wave finds the stored token.
 */
export async function credentialsOfRun(ctx: RequestContext, api: ProviderApi): Promise<CredentialState> {
	const choice = chooseCredential(ctx, api);
	const known = readThisRun.get(ctx)?.get(choice.type);
	return known ? await known : await readAndRemember(ctx, api, choice);
}

/** Per node run (n8n gives every run its own context object), per credential type. */
const readThisRun = new WeakMap<RequestContext, Map<string, Promise<CredentialState>>>();

async function readAndRemember(ctx: RequestContext, api: ProviderApi, choice: CredentialChoice): Promise<CredentialState> {
	const loading = readCredentials(ctx, api, choice);
	let byType = readThisRun.get(ctx);
	if (!byType) readThisRun.set(ctx, (byType = new Map()));
	byType.set(choice.type, loading);
	// A failed read (a credential not connected yet) is not remembered: the next request reads again.
	loading.catch(() => {
		if (byType.get(choice.type) === loading) byType.delete(choice.type);
	});
	return await loading;
}

async function readCredentials(ctx: RequestContext, api: ProviderApi, choice: CredentialChoice): Promise<CredentialState> {
	const credentials = await ctx.getCredentials(choice.type);
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
	if (choice.renewal === 'oAuth2' && NEEDS_CONNECT.has(String(credentials.grantType)) && !accessTokenOf(credentials)) {
		throw new NodeOperationError(
			node,
			`The ${api.displayName} credential ${credentialLabel(node, choice.type, api.displayName)} is not connected yet`,
			{
				description:
					'It has no access token. Open the credential and click "Connect my account" (or "Reconnect"), then run this again.',
			},
		);
	}
	const userinfo = [decodeURIComponent(parsed.username), decodeURIComponent(parsed.password)];
	return {
		choice,
		credentials,
		credentialKey: `${choice.type}:${node.credentials?.[choice.type]?.id ?? 'unsaved'}`,
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
		const now = await ctx.getCredentials(state.choice.type);
		return [...new Set([...state.secrets, ...secretValues(now)])];
	} catch {
		return state.secrets;
	}
}
