import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import type { TaptouchSandbox } from '../../../sandbox/providers/taptouch';
import { connectAuthorizationCode, CredentialStore } from '../../helpers/n8n';
import { sandboxCredential } from '../../helpers/sandbox';

export const TYPE = 'taptouchOAuth2Api';

export interface TaptouchData {
	stores: IDataObject[];
	orders: Record<string, IDataObject[]>;
	inventory: Record<string, IDataObject[]>;
}

export const taptouchData = (sandbox: Sandbox) => sandbox.providers.taptouch.snapshot() as TaptouchData;

export const taptouchSandbox = (sandbox: Sandbox) => sandbox.providers.taptouch as TaptouchSandbox;

/** The store with a few hundred orders (several pages), and the one with a handful. */
export const bigStore = (sandbox: Sandbox) => String(taptouchData(sandbox).stores[0].id);
export const smallStore = (sandbox: Sandbox) => String(taptouchData(sandbox).stores[1].id);

/** A client-credentials credential: stores, orders and inventory. */
export function serviceAccount(store: CredentialStore, sandbox: Sandbox) {
	const data = sandboxCredential(sandbox, 'taptouch', 'taptouch-service', 'clientCredentials');
	return { type: TYPE, ...store.add(TYPE, data, 'Taptouch service') };
}

/**
 * An authorization-code credential a merchant connected through the consent page: stores only.
 * `pkce`: the public client `taptouch-pkce` (no secret, S256 challenge required).
 */
export async function connectedMerchant(store: CredentialStore, sandbox: Sandbox, grant: 'authorizationCode' | 'pkce' = 'authorizationCode') {
	const data = sandboxCredential(sandbox, 'taptouch', grant === 'pkce' ? 'taptouch-pkce' : 'taptouch-web', grant);
	const oauthTokenData = await connectAuthorizationCode({ type: TYPE, ...data });
	return { type: TYPE, ...store.add(TYPE, { ...data, oauthTokenData }, 'Taptouch merchant') };
}

export const rl = (value: string, mode: 'id' | 'list' = 'id') => ({ __rl: true, mode, value });

/** `index`/`count` of each API request the sandbox saw, in order. */
export const pageQueries = (calls: Array<{ query: string }>) =>
	calls.map((call) => {
		const query = new URLSearchParams(call.query);
		return `${query.get('index')}/${query.get('count')}`;
	});
