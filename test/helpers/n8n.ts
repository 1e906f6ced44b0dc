/**
 * Runs our nodes the way n8n does, in-process: n8n-core's real ExecuteContext, LoadOptionsContext
 * and PollContext, whose request helpers include n8n's real OAuth2 code (token fetch, refresh on
 * 401, saving the new token through the credentials helper). The same code drives n8n-core 1.x
 * (jest project `integration`) and 2.x (`integration-n8n2`); `n8nCoreMajor()` tells which. Only n8n's database is replaced, by
 * `CredentialStore`, which behaves like n8n's credentials table: reads return a fresh copy with
 * defaults and expressions resolved, token updates merge into the stored record.
 */
import { ClientOAuth2 } from '@n8n/client-oauth2';
import { createHash, randomBytes } from 'crypto';
import { ExecuteContext, LoadOptionsContext, PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { request } from 'undici';

import { recordArtifact, recordError } from './audit';
import { credentialLifecycle, runCredentialTest } from './credentialLifecycle';
import { n8nCoreMajor } from './n8nMajor';
import { LockitNetworkApi } from '../../packages/n8n-nodes-lockitnetwork/credentials/LockitNetworkApi.credentials';
import { TapkeyTokenExchangeApi } from '../../packages/n8n-nodes-tapkey/credentials/TapkeyTokenExchangeApi.credentials';
import { TapkeyOAuth2Api } from '../../packages/n8n-nodes-tapkey/credentials/TapkeyOAuth2Api.credentials';
import { Tapkey } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/Tapkey.node';
import { TapkeyTrigger } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/TapkeyTrigger.node';
import { LockitNetworkOAuth2Api } from '../../packages/n8n-nodes-lockitnetwork/credentials/LockitNetworkOAuth2Api.credentials';
import { LockitNetwork } from '../../packages/n8n-nodes-lockitnetwork/nodes/LockitNetwork/LockitNetwork.node';
import { TaptouchOAuth2Api } from '../../packages/n8n-nodes-taptouch/credentials/TaptouchOAuth2Api.credentials';
import { Taptouch } from '../../packages/n8n-nodes-taptouch/nodes/Taptouch/Taptouch.node';
import { TaptouchTrigger } from '../../packages/n8n-nodes-taptouch/nodes/Taptouch/TaptouchTrigger.node';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PACKAGES } = require('../../index') as { PACKAGES: Array<{ name: string; nodes: string[] }> };

/** The type a workflow holds for a node: its package's name and the node's (test-only nodes: `n8n-nodes-test`). */
export function nodeType(node: string): string {
	return `${PACKAGES.find((p) => p.nodes.includes(node))?.name ?? 'n8n-nodes-test'}.${node}`;
}

/** Every credential and node of the package; providers add theirs here. */
export const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	tapkeyOAuth2Api: new TapkeyOAuth2Api(),
	lockitNetworkOAuth2Api: new LockitNetworkOAuth2Api(),
	taptouchOAuth2Api: new TaptouchOAuth2Api(),
	tapkeyTokenExchangeApi: new TapkeyTokenExchangeApi(),
	lockitNetworkApi: new LockitNetworkApi(),
};

export const NODE_TYPES: Record<string, INodeType> = {
	tapkey: new Tapkey(),
	tapkeyTrigger: new TapkeyTrigger(),
	lockitNetwork: new LockitNetwork(),
	taptouch: new Taptouch(),
	taptouchTrigger: new TaptouchTrigger(),
};

export function registerCredentialType(type: ICredentialType) {
	CREDENTIAL_TYPES[type.name] = type;
}

export function registerNodeType(name: string, type: INodeType) {
	NODE_TYPES[name] = type;
}

/** What n8n's generic `oAuth2Api` adds that our credential types do not override. */
const OAUTH2_BASE_DEFAULTS: IDataObject = {
	useDynamicClientRegistration: false,
	ignoreSSLIssues: false,
	authentication: 'header',
	authQueryParameters: '',
	scope: '',
};

/** n8n credential expressions as our credentials use them: `={{ …$self… }}`. */
function resolveExpression(value: unknown, self: IDataObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('={{')) return value;
	const body = value.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	// eslint-disable-next-line @typescript-eslint/no-implied-eval
	return new Function('$self', `return (${body});`)(self);
}

