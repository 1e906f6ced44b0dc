import type { ApiCall, ApiResult, SandboxClient, SandboxProvider, TokenGrant } from '../types';
import { deterministicId } from './odata';

/**
 * Taptouch as documented (and, where it is not, as the README's Assumptions say): every answer is `{ status: { timestamp, ack, errors? },
 * data }`, lists page with `index`/`count`, and the order and inventory scopes exist for client
 * credentials only. The order and inventory routes, the order filters (`createdFrom`, `createdTo`,
 * `status`), `createdAt` and the inventory fields follow the same assumptions as
 * `packages/n8n-nodes-taptouch/nodes/Taptouch/transport/endpoints.ts`: change both together.
 */

export const TAPTOUCH_SCOPES = ['integration.store', 'integration.order', 'integration.inventory'];

/** Largest `count` accepted (assumed): the documented default, so the nodes never ask for more. */
export const TAPTOUCH_MAX_COUNT = 100;

export const TAPTOUCH_CLIENTS: SandboxClient[] = [
	{
		clientId: 'taptouch-web',
		clientSecret: 'sbx-taptouch-web-secret-51e0c7',
		grants: ['authorization_code'],
		scopes: TAPTOUCH_SCOPES,
		subject: 'merchant:bella-cucina',
	},
	{
		// A public client ("supports PKCE for public clients"): no secret, so the S256 challenge is
		// required and the code exchange must carry the matching verifier.
		clientId: 'taptouch-pkce',
		grants: ['authorization_code'],
		scopes: TAPTOUCH_SCOPES,
		requirePkce: true,
		subject: 'merchant:bella-cucina',
	},
	{
		clientId: 'taptouch-service',
		clientSecret: 'sbx-taptouch-service-secret-c92b4d',
		grants: ['client_credentials'],
		scopes: TAPTOUCH_SCOPES,
		subject: 'service:taptouch-service',
	},
];

type Row = Record<string, unknown>;

interface Data {
	stores: Row[];
	orders: Map<string, Row[]>;
	inventory: Map<string, Row[]>;
}

const SCOPE_FOR: Record<string, string> = {
	stores: 'integration.store',
	orders: 'integration.order',
	inventory: 'integration.inventory',
};

const STORE_NAMES = ['Bella Cucina Downtown', 'Bella Cucina Harbour', 'Corner Café', 'Noodle Bar'];
const DISHES: Array<[string, number]> = [
	['Margherita Pizza', 12.5],
	['Spaghetti Carbonara', 14],
	['Caesar Salad', 9.5],
	['Tiramisu', 6.5],
	['Espresso', 2.8],
	['Sparkling Water', 3.2],
];
const STATUSES = ['completed', 'completed', 'completed', 'open', 'cancelled'];
const ORDER_TYPES = ['dine_in', 'takeaway', 'delivery'];

const BASE = Date.UTC(2026, 0, 5, 11, 0, 0);
const iso = (offsetMinutes: number) => new Date(BASE + offsetMinutes * 60_000).toISOString();
const money = (value: number) => Math.round(value * 100) / 100;

export interface TaptouchSandbox extends SandboxProvider {
	data: Data;
	/**
	 * An order arriving now (for trigger tests); `createdAt` defaults to the current time and may be
	 * older (a till that syncs late) or an epoch number (seconds or milliseconds).
	 */
	addOrder(storeId: string, createdAt?: string | number): Row;
}

