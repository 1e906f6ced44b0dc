/**
 * Shared set-up of the end-to-end tests: the provider sandbox (in this process, on a free port),
 * the packages built and packed, and a real n8n of a pinned version with its own temporary user
 * folder, the packages (all three, or the ones asked for) installed from their tarballs, and the
 * sandbox credentials and demo workflows of the installed nodes imported. Everything started here
 * is stopped by `close()`.
 *
 * Installing n8n and setting it up take what they take on a loaded machine: scripts/test.js
 * installs the n8n versions and packs the packages before jest starts, and every set-up
 * (`beforeAll`) gets SETUP_TIMEOUT, far beyond any test's own limit, so slowness never fails a run.
 */
import { recordArtifact, recordSecret } from '../helpers/audit';

/* eslint-disable @typescript-eslint/no-require-imports */
const { N8n, OWNER } = require('../../scripts/n8n/n8n');
const { packPackages, loadSandbox } = require('../../scripts/n8n/package');
const fixtures = require('../../scripts/n8n/fixtures');
const { connectOAuth2: connectInBrowser } = require('../../scripts/n8n/connect');

export type Credential = {
	id: string;
	name: string;
	type: string;
	provider: string;
	grant: string;
	data: Record<string, unknown>;
};

export interface RequestLogEntry {
	seq: number;
	provider: string;
	kind: 'authorize' | 'token' | 'api' | 'admin' | 'unknown';
	method: string;
	path: string;
	status: number;
	grantType?: string;
	clientId?: string;
	error?: string;
}

export interface ExecuteResult {
	ok: boolean;
	run: any;
	error?: any;
	stdout: string;
	stderr: string;
	output(node: string): Array<Record<string, any>>;
}

export interface Stack {
	version: string;
	n8n: any;
	sandbox: { url: string; close(): Promise<void>; urls: Record<string, any>; clients: Record<string, any> };
	credentials: Credential[];
	workflows: Array<Record<string, any>>;
	shipped: Set<string>;
	owner: { email: string; password: string };
	credential(provider: string, grant: string): Credential;
	admin: {
		requests(filter?: { provider?: string; kind?: string }): Promise<RequestLogEntry[]>;
		clearRequests(): Promise<void>;
		expireTokens(provider?: string, kind?: 'access' | 'refresh' | 'all'): Promise<void>;
		data(provider: string): Promise<any>;
		configure(settings: { provider: string; replayRevokesChain?: boolean }): Promise<void>;
		fault(fault: Record<string, unknown>): Promise<void>;
	};
	execute(workflowId: string): Promise<ExecuteResult>;
	close(): Promise<void>;
}

export const WORKFLOW_IDS: Record<string, string> = fixtures.WORKFLOW_IDS;

/** The limit of one set-up (`beforeAll`: n8n install when missing, start, imports); see above. */
export const SETUP_TIMEOUT = 90 * 60_000;
export { OWNER, fixtures };

/** A production webhook (POST `path`) that answers with every item of the workflow's last node. */
export function webhookNode(path: string) {
	return {
		...fixtures.node('Webhook', 'n8n-nodes-base.webhook', [0, 0], {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		}),
		typeVersion: 2,
		webhookId: fixtures.uuid(`webhook:${path}`),
	};
}

/** Log lines of the harness go to stderr with a prefix, so jest's output shows the progress. */
export const log = (version: string) => (msg: string) => process.stderr.write(`[e2e n8n ${version}] ${msg}\n`);