function withDefaults(type: string, data: IDataObject): IDataObject {
	const definition = CREDENTIAL_TYPES[type];
	if (!definition) throw new Error(`Unknown credential type ${type}`);
	const merged: IDataObject = definition.extends?.includes('oAuth2Api') ? { ...OAUTH2_BASE_DEFAULTS } : {};
	for (const property of definition.properties) {
		if (property.type === 'notice') continue;
		merged[property.name] = property.default as never;
	}
	Object.assign(merged, data);
	for (const key of Object.keys(merged)) merged[key] = resolveExpression(merged[key], merged) as never;
	return merged;
}

interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

/**
 * Credential ids are unique in the whole test process, as in n8n's database: what the nodes and
 * n8n 2.x remember per credential id (a renewal under way, a refused refresh token, n8n's refresh
 * lock) must not carry over to the next test's credential.
 */
let nextCredentialId = 1;

/** Stands in for n8n's credentials table (one per test, or shared to mimic queue-mode workers). */
export class CredentialStore {
	private records = new Map<string, StoredCredential>();
	/** Every token write, in order: the evidence that rotation was persisted. */
	tokenWrites: Array<{ id: string; hadRefreshToken: boolean }> = [];
	/** How often n8n-core read each credential (n8n reads its database on every read). */
	reads = new Map<string, number>();

	add(type: string, data: IDataObject, name = `${type} test`): { id: string; name: string } {
		const id = String(nextCredentialId++);
		this.records.set(id, { id, name, type, data: JSON.parse(JSON.stringify(data)) });
		return { id, name };
	}

	/** The ids of this store's credentials, in the order they were added. */
	ids(): string[] {
		return [...this.records.keys()];
	}

	data(id: string): IDataObject {
		const record = this.records.get(id);
		if (!record) throw new Error(`No credential ${id}`);
		return JSON.parse(JSON.stringify(record.data));
	}

	update(id: string, patch: IDataObject) {
		const record = this.records.get(id)!;
		record.data = { ...record.data, ...JSON.parse(JSON.stringify(patch)) };
	}

	/** The subset of n8n's CredentialsHelper that n8n-core calls. */
	helper() {
		return {
			// Like n8n's CredentialTypes: the `extends` chain (our OAuth2 types extend oAuth2Api, which extends nothing).
			getParentTypes: (type: string) => CREDENTIAL_TYPES[type]?.extends ?? [],
			// `raw`: the stored data as is, no defaults or expressions (2.x re-reads so before a refresh).
			getDecrypted: async (
				_additionalData: unknown,
				nodeCredentials: { id: string | null; name: string },
				type: string,
				_mode?: unknown,
				_executeData?: unknown,
				raw?: boolean,
			): Promise<ICredentialDataDecryptedObject> => {
				const record = this.records.get(String(nodeCredentials.id));
				if (!record || record.type !== type) throw new Error(`Credential ${nodeCredentials.id} of type ${type} not found`);
				this.reads.set(record.id, (this.reads.get(record.id) ?? 0) + 1);
				const stored = JSON.parse(JSON.stringify(record.data)) as IDataObject;
				return (raw === true ? stored : withDefaults(type, stored)) as ICredentialDataDecryptedObject;
			},
			// 2.x asks before every credential read; only types with `restrictToSupportedNodes` say no,
			// and none of ours sets it.
			isCredentialUsableByNode: () => true,
			updateCredentialsOauthTokenData: async (
				nodeCredentials: { id: string | null },
				_type: string,
				data: ICredentialDataDecryptedObject,
			) => {
				const id = String(nodeCredentials.id);
				// n8n saves only the token data of the credential it re-read from the database.
				this.update(id, { oauthTokenData: data.oauthTokenData as IDataObject });
				this.tokenWrites.push({
					id,
					hadRefreshToken: !!(data.oauthTokenData as IDataObject | undefined)?.refresh_token,
				});
			},
			updateCredentials: async (nodeCredentials: { id: string | null }, _type: string, data: IDataObject) => {
				if (nodeCredentials.id) this.update(String(nodeCredentials.id), data);
			},
			// 2.x runs an OAuth2 credential's own `preAuthentication` hook, if it has one, with each
			// token (1.x does not call this).
			runPreAuthentication: async (
				helpers: { helpers: IHttpRequestHelper['helpers'] },
				credentials: ICredentialDataDecryptedObject,
				type: string,
			) => {
				const hook = CREDENTIAL_TYPES[type]?.preAuthentication;
				if (typeof hook !== 'function') return undefined;
				return (await hook.call({ helpers: { httpRequest: helpers.helpers.httpRequest } } as IHttpRequestHelper, credentials)) ?? undefined;
			},
			// n8n's preAuthentication/authenticate for credentials that do not extend oAuth2Api.
			...credentialLifecycle(this, CREDENTIAL_TYPES),
			getCredentialsProperties: (type: string) => CREDENTIAL_TYPES[type]?.properties ?? [],
		};
	}
}

