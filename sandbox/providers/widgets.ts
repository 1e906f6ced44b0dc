import { createHash, timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

import { ApiTokens } from '../apiTokens';
import type { ApiTokenConfig } from '../apiTokens';
import type { ApiCall, ApiResult, SandboxProvider, TokenGrant } from '../types';

/**
 * "Widgets": a test-only fourth provider (no product behind it, never shipped). It exists to show
 * that a provider unlike the three real ones plugs into the shared core unchanged; its node lives
 * in test/fourthProvider/. It is served only when `startSandbox({ withTestProviders: true })` asks
 * for it, so the sandbox of `npm start` and of every other test is as before.
 *
 * - API key only, in the header `X-Api-Key`; no OAuth (its OAuth server has no clients), no bearer
 *   token, no key in the query. A missing or wrong key is a 401, and the 401 echoes the key it was
 *   given, as careless APIs do, so tests can prove the node redacts it.
 * - Cursor paging in an envelope: `GET /widgets?pageSize=&pageToken=` answers
 *   `{ "items": [...], "nextPageToken": "…" | null }`; page size 1 to `MAX_PAGE_SIZE` (default 10).
 *   A page token is opaque and bound to the data set: a made-up one is a 400.
 * - Errors as `{ "error": { "code": "NOT_FOUND", "message": "…" } }`.
 */

export const WIDGETS_MAX_PAGE_SIZE = 25;
const DEFAULT_PAGE_SIZE = 10;

/** The header carrying the key, lower case as Node.js presents headers. */
const KEY_HEADER = 'x-api-key';

/** Sandbox-only keys. */
export const WIDGETS_API_KEYS: ApiTokenConfig = {
	header: KEY_HEADER,
	// Never read: the key is accepted in the header only (see `WidgetApiKeys`).
	query: 'apiKey',
	tokens: [{ token: 'sbx-widgets-key-7Hq2Lw9Xc4', subject: 'account:widget-works' }],
};

const keyEquals = (known: string, presented: string) => {
	const a = Buffer.from(known);
	const b = Buffer.from(presented);
	return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The Widgets API's key check: the `X-Api-Key` header and nothing else. It always decides (never
 * `undefined`), so a request is never handed to the OAuth server: the provider has no OAuth.
 */
export class WidgetApiKeys extends ApiTokens {
	verify(headers: IncomingHttpHeaders, query: URLSearchParams): TokenGrant | { invalid: string } {
		if (query.has(this.config.query) || query.has('api_key') || query.has('key')) {
			return { invalid: 'API keys are accepted in the X-Api-Key header only, never in the URL' };
		}
		const header = headers[this.config.header];
		const presented = Array.isArray(header) ? header[0] : header;
		if (presented === undefined || presented === '') return { invalid: 'missing X-Api-Key header' };
		const match = this.config.tokens.find(({ token }) => keyEquals(token, presented));
		if (!match) return { invalid: `API key ${presented} is not valid for this account` };
		return { clientId: 'api-key', subject: match.subject, scopes: [], grantType: 'api_token', apiTokenIn: 'tokenHeader' };
	}
}

type Row = Record<string, unknown>;

export interface WidgetsSandbox extends SandboxProvider {
	data: { widgets: Row[]; generation: string };
}

/** Stable IDs: `w-0001`, `w-0002`, … */
export const widgetId = (index: number) => `w-${String(index + 1).padStart(4, '0')}`;

const COLOURS = ['red', 'green', 'blue', 'amber', 'violet'];

export function createWidgetsProvider(): WidgetsSandbox {
	let resets = 0;
	const provider = {
		id: 'widgets' as const,
		apiPrefix: '/widgets/api/v1',
		// No OAuth: the server exists (every provider gets one) but knows no client, so any token request fails.
		clients: [],
		oauth: {
			authorizePath: '/widgets/oauth/authorize',
			tokenPath: '/widgets/oauth/token',
			clientAuth: 'body' as const,
			accessTokenTtlSeconds: 3600,
			refreshTokenTtlSeconds: 3600,
			scopesUnsupported: true,
		},
		data: undefined as unknown as WidgetsSandbox['data'],

		/** `widgets`: how many widgets there are (default 70: three pages of 25). */
		reset(options: Record<string, unknown> = {}) {
			const count = (options.widgets as number | undefined) ?? 70;
			provider.data = {
				// Page tokens of an earlier data set are refused, as a real cursor would expire.
				generation: String(++resets),
				widgets: Array.from({ length: count }, (_, n) => ({
					id: widgetId(n),
					name: `Widget ${n + 1}`,
					colour: COLOURS[n % COLOURS.length],
					stock: (n * 7) % 31,
					createdAt: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
				})),
			};
		},

		error(status: number, message: string, code?: string): ApiResult {
			return {
				status,
				body: { error: { code: code ?? defaultCode(status), message } },
				headers: status === 401 ? { 'WWW-Authenticate': 'ApiKey header="X-Api-Key"' } : undefined,
			};
		},

		/** The key a request presented, for the `echoToken` fault (an error that repeats it). */
		presentedSecret(headers: IncomingHttpHeaders): string | undefined {
			const header = headers[KEY_HEADER];
			return Array.isArray(header) ? header[0] : header;
		},

		snapshot() {
			return { widgets: provider.data.widgets };
		},

		handle(call: ApiCall, _grant: TokenGrant): ApiResult {
			const segments = call.path.split('/').filter(Boolean).map(decodeURIComponent);
			if (segments[0] !== 'widgets' || segments.length > 2) return provider.error(404, `No route ${call.method} ${call.path}`);
			if (call.method !== 'GET') return provider.error(405, `${call.method} is not allowed on ${call.path}`);
			if (segments.length === 2) {
				const widget = provider.data.widgets.find((w) => w.id === segments[1]);
				return widget ? { status: 200, body: widget } : provider.error(404, `Widget ${segments[1]} not found`);
			}
			return list(call.query);
		},
	};

	const tokenFor = (offset: number) =>
		Buffer.from(JSON.stringify({ g: provider.data.generation, o: offset, s: sign(provider.data.generation, offset) })).toString('base64url');

	const offsetOf = (token: string): number | undefined => {
		try {
			const { g, o, s } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { g: string; o: number; s: string };
			return g === provider.data.generation && Number.isInteger(o) && s === sign(g, o) ? o : undefined;
		} catch {
			return undefined;
		}
	};

	function list(query: URLSearchParams): ApiResult {
		const sizeText = query.get('pageSize');
		const size = sizeText === null ? DEFAULT_PAGE_SIZE : Number(sizeText);
		if (!Number.isInteger(size) || size < 1 || size > WIDGETS_MAX_PAGE_SIZE) {
			return provider.error(400, `pageSize must be a whole number from 1 to ${WIDGETS_MAX_PAGE_SIZE}`, 'INVALID_ARGUMENT');
		}
		const token = query.get('pageToken');
		const offset = token === null || token === '' ? 0 : offsetOf(token);
		if (offset === undefined) return provider.error(400, 'pageToken is not valid (expired or made up)', 'INVALID_PAGE_TOKEN');
		const items = provider.data.widgets.slice(offset, offset + size);
		const next = offset + size;
		return { status: 200, body: { items, nextPageToken: next < provider.data.widgets.length ? tokenFor(next) : null } };
	}

	provider.reset();
	return provider;
}

function sign(generation: string, offset: number): string {
	return createHash('sha256').update(`widgets:${generation}:${offset}`).digest('base64url').slice(0, 12);
}

function defaultCode(status: number): string {
	return (
		{ 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 429: 'RESOURCE_EXHAUSTED' } as Record<number, string>
	)[status] ?? 'INTERNAL';
}
