import { createServer } from 'http';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import type { ApiTokens } from './apiTokens';
import { consentPage } from './consent';
import { homePage, sandboxDirectory } from './home';
import { OAuthServer } from './oauth';
import type { TokenExchange } from './tokenExchange';
import type { ApiResult, Fault, ProviderId, RequestLogEntry, SandboxProvider } from './types';

export interface SandboxOptions {
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	providers: SandboxProvider[];
	/** Per-provider data sizes handed to `reset`. */
	seed?: Partial<Record<ProviderId, Record<string, unknown>>>;
	/** Print one line per request (method, path, status) — never headers or bodies. */
	log?: (line: string) => void;
	/** Called with every token issued (for the tests' secret audit); never logged. */
	onSecretIssued?: (secret: string) => void;
	/** Providers' token-exchange grants (Tapkey). */
	tokenExchange?: Partial<Record<ProviderId, TokenExchange>>;
	/** Providers' static API tokens, accepted besides bearer tokens (LockitNetwork). */
	apiTokens?: Partial<Record<ProviderId, ApiTokens>>;
}

export interface RunningSandbox {
	url: string;
	port: number;
	close(): Promise<void>;
	/** Direct access for in-process tests; over HTTP the same is at `/__admin`. */
	oauth: Record<ProviderId, OAuthServer>;
	requests: RequestLogEntry[];
	faults: Fault[];
	reset(): void;
}

/** Query parameters that select a page, for the `ignorePaging` fault. */
const PAGING_PARAMS = ['$skip', 'index', 'page', 'offset', 'pageToken'];

/** Query parameters that ask for a page size, for the `capPage` fault. */
const PAGE_SIZE_PARAMS = ['$top', 'count', 'limit', 'pageSize'];

const SECRET_QUERY_KEYS = /^(access_token|refresh_token|client_secret|code|code_verifier|token)$/i;