const nodeTypes: INodeTypes = {
	getByName: (name: string) => NODE_TYPES[name.slice(name.indexOf('.') + 1)],
	getByNameAndVersion: (name: string) => NODE_TYPES[name.slice(name.indexOf('.') + 1)],
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

export interface NodeRun {
	type: string;
	parameters: IDataObject;
	credential: { type: string; id: string; name: string };
	input?: IDataObject[];
	continueOnFail?: boolean;
	mode?: WorkflowExecuteMode;
	/** Shared static data across polls (the trigger's cursor). */
	staticData?: IDataObject;
	/** The execution's cancel signal, as n8n 2.x hands it to nodes. */
	abortSignal?: AbortSignal;
	/** n8n's execution id (numeric in real n8n); default 'exec-test'. */
	executionId?: string;
	/** The workflow's Settings → Timezone (what `getTimezone()` returns); unset, n8n's default. */
	timezone?: string;
	/** Request helpers taken out of n8n-core's context, as an n8n version without them would hand it. */
	withoutHelpers?: string[];
}

const logger = { debug() {}, info() {}, warn() {}, error() {} };

function buildWorkflow(run: NodeRun): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type: nodeType(run.type),
		typeVersion: 1,
		position: [0, 0],
		parameters: run.parameters as INode['parameters'],
		credentials: { [run.credential.type]: { id: run.credential.id, name: run.credential.name } },
		...(run.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData: run.staticData ? { [`node:${node.name}`]: run.staticData } : undefined,
		settings: run.timezone ? { timezone: run.timezone } : undefined,
	});
	return { workflow, node: workflow.getNode(node.name)! };
}

function additionalData(store: CredentialStore, executionId = 'exec-test'): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: store.helper(),
		executionId,
		restApiUrl: 'http://localhost:5678/rest',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		currentNodeParameters: undefined,
		variables: {},
		logger,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Executes a regular node for the given input items, as one n8n node execution. */
export async function executeNode(store: CredentialStore, run: NodeRun): Promise<INodeExecutionData[]> {
	const { workflow, node } = buildWorkflow(run);
	const input: INodeExecutionData[] = (run.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = { resultData: { runData: {} }, executionData: { nodeExecutionStack: [], waitingExecution: {}, waitingExecutionSource: {}, contextData: {}, metadata: {} } } as unknown as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData(store, run.executionId),
		run.mode ?? 'manual',
		runExecutionData,
		0,
		input,
		{ main: [input] },
		{ node, data: { main: [input] }, source: null },
		[],
		run.abortSignal,
	);
	for (const helper of run.withoutHelpers ?? []) delete (context.helpers as unknown as Record<string, unknown>)[helper];
	const nodeType = nodeTypes.getByNameAndVersion(node.type) as INodeType;
	const output = await audited(`execute ${run.type}`, async () => await nodeType.execute!.call(context));
	return (output as INodeExecutionData[][])[0];
}

/** Records what the user would see — output or error — for the secret audit, then passes it on. */
async function audited<T>(label: string, action: () => Promise<T>): Promise<T> {
	try {
		const result = await action();
		recordArtifact(label, result);
		return result;
	} catch (error) {
		recordError(label, error);
		throw error;
	}
}