export function createTaptouchProvider(): TaptouchSandbox {
	let extraOrders = 0;

	const envelope = (status: number, data: unknown, errors?: unknown): ApiResult => ({
		status,
		body: {
			status: { timestamp: Math.floor(Date.now() / 1000), ack: status, ...(errors === undefined ? {} : { errors }) },
			data,
		},
	});

	const makeOrder = (storeId: string, n: number, createdAt: string | number, currency: string): Row => {
		const lines = Array.from({ length: 1 + (n % 3) }, (_, l) => {
			const [name, price] = DISHES[(n + l * 2) % DISHES.length];
			return { name, quantity: 1 + ((n + l) % 2), price };
		});
		return {
			id: deterministicId(`taptouch-order-${storeId}`, n),
			storeId,
			orderNumber: `#${String(n + 1).padStart(5, '0')}`,
			status: STATUSES[n % STATUSES.length],
			orderType: ORDER_TYPES[n % ORDER_TYPES.length],
			items: lines,
			total: money(lines.reduce((sum, line) => sum + line.quantity * line.price, 0)),
			currency,
			createdAt,
			updatedAt: createdAt,
		};
	};

	const provider: TaptouchSandbox = {
		id: 'taptouch',
		apiPrefix: '/taptouch/integration/v1',
		clients: TAPTOUCH_CLIENTS,
		oauth: {
			authorizePath: '/taptouch/auth/v2/authorize',
			tokenPath: '/taptouch/auth/v2/token',
			clientAuth: 'body',
			accessTokenTtlSeconds: 172_800,
			refreshTokenTtlSeconds: 4 * 24 * 3600,
			scopesPerGrant: {
				authorization_code: ['integration.store'],
				client_credentials: TAPTOUCH_SCOPES,
			},
		},
		data: undefined as unknown as Data,

		reset(options: Record<string, unknown> = {}) {
			const ordersPerStore = (options.ordersPerStore as number[] | undefined) ?? [250, 12, 0];
			const itemsPerStore = (options.itemsPerStore as number[] | undefined) ?? [130, 8, 0];
			const storeCount = Math.max(ordersPerStore.length, itemsPerStore.length);
			const data: Data = { stores: [], orders: new Map(), inventory: new Map() };
			for (let s = 0; s < storeCount; s++) {
				const id = deterministicId('taptouch-store', s);
				const currency = s % 2 ? 'EUR' : 'AUD';
				data.stores.push({
					id,
					name: STORE_NAMES[s % STORE_NAMES.length] + (s >= STORE_NAMES.length ? ` ${s}` : ''),
					timezone: s % 2 ? 'Europe/Vienna' : 'Australia/Sydney',
					currency,
					active: true,
				});
				data.orders.set(
					id,
					Array.from({ length: ordersPerStore[s] ?? 0 }, (_, n) => makeOrder(id, n, iso(n * 7), currency)),
				);
				data.inventory.set(
					id,
					Array.from({ length: itemsPerStore[s] ?? 0 }, (_, i) => {
						const [dish, price] = DISHES[i % DISHES.length];
						return {
							id: deterministicId(`taptouch-item-${id}`, i),
							sku: `SKU-${s}-${String(i + 1).padStart(4, '0')}`,
							name: i < DISHES.length ? dish : `${dish} ${Math.floor(i / DISHES.length) + 1}`,
							quantity: (i * 13) % 50,
							price,
							available: i % 7 !== 6,
							updatedAt: iso(i),
						};
					}),
				);
			}
			provider.data = data;
			extraOrders = 0;
		},

		error(status: number, message: string, code?: string): ApiResult {
			const result = envelope(status, null, code ? { code, message } : message);
			if (status === 401) result.headers = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };
			return result;
		},

		snapshot() {
			return {
				stores: provider.data.stores,
				orders: Object.fromEntries(provider.data.orders),
				inventory: Object.fromEntries(provider.data.inventory),
			};
		},

		addOrder(storeId: string, createdAt: string | number = new Date().toISOString()) {
			const store = provider.data.stores.find((s) => s.id === storeId);
			if (!store) throw new Error(`no sandbox store ${storeId}`);
			const orders = provider.data.orders.get(storeId)!;
			const order = makeOrder(storeId, 10_000 + extraOrders++, createdAt, String(store.currency));
			order.orderNumber = `#${String(orders.length + 1).padStart(5, '0')}`;
			orders.push(order);
			return order;
		},

		handle(call: ApiCall, grant: TokenGrant): ApiResult {
			const segments = call.path.split('/').filter(Boolean).map(decodeURIComponent);
			if (segments[0] !== 'stores') return provider.error(404, `No route ${call.method} ${call.path}`, 'not_found');
			const collection = segments[2] ?? 'stores';
			const scope = SCOPE_FOR[collection];
			if (!scope) return provider.error(404, `No route ${call.method} ${call.path}`, 'not_found');
			if (!grant.scopes.includes(scope)) {
				return provider.error(403, `The access token lacks the scope "${scope}".`, 'insufficient_scope');
			}
			if (segments.length === 1) {
				return call.method === 'GET' ? page(call, provider.data.stores) : methodNotAllowed(call);
			}
			const store = provider.data.stores.find((s) => s.id === segments[1]);
			if (!store) return provider.error(403, `The store ${segments[1]} is forbidden to access.`, 'store_forbidden');
			if (segments.length === 2) return provider.error(404, `No route ${call.method} ${call.path}`, 'not_found');

			const id = segments[3];
			if (collection === 'orders') {
				const orders = provider.data.orders.get(String(store.id))!;
				if (call.method !== 'GET' || segments.length > 4) return methodNotAllowed(call);
				if (id === undefined) return listOrders(call, orders);
				const order = orders.find((o) => o.id === id);
				return order ? envelope(200, order) : provider.error(404, `Order ${id} was not found.`);
			}
			const items = provider.data.inventory.get(String(store.id))!;
			if (segments.length > 4) return methodNotAllowed(call);
			if (id === undefined) return call.method === 'GET' ? page(call, items) : methodNotAllowed(call);
			const item = items.find((i) => i.id === id);
			if (call.method === 'GET') return item ? envelope(200, item) : provider.error(404, `Item ${id} was not found.`);
			if (call.method !== 'PUT') return methodNotAllowed(call);
			if (!item) return provider.error(404, `Item ${id} was not found.`);
			return updateItem(item, call.body);
		},
	};

	function methodNotAllowed(call: ApiCall): ApiResult {
		return provider.error(404, `No route ${call.method} ${call.path}`, 'not_found');
	}

	/** `index` is a page number and `count` the page size (assumed reading of the docs). */
	function page(call: ApiCall, records: Row[]): ApiResult {
		const index = Number(call.query.get('index') ?? 0);
		const count = Number(call.query.get('count') ?? TAPTOUCH_MAX_COUNT);
		const invalid: Record<string, string> = {};
		if (!Number.isInteger(index) || index < 0) invalid.index = 'must be a whole number of 0 or more';
		if (!Number.isInteger(count) || count < 1 || count > TAPTOUCH_MAX_COUNT) {
			invalid.count = `must be a whole number from 1 to ${TAPTOUCH_MAX_COUNT}`;
		}
		if (Object.keys(invalid).length) return envelope(422, null, invalid);
		return envelope(200, records.slice(index * count, index * count + count));
	}

	/** An order's `createdAt` as epoch milliseconds, whether ISO text or an epoch number (s or ms). */
	function createdMs(value: unknown): number {
		if (typeof value === 'number') return value < 1e11 ? value * 1000 : value;
		return Date.parse(String(value));
	}

	function listOrders(call: ApiCall, orders: Row[]): ApiResult {
		const from = call.query.get('createdFrom');
		const to = call.query.get('createdTo');
		const status = call.query.get('status');
		const invalid: Record<string, string> = {};
		if (from !== null && Number.isNaN(Date.parse(from))) invalid.createdFrom = 'must be an ISO 8601 date-time';
		if (to !== null && Number.isNaN(Date.parse(to))) invalid.createdTo = 'must be an ISO 8601 date-time';
		if (Object.keys(invalid).length) return envelope(422, null, invalid);
		const filtered = orders.filter((order) => {
			const created = createdMs(order.createdAt);
			if (from !== null && created < Date.parse(from)) return false;
			if (to !== null && created >= Date.parse(to)) return false;
			return status === null || order.status === status;
		});
		return page(call, filtered);
	}

	function updateItem(item: Row, body: unknown): ApiResult {
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			return envelope(422, null, 'The body must be a JSON object.');
		}
		const input = body as Row;
		const invalid: Record<string, string> = {};
		for (const key of Object.keys(input)) {
			if (!['quantity', 'price', 'available'].includes(key)) invalid[key] = 'is not a field that can be updated';
		}
		if ('quantity' in input && (!Number.isInteger(input.quantity) || (input.quantity as number) < 0)) {
			invalid.quantity = 'must be a whole number of 0 or more';
		}
		if ('price' in input && (typeof input.price !== 'number' || !Number.isFinite(input.price) || input.price < 0)) {
			invalid.price = 'must be a number of 0 or more';
		}
		if ('available' in input && typeof input.available !== 'boolean') invalid.available = 'must be true or false';
		if (Object.keys(input).length === 0) invalid.body = 'names no field to update';
		if (Object.keys(invalid).length) return envelope(422, null, invalid);
		Object.assign(item, input, { updatedAt: new Date().toISOString() });
		return envelope(200, item);
	}

	provider.reset();
	return provider;
}
