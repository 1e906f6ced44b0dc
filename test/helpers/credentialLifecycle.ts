/**
 * The parts of n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts) that n8n-core calls
 * for credentials that do not extend oAuth2Api: `authenticate` (a credential's generic
 * `authenticate` block, its expressions resolved by the workflow's expression engine with
 * `$credentials`) and `preAuthentication` (a credential's hook, run when its hidden `expirable`
 * field is empty, when n8n-core reports the credential expired after a 401, or in a credential
 * test, and its result saved). Written after n8n 1.123.50's and 2.41.1's compiled CredentialsHelper
 * (1.123.81's `authenticate` and `preAuthentication` are 1.123.50's unchanged);
 * 2.x differs only in what it saves (it keeps fields the user filled with an expression) and in
 * handing the hook only `httpRequest`.
 *
 * `runCredentialTest` does what n8n's CredentialsTester does for a credential with a `test.request`:
 * a mock `n8n-nodes-base.noOp` node whose one property routes that request, run by n8n-core's
 * RoutingNode, so the request goes through `httpRequestWithAuthentication` like the Test button's.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import { isExpression, Workflow } from 'n8n-workflow';

import { recordArtifact, recordError } from './audit';
import { n8nCoreMajor } from './n8nMajor';

export interface LifecycleStore {
	data(id: string): IDataObject;
	update(id: string, patch: IDataObject): void;
}

export function credentialLifecycle(store: LifecycleStore, types: Record<string, ICredentialType>) {
	const typeOf = (name: string) => {
		const type = types[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	};

	const resolve = (value: string, credentials: ICredentialDataDecryptedObject, workflow: WorkflowType, node: INode) => {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as never, undefined, '');
		return resolved ? String(resolved) : '';
	};

	return {
		async authenticate(
			credentials: ICredentialDataDecryptedObject,
			typeName: string,
			requestOptions: IHttpRequestOptions,
			workflow: WorkflowType,
			node: INode,
		): Promise<IHttpRequestOptions> {
			const { authenticate } = typeOf(typeName);
			if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
			if (authenticate?.type === 'generic') {
				requestOptions.headers ??= {};
				for (const [outer, values] of Object.entries(authenticate.properties)) {
					const target = ((requestOptions as unknown as IDataObject)[outer] ??= {}) as IDataObject;
					for (const [key, value] of Object.entries(values as IDataObject)) {
						target[resolve(key, credentials, workflow, node)] = resolve(String(value), credentials, workflow, node);
					}
				}
			}
			return requestOptions;
		},

		async preAuthentication(
			helpers: IHttpRequestHelper,
			credentials: ICredentialDataDecryptedObject,
			typeName: string,
			node: INode,
			credentialsExpired: boolean,
		): Promise<ICredentialDataDecryptedObject | undefined> {
			const type = typeOf(typeName);
			const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
			if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
			const testing = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
			if (credentials[expirable.name] !== '' && !credentialsExpired && !testing) return undefined;
			// 2.x hands the hook only `httpRequest` (checked against the credential's allowed domains,
			// which none of ours restricts).
			const hookThis = n8nCoreMajor() >= 2 ? ({ helpers: { httpRequest: helpers.helpers.httpRequest } } as IHttpRequestHelper) : helpers;
			const output = await type.preAuthentication.call(hookThis, credentials);
			if (output[expirable.name] === undefined) return undefined;
			const nodeCredentials = node.credentials?.[type.name];
			if (!nodeCredentials) return undefined;
			if (nodeCredentials.id) {
				const id = String(nodeCredentials.id);
				if (n8nCoreMajor() >= 2) {
					// 2.x merges the output into the stored data, except over fields filled with an expression.
					const stored = store.data(id);
					const kept = Object.entries(output).filter(([key]) => key === expirable.name || !isExpression(stored[key]));
					store.update(id, Object.fromEntries(kept) as IDataObject);
				} else {
					// 1.x saves the whole (resolved) credential with the output merged in.
					store.update(id, { ...credentials, ...output } as IDataObject);
				}
			}
			return Object.assign(credentials, output);
		},
	};
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** The Test button: runs the credential's `test.request` the way n8n's CredentialsTester does. */
export async function runCredentialTest(
	additionalData: IWorkflowExecuteAdditionalData,
	type: ICredentialType,
	credential: { id: string; name: string; data: ICredentialDataDecryptedObject },
): Promise<CredentialTestResult> {
	const request = type.test?.request;
	if (!request) throw new Error(`${type.name} has no test request`);
	const nodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' }],
		},
	} as unknown as INodeType;
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type.name]: { id: credential.id, name: credential.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const workflowNode = workflow.getNode(node.name)!;
	const inputData = { main: [[{ json: {} }]] };
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		workflowNode,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		inputData,
		{ node: workflowNode, data: {}, source: null } as never,
		[],
	);
	const routing = new RoutingNode(context, nodeType, { id: credential.id, name: credential.name, type: type.name, data: credential.data });
	try {
		await routing.runNode();
		recordArtifact(`credential test ${type.name}`, 'OK');
		return { status: 'OK', message: 'Connection tested successfully' };
	} catch (error) {
		recordError(`credential test ${type.name}`, error);
		// CredentialsTester: an HTTP status when n8n-core kept the response, else the error's message.
		const cause = (error as { cause?: { response?: { status?: number; statusText?: string } } }).cause;
		const status = cause?.response?.status;
		// The credential's own message for a status comes first, as in CredentialsTester.
		for (const rule of (type.test?.rules ?? []) as Array<{ type: string; properties: { value: unknown; message: string } }>) {
			if (rule.type === 'responseCode' && status !== undefined && rule.properties.value === status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (status !== undefined && (status < 199 || status > 299)) {
			return { status: 'Error', message: cause?.response?.statusText || `Received HTTP status code: ${status}` };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}
}