function redactQuery(query: URLSearchParams): string {
	const copy = new URLSearchParams(query);
	for (const key of [...copy.keys()]) if (SECRET_QUERY_KEYS.test(key)) copy.set(key, '…');
	return copy.toString();
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	const payload = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...(payload ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
		'Cache-Control': 'no-store',
		...headers,
	});
	res.end(payload);
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
	const providers = new Map(options.providers.map((p) => [p.id, p]));
	const oauth = Object.fromEntries(options.providers.map((p) => [p.id, new OAuthServer(p, p.oauth, options.onSecretIssued)])) as Record<
		ProviderId,
		OAuthServer
	>;
	for (const [id, exchange] of Object.entries(options.tokenExchange ?? {})) oauth[id as ProviderId].tokenExchange = exchange;
	const requests: RequestLogEntry[] = [];
	const faults: Fault[] = [];
	const faultSeen = new Map<Fault, number>();
	let seq = 0;

	const reset = () => {
		for (const provider of providers.values()) {
			provider.reset(options.seed?.[provider.id]);
			oauth[provider.id].reset();
		}
		requests.length = 0;
		faults.length = 0;
	};
	reset();

	const record = (entry: Omit<RequestLogEntry, 'seq' | 'at'>) => {
		const full = { ...entry, seq: ++seq, at: Date.now() };
		requests.push(full);
		options.log?.(`${full.provider} ${full.method} ${full.path} -> ${full.status}${full.fault ? ` [${full.fault}]` : ''}`);
	};

	/** The first active fault for this request, consuming one of its uses. */
	const takeFault = (provider: ProviderId, target: 'api' | 'token', method: string, path: string) => {
		for (const fault of faults) {
			if (fault.provider && fault.provider !== provider) continue;
			const faultTarget = fault.target ?? 'api';
			if (faultTarget !== 'any' && faultTarget !== target) continue;
			if (fault.method && fault.method.toUpperCase() !== method) continue;
			if (fault.path && !new RegExp(fault.path, 'i').test(path)) continue;
			const seen = (faultSeen.get(fault) ?? 0) + 1;
			faultSeen.set(fault, seen);
			if (seen <= (fault.after ?? 0)) continue;
			if (fault.count === 0) continue;
			if (fault.count > 0) fault.count--;
			return fault;
		}
		return undefined;
	};

	/** Answers a fault; returns true when the request is fully handled. */
	const applyFault = async (
		fault: Fault,
		res: ServerResponse,
		provider: SandboxProvider,
		req?: IncomingMessage,
		url?: URL,
	): Promise<boolean> => {
		switch (fault.kind) {
			case 'ignorePaging':
				for (const key of PAGING_PARAMS) url?.searchParams.delete(key);
				return false;
			case 'capPage':
				for (const key of PAGE_SIZE_PARAMS) {
					const asked = Number(url?.searchParams.get(key));
					if (url && Number.isFinite(asked) && asked > (fault.pageCap ?? 100)) url.searchParams.set(key, String(fault.pageCap ?? 100));
				}
				return false;
			case 'ignoreFilter':
				url?.searchParams.delete('$filter');
				return false;
			case 'hang':
				// Ends only when the client gives up or `close()` drops every connection.
				await new Promise((resolve) => res.on('close', resolve));
				return true;
			case 'redirect': {
				const here = `http://${req?.headers.host ?? '127.0.0.1'}`;
				const elsewhere = here.replace('127.0.0.1', 'localhost');
				const target = fault.sameOrigin ? `${here}${url?.pathname ?? '/'}` : `${elsewhere}/__elsewhere${url?.pathname ?? '/'}`;
				res.writeHead(fault.status ?? 302, { Location: `${target}${url?.search ?? ''}`, 'Content-Length': '0' });
				res.end();
				return true;
			}
			case 'echoToken': {
				const presented =
					(req && provider.presentedSecret?.(req.headers)) ?? /^Bearer\s+(\S+)$/i.exec(req?.headers.authorization ?? '')?.[1] ?? 'none';
				const echoed = provider.error(fault.status ?? 400, `Token ${presented} may not be used for this request`, 'TokenNotAllowed');
				sendJson(res, fault.status ?? 400, echoed.body, echoed.headers);
				return true;
			}
			case 'latency':
				await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 1000));
				return false;
			case 'revokeAccess':
				oauth[provider.id].revokeAll('access');
				return false;
			case 'drop':
				res.socket?.destroy();
				return true;
			case 'garbage':
				res.writeHead(fault.status ?? 200, { 'Content-Type': 'application/json' });
				res.end('{"truncated": [1, 2,');
				return true;
			case 'html':
				res.writeHead(fault.status ?? 502, { 'Content-Type': 'text/html' });
				res.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
				return true;
			case 'empty':
				res.writeHead(fault.status ?? 200, { 'Content-Length': '0' });
				res.end();
				return true;
			case 'status':
				const injected = provider.error(fault.status ?? 500, 'injected fault', 'InjectedFault');
				sendJson(res, fault.status ?? 500, fault.body ?? injected.body, {
					...injected.headers,
					...(fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {}),
					...fault.headers,
				});
				return true;
		}
	};

	const handleAdmin = async (req: IncomingMessage, res: ServerResponse, url: URL, raw: string) => {
		const body = raw ? JSON.parse(raw) : {};
		const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
		const provider = (body.provider ?? url.searchParams.get('provider')) as ProviderId | undefined;
		const targets = provider ? [oauth[provider]].filter(Boolean) : Object.values(oauth);
		switch (route) {
			case 'POST /__admin/reset':
				if (body.seed) options.seed = { ...options.seed, ...body.seed };
				reset();
				return sendJson(res, 204, undefined);
			case 'GET /__admin/requests': {
				const kind = url.searchParams.get('kind');
				return sendJson(
					res,
					200,
					requests.filter((r) => (!provider || r.provider === provider) && (!kind || r.kind === kind)),
				);
			}
			case 'DELETE /__admin/requests':
				requests.length = 0;
				return sendJson(res, 204, undefined);
			case 'POST /__admin/faults':
				faults.push(...(Array.isArray(body) ? body : [body]));
				return sendJson(res, 204, undefined);
			case 'DELETE /__admin/faults':
				faults.length = 0;
				return sendJson(res, 204, undefined);
			case 'POST /__admin/tokens/expire':
				targets.forEach((server) => server.expireAll(body.kind));
				return sendJson(res, 204, undefined);
			case 'POST /__admin/tokens/revoke':
				targets.forEach((server) => server.revokeAll(body.kind));
				return sendJson(res, 204, undefined);
			case 'POST /__admin/config':
				for (const server of targets) {
					if (typeof body.replayRevokesChain === 'boolean') server.replayRevokesChain = body.replayRevokesChain;
					if (typeof body.accessTokenTtlSeconds === 'number') server.accessTokenTtlSeconds = body.accessTokenTtlSeconds;
				}
				return sendJson(res, 204, undefined);
			case 'GET /__admin/state':
				return sendJson(
					res,
					200,
					Object.fromEntries(Object.entries(oauth).map(([id, server]) => [id, server.counters])),
				);
		}
		const data = /^GET \/__admin\/data\/(\w+)$/.exec(route);
		if (data && providers.has(data[1] as ProviderId)) {
			return sendJson(res, 200, providers.get(data[1] as ProviderId)!.snapshot());
		}
		sendJson(res, 404, { error: `no admin route ${route}` });
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const startedAt = Date.now();
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const method = (req.method ?? 'GET').toUpperCase();
		const raw = await readBody(req);
		if (url.pathname.startsWith('/__admin')) {
			return await handleAdmin(req, res, url, raw);
		}
		if (url.pathname.startsWith('/__elsewhere/')) {
			// Stands in for another origin a redirect may point at: records what reached it.
			record({
				provider: 'admin',
				kind: 'elsewhere',
				method,
				path: url.pathname,
				query: redactQuery(url.searchParams),
				status: 200,
				hadAuthorization: req.headers.authorization !== undefined,
				bodyBytes: Buffer.byteLength(raw),
			});
			return sendJson(res, 200, []);
		}
		// The root page lists URLs, clients and admin endpoints for a person; JSON clients get status.
		if (url.pathname === '/' && method === 'GET' && !/application\/json/.test(req.headers.accept ?? '')) {
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
			return res.end(homePage(sandboxDirectory(`http://${req.headers.host ?? 'sandbox.invalid'}`, options.providers)));
		}
		if (url.pathname === '/' || url.pathname === '/health') {
			return sendJson(res, 200, { ok: true, providers: [...providers.keys()] });
		}

		for (const provider of providers.values()) {
			const server = oauth[provider.id];
			const { authorizePath, tokenPath } = provider.oauth;
			if (url.pathname === authorizePath) {
				const query = method === 'POST' ? new URLSearchParams(raw) : url.searchParams;
				const checked = server.validateAuthorizeRequest(query);
				const entry = { provider: provider.id, kind: 'authorize' as const, method, path: url.pathname, query: redactQuery(url.searchParams), clientId: query.get('client_id') ?? undefined };
				if ('error' in checked) {
					record({ ...entry, status: 400, error: checked.error });
					res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
					return res.end(consentPage.error(provider.id, checked.error));
				}
				if (method === 'GET') {
					record({ ...entry, status: 200 });
					res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
					return res.end(consentPage.render(provider.id, checked.client.clientId, checked.scopes, query));
				}
				// The consent form posts back here with the user's decision.
				const redirect = new URL(query.get('redirect_uri')!);
				if (query.get('decision') === 'approve') {
					redirect.searchParams.set('code', server.issueCode(checked.client, checked.scopes, query));
				} else {
					redirect.searchParams.set('error', 'access_denied');
				}
				if (query.get('state') !== null) redirect.searchParams.set('state', query.get('state')!);
				record({ ...entry, status: 302 });
				res.writeHead(302, { Location: redirect.toString() });
				return res.end();
			}
			if (url.pathname === tokenPath) {
				const fault = takeFault(provider.id, 'token', method, url.pathname);
				if (fault && (await applyFault(fault, res, provider, req, url))) {
					record({ provider: provider.id, kind: 'token', method, path: url.pathname, query: '', status: fault.status ?? 0, fault: fault.kind });
					return;
				}
				if (method !== 'POST') return sendJson(res, 405, { error: 'invalid_request' });
				const result = server.token(new URLSearchParams(raw), req.headers, req.headers['content-type']);
				record({ provider: provider.id, kind: 'token', method, path: url.pathname, query: '', status: result.status, ...result.log });
				return sendJson(res, result.status, result.body);
			}
			const prefix = provider.apiPrefix;
			if (url.pathname.toLowerCase() === prefix.toLowerCase() || url.pathname.toLowerCase().startsWith(`${prefix.toLowerCase()}/`)) {
				const path = url.pathname.slice(prefix.length) || '/';
				const entry = { provider: provider.id, kind: 'api' as const, method, path, query: redactQuery(url.searchParams), startedAt };
				const fault = takeFault(provider.id, 'api', method, path);
				if (fault && (await applyFault(fault, res, provider, req, url))) {
					record({ ...entry, status: fault.kind === 'drop' ? 0 : fault.status ?? 200, fault: fault.kind });
					return;
				}
				const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
				const grant = options.apiTokens?.[provider.id]?.verify(req.headers, url.searchParams) ?? server.verify(bearer);
				let result: ApiResult;
				if ('invalid' in grant) {
					result = provider.error(401, grant.invalid, 'Unauthorized');
				} else {
					let body: unknown;
					try {
						body = raw ? JSON.parse(raw) : undefined;
					} catch {
						body = Symbol.for('invalid-json');
					}
					result = await provider.handle({ method, path, query: url.searchParams, body, headers: req.headers }, grant);
				}
				record({
					...entry,
					status: result.status,
					clientId: 'invalid' in grant ? undefined : grant.clientId,
					...('invalid' in grant || !grant.apiTokenIn ? {} : { apiTokenIn: grant.apiTokenIn }),
					error: 'invalid' in grant ? grant.invalid : undefined,
				});
				return sendJson(res, result.status, result.body, result.headers);
			}
		}
		record({ provider: 'admin', kind: 'unknown', method, path: url.pathname, query: redactQuery(url.searchParams), status: 404 });
		sendJson(res, 404, { error: 'not found' });
	};

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			options.log?.(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
			if (!res.headersSent) sendJson(res, 500, { error: 'sandbox failure' });
			else res.end();
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const host = options.host ?? '127.0.0.1';
	return {
		url: `http://${host}:${port}`,
		port,
		oauth,
		requests,
		faults,
		reset,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
