import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { connectAuthorizationCode, CredentialStore } from '../../helpers/n8n';
import { sandboxCredential } from '../../helpers/sandbox';

export const TYPE = 'lockitNetworkOAuth2Api';

export interface LockitNetworkData {
	projects: IDataObject[];
	episodes: Record<string, IDataObject[]>;
	scenes: Record<string, IDataObject[]>;
	projectDays: Record<string, IDataObject[]>;
	clips: Record<string, IDataObject[]>;
}

export const lockitData = (sandbox: Sandbox) => sandbox.providers.lockitnetwork.snapshot() as LockitNetworkData;

/** The seeded series every operation test reads: premium, with episodes, scenes, days and clips. */
export function premiumSeries(sandbox: Sandbox) {
	const data = lockitData(sandbox);
	const project = data.projects.find((p) => p.name === 'Harbour Lights')!;
	const episodes = data.episodes[String(project.uuid)];
	const days = data.projectDays[String(project.uuid)];
	return { data, project, episodes, days, scenes: data.scenes[String(episodes[0].uuid)] };
}

export const nonPremiumProject = (sandbox: Sandbox) => lockitData(sandbox).projects.find((p) => p.isPremium === false)!;

/** A client-credentials credential. */
export function serviceClient(store: CredentialStore, sandbox: Sandbox, extra: IDataObject = {}) {
	const data = sandboxCredential(sandbox, 'lockitnetwork', 'lockit-service', 'clientCredentials', extra);
	return { type: TYPE, ...store.add(TYPE, data, 'LockitNetwork lockit-service') };
}

/** An authorization-code (or PKCE) credential connected through the consent page as n8n does. */
export async function connectedUser(
	store: CredentialStore,
	sandbox: Sandbox,
	grant: 'authorizationCode' | 'pkce' = 'authorizationCode',
) {
	const clientId = grant === 'pkce' ? 'lockit-pkce' : 'lockit-web';
	const data = sandboxCredential(sandbox, 'lockitnetwork', clientId, grant);
	const oauthTokenData = await connectAuthorizationCode({ type: TYPE, ...data });
	return { type: TYPE, ...store.add(TYPE, { ...data, oauthTokenData }, `LockitNetwork ${clientId}`), oauthTokenData };
}

export const rl = (value: string, mode: 'id' | 'list' = 'id') => ({ __rl: true, mode, value });

/** Every client secret of the sandbox and every token the store holds, for leak checks. */
export function secretsInPlay(sandbox: Sandbox, store: CredentialStore, credentialIds: string[]): string[] {
	const secrets = sandbox.clients.lockitnetwork.map((c) => c.clientSecret).filter((s): s is string => !!s);
	for (const id of credentialIds) {
		const token = (store.data(id).oauthTokenData ?? {}) as IDataObject;
		for (const key of ['access_token', 'refresh_token']) if (typeof token[key] === 'string') secrets.push(token[key] as string);
	}
	return secrets;
}

/** What a user can read of an output or an error: message, description and the details panel's JSON. */
export function visibleText(value: unknown): string {
	const seen = new WeakSet<object>();
	const json = (v: unknown) =>
		JSON.stringify(v, (_key, inner: unknown) => {
			if (inner && typeof inner === 'object') {
				if (seen.has(inner)) return '[circular]';
				seen.add(inner);
			}
			return inner;
		});
	if (value instanceof Error) {
		const error = value as Error & { description?: unknown; context?: unknown };
		return [error.message, String(error.description ?? ''), error.stack ?? '', json(error.context), json(value)].join('\n');
	}
	return json(value);
}