export async function startStack(
	version: string,
	opts: {
		scheduleSeconds?: number;
		extraWorkflows?: (creds: Credential[], sandbox: { tapkeyOwnerId: string }) => Array<Record<string, any>>;
		/** Import only some of the sandbox credentials. */
		credentialFilter?: (c: Credential) => boolean;
		/** More credentials to import, made from the running sandbox (e.g. a JWT it signed). */
		extraCredentials?: (sandbox: any) => Credential[];
		/** The packages to install (default: all three), e.g. `['n8n-nodes-tapkey']` for a user who needs only Tapkey. */
		packages?: string[];
	} = {},
): Promise<Stack> {
	const say = log(version);
	const [{ tarballs, pkgs }, sandboxModule] = await Promise.all([packPackages({ log: say, names: opts.packages }), loadSandbox()]);
	const sandbox = await sandboxModule.startSandbox({ host: '127.0.0.1', port: 0 });
	let n8n: any;
	try {
		n8n = await N8n.create({ version, log: say });
		await n8n.installCommunityPackages(tarballs);
		// Only credentials of the installed packages: n8n cannot load another type.
		const installedTypes = new Set<string>(
			fixtures.PACKAGES.filter((p: { name: string }) => pkgs.some((q: { name: string }) => q.name === p.name)).flatMap(
				(p: { credentials: string[] }) => p.credentials,
			),
		);
		const credentials: Credential[] = [...fixtures.sandboxCredentials(sandbox), ...(opts.extraCredentials?.(sandbox) ?? [])]
			.filter((c) => installedTypes.has(c.type))
			.filter(opts.credentialFilter ?? (() => true));
		const shipped: Set<string> = fixtures.shippedNodes(pkgs);
		// The Tapkey owner account the booking demo and the templates are set up for.
		const tapkeyOwnerId: string = sandbox.providers.tapkey.snapshot().owners[0]?.id;
		const workflows = [
			...fixtures.demoWorkflows(credentials, {
				hasNode: (n: string) => shipped.has(n),
				scheduleSeconds: opts.scheduleSeconds,
				ownerId: tapkeyOwnerId,
			}),
			...(opts.extraWorkflows?.(credentials, { tapkeyOwnerId }) ?? []),
		];
		await n8n.importCredentials(fixtures.forImport(credentials));
		await n8n.importWorkflows(workflows);

		const adminCall = async (method: string, route: string, body?: unknown) => {
			const res = await fetch(`${sandbox.url}/__admin${route}`, {
				method,
				headers: body ? { 'Content-Type': 'application/json' } : {},
				body: body ? JSON.stringify(body) : undefined,
			});
			if (!res.ok) throw new Error(`sandbox ${method} ${route} -> ${res.status}`);
			return res.status === 204 ? undefined : res.json();
		};

		const stack: Stack = {
			version,
			n8n,
			sandbox,
			credentials,
			workflows,
			shipped,
			owner: OWNER,
			credential(provider, grant) {
				const found = credentials.find((c) => c.provider === provider && c.grant === grant);
				if (!found) throw new Error(`no ${provider} ${grant} credential`);
				return found;
			},
			admin: {
				requests: async (filter = {}) => {
					const qs = new URLSearchParams(filter as Record<string, string>).toString();
					return (await adminCall('GET', `/requests${qs ? `?${qs}` : ''}`)) as RequestLogEntry[];
				},
				clearRequests: async () => void (await adminCall('DELETE', '/requests')),
				expireTokens: async (provider, kind = 'access') =>
					void (await adminCall('POST', '/tokens/expire', { provider, kind })),
				data: async (provider) => adminCall('GET', `/data/${provider}`),
				configure: async (settings) => void (await adminCall('POST', '/config', settings)),
				fault: async (fault) => void (await adminCall('POST', '/faults', fault)),
			},
			execute: async (workflowId) => {
				const result = await n8n.execute(workflowId);
				// What n8n printed (run data, errors, logs) goes to the secret audit.
				recordArtifact(`n8n ${version} execute ${workflowId} stdout`, result.stdout);
				recordArtifact(`n8n ${version} execute ${workflowId} stderr`, result.stderr);
				return result;
			},
			close: async () => {
				await n8n.stop();
				recordArtifact(`n8n ${version} server log`, n8n.serverOutput);
				auditSandboxSecrets(sandbox);
				await n8n.dispose();
				await sandbox.close();
			},
		};
		return stack;
	} catch (err) {
		await n8n?.dispose();
		await sandbox.close();
		throw err;
	}
}

