import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { resolveBaseUrl } from '../../../credentials/shared';
import { apiRequest, paginate, pickErrorDetails } from '../../shared/transport';
import type { ApiRequest, PagingStrategy, ProviderApi, ProviderErrorDetails, RequestContext } from '../../shared/provider';
import {
	ORDER_FILTER_PARAMS,
	TAPTOUCH_ENVIRONMENTS,
	TAPTOUCH_PAGE_SIZE,
	TAPTOUCH_PATHS,
	TAPTOUCH_SCOPES,
} from './endpoints';

const MESSAGE_KEYS = ['message', 'msg', 'description', 'error_description', 'detail'];
const CODE_KEYS = ['code', 'error_code', 'errorCode', 'error'];

/**
 * An answer is a Taptouch envelope when it is an object whose `status` is an object; `ack` and
 * `errors` are read below whatever their type, and nothing else in the answer is looked at.
 */
export const envelopeSchema = z
	.object({ status: z.object({ ack: z.unknown(), errors: z.unknown() }).passthrough() })
	.passthrough();

type EnvelopeStatus = z.infer<typeof envelopeSchema>['status'];

function envelopeStatus(body: unknown): EnvelopeStatus | undefined {
	const envelope = envelopeSchema.safeParse(body);
	return envelope.success ? envelope.data.status : undefined;
}

const clip = (text: string) => text.trim().slice(0, 500);

/**
 * Taptouch's `status.errors` is "string or object": a message, `{ code, message }`, or (for
 * invalid parameters) a map of field to complaint. All of them become one readable line.
 */
export function describeEnvelopeErrors(errors: unknown): ProviderErrorDetails {
	if (errors === undefined || errors === null || errors === '') return {};
	if (typeof errors === 'string') return { message: clip(errors) };
	if (typeof errors === 'number' || typeof errors === 'boolean') return { message: String(errors) };
	if (Array.isArray(errors)) {
		const parts = errors.map((entry) => describeEnvelopeErrors(entry));
		const message = parts.map((p) => p.message ?? p.code).filter(Boolean).join('; ');
		return { message: message ? clip(message) : undefined, code: parts.find((p) => p.code)?.code };
	}
	const record = errors as IDataObject;
	const picked = pickErrorDetails(record, MESSAGE_KEYS, CODE_KEYS);
	const hasOwnMessage = MESSAGE_KEYS.some((key) => typeof record[key] === 'string');
	const hasOwnCode = CODE_KEYS.some((key) => typeof record[key] === 'string');
	if (hasOwnMessage || (hasOwnCode && Object.keys(record).length === 1)) return picked;
	const fields = Object.entries(record)
		.map(([field, complaint]) => {
			const text = describeEnvelopeErrors(complaint);
			return `${field}: ${text.message ?? text.code ?? 'invalid'}`;
		})
		.join('; ');
	return { message: fields ? clip(fields) : undefined };
}

/**
 * The documented envelope `{ status: { timestamp, ack, errors? }, data }`. `ack` repeats the
 * HTTP code and Taptouch's docs call 2xx success, so any other `ack` is an error even when the
 * HTTP status was 200.
 */
export function unwrapEnvelope(body: unknown): { data: unknown } | { error: ProviderErrorDetails; status?: number } {
	const status = envelopeStatus(body);
	if (!status) return { error: { message: 'the answer was not a Taptouch response (no "status" envelope)' } };
	const ack = status.ack === undefined || status.ack === null || status.ack === '' ? undefined : Number(status.ack);
	const failed = ack === undefined ? describeEnvelopeErrors(status.errors).message !== undefined : !(ack >= 200 && ack < 300);
	if (!failed) return { data: (body as IDataObject).data };
	const details = describeEnvelopeErrors(status.errors);
	const ackText = ack === undefined || Number.isNaN(ack) ? String(status.ack ?? 'missing') : String(ack);
	return {
		error: {
			message: details.message ?? `status ${ackText} without an error message`,
			code: details.code,
		},
		// The envelope's own status says more than the HTTP 200 it came in.
		status: ack !== undefined && Number.isInteger(ack) && ack >= 400 ? ack : undefined,
	};
}

