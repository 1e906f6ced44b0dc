/**
 * The test-only Widgets provider (test/fourthProvider/) registered with the in-process n8n harness,
 * and a sandbox that serves its API.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { WidgetsApi } from '../../fourthProvider/WidgetsApi.credentials';
import { Widgets } from '../../fourthProvider/Widgets.node';
import { recordSecret } from '../../helpers/audit';
import type { CredentialStore } from '../../helpers/n8n';
import { registerCredentialType, registerNodeType } from '../../helpers/n8n';
import { apiCalls } from '../../helpers/sandbox';

registerCredentialType(new WidgetsApi());
registerNodeType('widgets', new Widgets());

export const TYPE = 'widgetsApi';

export type Credential = { type: string; id: string; name: string };

/** The sandbox's valid key. */
export const apiKey = (sb: Sandbox) => sb.apiTokens.widgets!.tokens[0].token;

/** A Widgets credential in the "Custom URLs" environment (the sandbox, or `baseUrl`). */
export function widgetsCredential(store: CredentialStore, sb: Sandbox, key = apiKey(sb), baseUrl = sb.urls.widgets.baseUrl): Credential {
	// A wrong key is a secret too: the audit checks that no output or error of the run shows it.
	recordSecret(key);
	return { type: TYPE, ...store.add(TYPE, { environment: 'custom', customBaseUrl: baseUrl, apiKey: key }, 'Widgets key') };
}

export const widgets = (sb: Sandbox) => (sb.providers.widgets.snapshot() as { widgets: IDataObject[] }).widgets;

export const listWidgets = (credential: Credential, extra: IDataObject = {}) => ({
	type: 'widgets',
	credential,
	parameters: { resource: 'widget', operation: 'getMany', returnAll: true, ...extra },
});

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

export const getWidget = (credential: Credential, id: string) => ({
	type: 'widgets',
	credential,
	parameters: { resource: 'widget', operation: 'get', widgetId: rl(id) },
});

/** The list requests the sandbox saw, as `pageSize pageToken?` (token shown as `T` + its page). */
export function pageRequests(sb: Sandbox): string[] {
	const tokens = new Map<string, number>();
	return apiCalls(sb, 'widgets').map((call) => {
		const query = new URLSearchParams(call.query);
		const token = query.get('pageToken');
		if (token !== null && !tokens.has(token)) tokens.set(token, tokens.size + 1);
		return `${call.method} ${call.path} ${call.status} pageSize=${query.get('pageSize')}${token === null ? '' : ` pageToken=T${tokens.get(token)}`}`;
	});
}

/** Everything a user could see of an error, as one text. */
export function shown(error: unknown): string {
	const { message, description } = (error ?? {}) as { message?: string; description?: string };
	const seen = new WeakSet<object>();
	const json = JSON.stringify(error, (_key, value: unknown) => {
		if (value && typeof value === 'object') {
			if (seen.has(value)) return '[circular]';
			seen.add(value);
		}
		return value;
	});
	return `${message}\n${description}\n${json}`;
}