/**
 * Every secret of the run for the audit: the clients' secrets and each token the sandbox issued
 * (read from its in-process token stores, which are not part of its HTTP surface).
 */
export function auditSandboxSecrets(sandbox: any) {
	for (const clients of Object.values(sandbox.clients) as any[]) {
		for (const c of clients) recordSecret(c.clientSecret);
	}
	for (const server of Object.values(sandbox.oauth ?? {}) as any[]) {
		for (const store of [server.accessTokens, server.refreshTokens, server.codes]) {
			if (store instanceof Map) for (const token of store.keys()) recordSecret(token);
		}
	}
}

/** Explains a failed execution with n8n's own error message (no secrets: n8n redacts them). */
export function describeFailure(result: ExecuteResult): string {
	const err = result.error;
	if (!err) return `exit not ok\n${result.stderr.slice(-2000)}`;
	return `${err.message ?? ''} ${err.description ?? ''} (node: ${err.node?.name ?? '?'})`;
}

/** n8n's "Connect" done as a person does it (scripts/n8n/connect.js); the callback page is audited. */
export async function connectOAuth2(n8n: any, credentialId: string): Promise<{ status: number; html: string }> {
	const callback = await connectInBrowser(n8n, credentialId);
	recordArtifact(`n8n ${n8n.version} OAuth2 callback page`, callback.html);
	return callback;
}

/** Polls `check` until it returns a truthy value or the time is up. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/**
 * How long a webhook call waits for n8n's answer. Above the package's own worst case for one read
 * (4 attempts of a 30 s Timeout, their back-off and a 15 s wait for a token renewal), below jest's
 * timeouts: a call that gets no answer says so, and which call it was, instead of hanging the test.
 */
export const WEBHOOK_ANSWER_MS = 150_000;

export interface WebhookAnswer {
	status: number;
	text: string;
}

/**
 * POSTs `body` to n8n's production webhook `path`. With no answer within `timeoutMs`, fails with
 * "no answer within N s", the webhook path, the workflow, and the executions n8n's REST API lists
 * for that workflow since the call began (id, status, mode): the one still running or waiting is
 * the execution that never answered; none means n8n never started one (or lost it).
 */
export async function callWebhook(
	n8n: { url: string; executions(workflowId: string): Promise<Array<Record<string, any>>> },
	call: { path: string; workflowId: string; body?: unknown; timeoutMs?: number },
): Promise<WebhookAnswer> {
	const timeoutMs = call.timeoutMs ?? WEBHOOK_ANSWER_MS;
	const startedAt = Date.now();
	try {
		const res = await fetch(`${n8n.url}/webhook/${call.path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(call.body ?? {}),
			signal: AbortSignal.timeout(timeoutMs),
		});
		return { status: res.status, text: await res.text() };
	} catch (error) {
		if ((error as Error)?.name !== 'TimeoutError') throw error;
		const executions = await executionsSince(n8n, call.workflowId, startedAt);
		throw new Error(
			`no answer within ${timeoutMs / 1000} s from POST /webhook/${call.path} (workflow ${call.workflowId}); ${executions}`,
		);
	}
}

/** The executions of a workflow that began at or after `sinceMs`, as one line for an error. */
async function executionsSince(
	n8n: { executions(workflowId: string): Promise<Array<Record<string, any>>> },
	workflowId: string,
	sinceMs: number,
): Promise<string> {
	try {
		const since = (await n8n.executions(workflowId)).filter((e) => {
			const began = Date.parse(e.startedAt ?? e.createdAt ?? '');
			// A second of slack: n8n's clock and the test's are the same machine's, its timestamps are rounded.
			return !Number.isFinite(began) || began >= sinceMs - 1_000;
		});
		if (since.length === 0) return 'n8n lists no execution of it since the call began';
		const listed = since.map((e) => `#${e.id} ${e.status}${e.mode ? ` (${e.mode})` : ''}`).join(', ');
		return `its executions since the call began: ${listed}`;
	} catch (error) {
		return `its executions could not be listed (${(error as Error)?.message ?? error})`;
	}
}