/** Error details of a 4xx/5xx answer: the envelope if there is one, else whatever the body says. */
export function envelopeErrorDetails(body: unknown): ProviderErrorDetails {
	const status = envelopeStatus(body);
	if (status) return describeEnvelopeErrors(status.errors);
	return pickErrorDetails(body, [...MESSAGE_KEYS, 'title'], CODE_KEYS);
}

export const taptouchApi: ProviderApi = {
	displayName: 'Taptouch',
	authentications: { oAuth2: { displayName: 'OAuth2', credentialType: 'taptouchOAuth2Api', renewal: 'oAuth2' } },
	defaultAuthentication: 'oAuth2',
	baseUrl: (credentials) => resolveBaseUrl(credentials, TAPTOUCH_ENVIRONMENTS),
	// Stores are the one list every Taptouch token may read, whatever its grant.
	tokenProbe: { method: 'GET', path: TAPTOUCH_PATHS.stores(), qs: { index: 0, count: 1 } },
	unwrap: unwrapEnvelope,
	errorDetails: envelopeErrorDetails,
};

/**
 * `index` is a page number (assumed; see endpoints.ts), so `count` must stay the same on every
 * page. It is the documented default of 100, or the limit when that is smaller, so a small limit
 * costs one short request and a large one never asks for a page it does not use.
 */
export function taptouchPaging(limit?: number): PagingStrategy {
	const count = Math.max(1, Math.min(TAPTOUCH_PAGE_SIZE, limit ?? TAPTOUCH_PAGE_SIZE));
	return {
		pageQuery: (page) => ({ qs: { index: page, count }, size: count }),
		// Records created while paging shift later pages; an ID seen before is not emitted again.
		recordKey: (record) => (record.id === undefined || record.id === null ? undefined : String(record.id)),
	};
}

/** Requests are the shared shape; the provider only adds its API description. */
export type TaptouchRequest = ApiRequest;

export async function taptouchRequest(this: RequestContext, request: TaptouchRequest): Promise<unknown> {
	return await apiRequest.call(this, taptouchApi, request);
}

export function taptouchRecords(this: RequestContext, request: TaptouchRequest, limit?: number) {
	return paginate.call(this, taptouchApi, request, taptouchPaging(limit), limit);
}

const SERVICE_ONLY = {
	orders: { label: 'Orders', scope: TAPTOUCH_SCOPES.order },
	inventory: { label: 'Inventory', scope: TAPTOUCH_SCOPES.inventory },
};

/**
 * Taptouch grants the order and inventory scopes to client credentials only, so an
 * authorization-code credential can never reach them: say so before sending anything, instead of
 * letting the user puzzle over a 403.
 */
export async function requireClientCredentials(
	this: RequestContext,
	area: keyof typeof SERVICE_ONLY,
	itemIndex?: number,
): Promise<void> {
	const credentials = await this.getCredentials(taptouchApi.authentications.oAuth2.credentialType);
	if (credentials.grantType === 'clientCredentials') return;
	const { label, scope } = SERVICE_ONLY[area];
	const name = this.getNode().credentials?.[taptouchApi.authentications.oAuth2.credentialType]?.name;
	const grant = credentials.grantType === 'pkce' ? 'Authorization Code with PKCE' : 'Authorization Code';
	throw new NodeOperationError(this.getNode(), `Taptouch ${label.toLowerCase()} need a client-credentials credential`, {
		itemIndex,
		description: `Taptouch grants the scope ${scope} only with the Client Credentials grant; the credential${
			name ? ` "${name}"` : ''
		} uses ${grant}, which reaches stores only. Create a Taptouch credential with Grant Type "Client Credentials" (your developer account's client ID and secret) and select it in this node.`,
	});
}

export interface OrderFilters {
	/** ISO date-time; orders created at or after it. */
	createdFrom?: string;
	/** ISO date-time; orders created before it. */
	createdTo?: string;
	status?: string;
}

/** The order list of a store with the (assumed) filter parameters; IDs already encoded. */
export function ordersRequest(storeId: string, filters: OrderFilters = {}): TaptouchRequest {
	const qs: IDataObject = {};
	for (const key of Object.keys(ORDER_FILTER_PARAMS) as Array<keyof OrderFilters>) {
		if (filters[key]) qs[ORDER_FILTER_PARAMS[key]] = filters[key];
	}
	return { method: 'GET', path: TAPTOUCH_PATHS.orders(storeId), qs, operation: 'list orders' };
}