/** Calls a `listSearch` method as the editor's searchable dropdown does. */
export async function searchList(
	store: CredentialStore,
	run: NodeRun,
	method: string,
	filter?: string,
	paginationToken?: string,
) {
	const { workflow, node } = buildWorkflow(run);
	const context = new LoadOptionsContext(workflow, node, additionalData(store), 'parameters');
	const nodeType = nodeTypes.getByNameAndVersion(node.type) as INodeType;
	return await audited(`listSearch ${method}`, async () =>
		await nodeType.methods!.listSearch![method].call(context, filter, paginationToken),
	);
}

/** One poll of a polling trigger; `run.staticData` carries the cursor between polls. */
export async function pollTrigger(store: CredentialStore, run: NodeRun) {
	const { workflow, node } = buildWorkflow(run);
	const context = new PollContext(workflow, node, additionalData(store), run.mode ?? 'trigger', 'activate');
	const nodeType = nodeTypes.getByNameAndVersion(node.type) as INodeType;
	const result = await audited(`poll ${run.type}`, async () => await nodeType.poll!.call(context));
	// n8n persists static data after a poll; hand the cursor back to the test.
	if (run.staticData) Object.assign(run.staticData, workflow.staticData[`node:${node.name}`]);
	return result;
}

/**
 * Connects an authorization-code (or PKCE) credential the way n8n's OAuth2 callback does: the
 * user approves on the provider's consent page, and n8n exchanges the code with @n8n/client-oauth2
 * using the credential's settings. Returns the token data n8n would store.
 */
export async function connectAuthorizationCode(credential: IDataObject & { type: string }): Promise<IDataObject> {
	const resolved = withDefaults(credential.type, credential);
	const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';
	const state = randomBytes(8).toString('hex');
	const pkce = resolved.grantType === 'pkce';
	const verifier = randomBytes(32).toString('base64url');
	const options = {
		clientId: String(resolved.clientId),
		clientSecret: String(resolved.clientSecret ?? ''),
		accessTokenUri: String(resolved.accessTokenUrl),
		authorizationUri: String(resolved.authUrl),
		authentication: resolved.authentication as 'header' | 'body',
		redirectUri,
		scopes: String(resolved.scope ?? '').split(','),
		scopesSeparator: ' ' as const,
		state,
		...(pkce ? { query: { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' } } : {}),
	};
	const authorizeUrl = new ClientOAuth2(options).code.getUri();
	const page = await request(authorizeUrl);
	const html = await page.body.text();
	if (page.statusCode !== 200) throw new Error(`consent page answered ${page.statusCode}: ${html}`);
	const fields = new URLSearchParams();
	for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
		fields.set(match[1], match[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
	}
	fields.set('decision', 'approve');
	const approved = await request(authorizeUrl, {
		method: 'POST',
		body: fields.toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
	await approved.body.text();
	const location = String(approved.headers.location ?? '');
	if (approved.statusCode !== 302 || !location.startsWith(redirectUri)) {
		throw new Error(`consent did not redirect to the callback (${approved.statusCode})`);
	}
	// Mirrors n8n's callback: PKCE sends the verifier; body auth moves the secret into the body.
	let tokenOptions: IDataObject = {};
	const clientOptions: IDataObject = { ...options };
	if (pkce) tokenOptions = { body: { code_verifier: verifier } };
	else if (options.authentication === 'body') {
		tokenOptions = { body: { client_id: options.clientId, client_secret: options.clientSecret } };
		delete clientOptions.clientSecret;
	}
	const token = await new ClientOAuth2(clientOptions as never).code.getToken(location, tokenOptions as never);
	const data = { ...token.data } as IDataObject;
	// 2.x's callback also stores when the token expires.
	const expiresIn = Number(data.expires_in);
	if (n8nCoreMajor() >= 2 && Number.isFinite(expiresIn) && expiresIn > 0) data.n8n_expires_at = String(Date.now() + expiresIn * 1000);
	return data;
}

/** The credential's Test button (n8n's CredentialsTester), against the stored credential. */
export async function testCredential(store: CredentialStore, credential: { type: string; id: string; name: string }) {
	const data = await store.helper().getDecrypted(undefined, credential, credential.type);
	return await runCredentialTest(additionalData(store), CREDENTIAL_TYPES[credential.type], { ...credential, data });
}
