import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import type { NodeRun } from '../../helpers/n8n';
import { connectAuthorizationCode, CredentialStore } from '../../helpers/n8n';
import { sandboxCredential } from '../../helpers/sandbox';

export const TYPE = 'tapkeyOAuth2Api';

export interface TapkeyData {
	owners: IDataObject[];
	boundLocks: Record<string, IDataObject[]>;
	contacts: Record<string, IDataObject[]>;
	grants: Record<string, IDataObject[]>;
	logEntries: Record<string, IDataObject[]>;
	boundCards: Record<string, IDataObject[]>;
	permissions: Record<string, IDataObject[]>;
}

export const tapkeyData = (sandbox: Sandbox) => sandbox.providers.tapkey.snapshot() as TapkeyData;

/** A client-credentials credential (service account that is co-admin of every owner). */
export function serviceAccount(store: CredentialStore, sandbox: Sandbox, clientId = 'tapkey-service') {
	const data = sandboxCredential(sandbox, 'tapkey', clientId, 'clientCredentials');
	return { type: TYPE, ...store.add(TYPE, data, `Tapkey ${clientId}`) };
}

/** An authorization-code (or PKCE) credential connected through the consent page. */
export async function connectedUser(
	store: CredentialStore,
	sandbox: Sandbox,
	grant: 'authorizationCode' | 'pkce' = 'authorizationCode',
) {
	const clientId = grant === 'pkce' ? 'tapkey-pkce' : 'tapkey-web';
	const data = sandboxCredential(sandbox, 'tapkey', clientId, grant);
	const oauthTokenData = await connectAuthorizationCode({ type: TYPE, ...data });
	return { type: TYPE, ...store.add(TYPE, { ...data, oauthTokenData }, `Tapkey ${clientId}`) };
}

export const rl = (value: string, mode: 'id' | 'list' = 'id') => ({ __rl: true, mode, value });

/** `count` items, each getting one bound lock of the second owner (Bound Lock → Get, per item). */
export function getLocksRun(
	sandbox: Sandbox,
	credential: { type: string; id: string; name: string },
	count: number,
	extra: Partial<NodeRun> = {},
): NodeRun {
	const data = tapkeyData(sandbox);
	const ownerId = String(data.owners[1].id);
	const locks = data.boundLocks[ownerId];
	return {
		type: 'tapkey',
		credential,
		input: Array.from({ length: count }, (_, n) => ({ lockId: locks[n % locks.length].id })) as IDataObject[],
		parameters: { resource: 'boundLock', operation: 'get', ownerId: rl(ownerId), boundLockId: rl('={{ $json.lockId }}') },
		...extra,
	};
}
