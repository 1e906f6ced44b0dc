import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CredentialChoice, ProviderApi, RequestContext } from '../provider';
import { credentialLabel } from './nodeErrors';
import { secretValues } from './redact';

/**
 * The credential a request is sent with, as one read of it found it. Everything the transport
 * needs to know about it is worked out here, once per read: which credential, where it may be
 * sent, which secrets to keep out of errors, and fingerprints of its tokens (never the tokens).
 */
export interface CredentialState {
	/** The credential type the node's "Authentication" picked, and how its token is renewed. */
	choice: CredentialChoice;
	credentials: ICredentialDataDecryptedObject;
	/** The credential within this process: its type and n8n's id. */
	credentialKey: string;
	/** API base URL, no trailing slash. */
	baseUrl: string;
	/** The API's origin: credentials are sent here and nowhere else. */
	origin: string;
	secrets: string[];
	/** Fingerprint of the access token stored now; '' when there is none. */
	tokenFingerprint: string;
	/**
	 * Fingerprint of everything that renews the access token: the client, its token URL, scopes and
	 * other fields, and the refresh token. A refused renewal is remembered by it (refusals.ts).
	 */
	renewalFingerprint: string;
	/**
	 * The OAuth2 bearer token, when sending `Authorization: Bearer` is all n8n would do with this
	 * credential: the node then adds it itself instead of n8n reading the credential again.
	 */
	bearerToken?: string;
}

const NEEDS_CONNECT = new Set(['authorizationCode', 'pkce']);

export function fingerprint(...parts: unknown[]): string {
	if (!parts.some((part) => typeof part === 'string' && part !== '')) return '';
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function tokenDataOf(credentials: ICredentialDataDecryptedObject): IDataObject {
	return (credentials.oauthTokenData ?? {}) as IDataObject;
}

function accessTokenOf(credentials: ICredentialDataDecryptedObject, choice: CredentialChoice): string {
	if (choice.renewal === 'oAuth2') {
		const token = tokenDataOf(credentials).access_token;
		return typeof token === 'string' ? token : '';
	}
	// A `preAuthentication` credential keeps the token it got in its expirable field.
	const token = choice.tokenField ? credentials[choice.tokenField] : undefined;
	return typeof token === 'string' ? token : '';
}

/**
 * Every input of a renewal but the access token: the client, the token URL, the scopes, the
 * identity provider and whatever else the credential holds, and for a refresh the refresh token.
 * A field that plays no part only makes a remembered refusal end sooner.
 */
function renewalFingerprintOf(credentials: ICredentialDataDecryptedObject, choice: CredentialChoice): string {
	if (choice.renewal === 'none') return '';
	const inputs = Object.entries(credentials)
		.filter(([field]) => field !== 'oauthTokenData' && field !== choice.tokenField)
		.sort(([a], [b]) => (a < b ? -1 : 1));
	const spendsRefreshToken = choice.renewal === 'oAuth2' && credentials.grantType !== 'clientCredentials';
	return fingerprint(JSON.stringify(inputs), spendsRefreshToken ? tokenDataOf(credentials).refresh_token : undefined);
}

function bearerTokenOf(credentials: ICredentialDataDecryptedObject, choice: CredentialChoice, token: string): string | undefined {
	if (choice.renewal !== 'oAuth2' || !token) return undefined;
	const tokenType = tokenDataOf(credentials).token_type;
	return tokenType === undefined || String(tokenType).toLowerCase() === 'bearer' ? token : undefined;
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

/** The node's `authentication` value, read the same way in execute, poll and load-options contexts. */
function authenticationOf(ctx: RequestContext, api: ProviderApi): string {
	// The parameter is node-level, so it is read from the node rather than per item.
	const parameters: INodeParameters = ctx.getNode().parameters ?? {};
	const value = parameters.authentication;
	return typeof value === 'string' && value !== '' ? value : api.defaultAuthentication;
}

/**
 * The credential type (and how its token is renewed) the node is set to use. Workflows saved
 * before the node had an "Authentication" parameter keep the provider's default.
 */
export function chooseCredential(ctx: RequestContext, api: ProviderApi): CredentialChoice {
	const key = authenticationOf(ctx, api);
	const authentication = Object.prototype.hasOwnProperty.call(api.authentications, key) ? api.authentications[key] : undefined;
	if (!authentication) {
		throw new NodeOperationError(ctx.getNode(), `The authentication "${key}" is not available for ${api.displayName}`, {
			description: `Choose one of: ${Object.keys(api.authentications).join(', ')}.`,
		});
	}
	return {
		key,
		type: authentication.credentialType,
		renewal: authentication.renewal,
		secretFields: authentication.secretFields ?? [],
		tokenField: authentication.tokenField,
		secretName: authentication.secretName ?? 'API token',
	};
}

/**
 * Reads the credential as stored now (another execution or process may have renewed it) and
 * refuses, before any request, one that can never work: no API URL, or an authorization-code
 * credential nobody connected (n8n would only say "Unable to sign without access token"). What the
 * next requests of this node run start from is replaced by it.
 */
export async function readCredential(ctx: RequestContext, api: ProviderApi): Promise<CredentialState> {
	return await readAndRemember(ctx, api, chooseCredential(ctx, api));
}

/**
 * The credential as this node run last read it. n8n reads and decrypts a credential from its
 * database (and evaluates its expressions) on every `getCredentials()`, which costs more than a
 * request's own work when a run sends many; so a run reads it once, and every read after a 401
 * (`readCredential`) replaces what the next requests start from.
 */
export async function credentialOfRun(ctx: RequestContext, api: ProviderApi): Promise<CredentialState> {
	const choice = chooseCredential(ctx, api);
	const known = readThisRun.get(ctx)?.get(choice.type);
	return known ? await known : await readAndRemember(ctx, api, choice);
}

/** Per node run (n8n gives every run its own context object), per credential type. */
const readThisRun = new WeakMap<RequestContext, Map<string, Promise<CredentialState>>>();

async function readAndRemember(ctx: RequestContext, api: ProviderApi, choice: CredentialChoice): Promise<CredentialState> {
	const loading = stateOf(ctx, api, choice);
	let byType = readThisRun.get(ctx);
	if (!byType) readThisRun.set(ctx, (byType = new Map()));
	byType.set(choice.type, loading);
	// A failed read (a credential not connected yet) is not remembered: the next request reads again.
	loading.catch(() => {
		if (byType.get(choice.type) === loading) byType.delete(choice.type);
	});
	return await loading;
}

async function stateOf(ctx: RequestContext, api: ProviderApi, choice: CredentialChoice): Promise<CredentialState> {
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
	const token = accessTokenOf(credentials, choice);
	if (choice.renewal === 'oAuth2' && NEEDS_CONNECT.has(String(credentials.grantType)) && !token) {
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
		secrets: [...secretValues(credentials, choice.secretFields), ...userinfo.filter((part) => part.length >= 4)],
		tokenFingerprint: fingerprint(token),
		renewalFingerprint: renewalFingerprintOf(credentials, choice),
		bearerToken: bearerTokenOf(credentials, choice, token),
	};
}

/**
 * The secrets to redact when an error is built: those the call started with plus whatever token
 * is stored now, since a token fetched or renewed during the call may be echoed back.
 */
export async function currentSecrets(ctx: RequestContext, state: CredentialState): Promise<string[]> {
	try {
		const now = await ctx.getCredentials(state.choice.type);
		return [...new Set([...state.secrets, ...secretValues(now, state.choice.secretFields)])];
	} catch {
		return state.secrets;
	}
}
