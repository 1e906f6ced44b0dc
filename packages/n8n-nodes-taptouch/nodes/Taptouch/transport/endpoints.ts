import type { EnvironmentTable } from '../../../credentials/shared';

/** Taptouch's hosts (documented by the provider). */
export const TAPTOUCH_ENVIRONMENTS: EnvironmentTable = {
	production: {
		authUrl: 'https://api.taptouch.net/auth/v2/authorize',
		accessTokenUrl: 'https://api.taptouch.net/auth/v2/token',
		baseUrl: 'https://api.taptouch.net/integration/v1',
	},
};

export const TAPTOUCH_DOCS = {
	authorization: 'https://developer.taptouch.net/docs/integration/authorization',
	api: 'https://developer.taptouch.net/docs/integration/apis',
};

/**
 * Documented: `integration.store` for either grant; Taptouch grants order and inventory access to
 * client credentials only.
 */
export const TAPTOUCH_SCOPES = {
	store: 'integration.store',
	order: 'integration.order',
	inventory: 'integration.inventory',
};

/** Documented default page size of every list (`count`); a shorter page is the last one. */
export const TAPTOUCH_PAGE_SIZE = 100;

/**
 * Every path the nodes call. Only `/stores` is in Taptouch's public docs; the order and inventory
 * paths, the order filters and the order timestamp field are ASSUMPTIONS (see the README's
 * Assumptions section). The sandbox follows the same assumptions, so correcting one here means correcting
 * `sandbox/providers/taptouch.ts` too.
 */
export const TAPTOUCH_PATHS = {
	stores: () => '/stores',
	orders: (storeId: string) => `/stores/${storeId}/orders`,
	order: (storeId: string, orderId: string) => `/stores/${storeId}/orders/${orderId}`,
	inventory: (storeId: string) => `/stores/${storeId}/inventory`,
	inventoryItem: (storeId: string, itemId: string) => `/stores/${storeId}/inventory/${itemId}`,
};

/** Assumed query parameters of the order list. */
export const ORDER_FILTER_PARAMS = {
	createdFrom: 'createdFrom',
	createdTo: 'createdTo',
	status: 'status',
} as const;

/** Assumed: the ISO 8601 time an order was created, which the trigger keys on. */
export const ORDER_TIME_FIELD = 'createdAt';

/** Assumed: the fields of an inventory item that `PUT …/inventory/{itemId}` accepts. */
export const INVENTORY_UPDATE_FIELDS = ['quantity', 'price', 'available'] as const;
