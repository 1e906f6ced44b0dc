import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resolveBaseUrl } from '../../../credentials/shared';
import type { ApiRequest, PagingStrategy, ProviderApi, RequestContext } from '../../shared/provider';
import { apiRequest, chooseCredential, paginate, pickErrorDetails } from '../../shared/transport';
import { TAPKEY_ENVIRONMENTS, TAPKEY_PATHS } from './endpoints';

/**
 * Largest `$top` asked for. Tapkey does not document its cap (assumed, see README); a cap below it
 * would end paging early, so it is kept in this one place.
 */
export const TAPKEY_PAGE_SIZE = 1000;

/** Tapkey, as the shared core and the nodes know it: declared here once. */
export const tapkeyApi: ProviderApi = {
	displayName: 'Tapkey',
	authentications: {
		oAuth2: { displayName: 'OAuth2', credentialType: 'tapkeyOAuth2Api', renewal: 'oAuth2' },
		tokenExchange: {
			displayName: 'Token Exchange',
			description: 'A user of your own identity provider, by exchanging their JWT for a Tapkey token',
			credentialType: 'tapkeyTokenExchangeApi',
			renewal: 'preAuthentication',
			secretFields: ['subjectToken', 'accessToken'],
			tokenField: 'accessToken',
		},
	},
	defaultAuthentication: 'oAuth2',
	baseUrl: (credentials) => resolveBaseUrl(credentials, TAPKEY_ENVIRONMENTS),
	tokenProbe: { method: 'GET', path: TAPKEY_PATHS.owners(), qs: { $top: 1 } },
	// Tapkey answers `{ "ErrorCode": "...", "Message": "..." }`; ASP.NET defaults use `title`/`detail`.
	errorDetails: (body) =>
		pickErrorDetails(body, ['Message', 'message', 'detail', 'title', 'error_description'], ['ErrorCode', 'errorCode', 'code', 'error']),
};

/** OData `$top`/`$skip` over bare arrays; a page shorter than asked for is the last. */
export const tapkeyPaging: PagingStrategy = {
	pageQuery(_page, received, wanted) {
		const size = Math.min(TAPKEY_PAGE_SIZE, wanted ?? TAPKEY_PAGE_SIZE);
		return { qs: { $top: size, $skip: received }, size };
	},
	offsetBased: true,
	recordKey: (record) => (record.id === undefined ? undefined : String(record.id)),
};

/** Requests are the shared shape; the provider only adds its API description. */
export type TapkeyRequest = ApiRequest;

export async function tapkeyRequest(this: RequestContext, request: TapkeyRequest): Promise<unknown> {
	return await apiRequest.call(this, tapkeyApi, request);
}

export function tapkeyRecords(this: RequestContext, request: TapkeyRequest, limit?: number) {
	return paginate.call(this, tapkeyApi, request, tapkeyPaging, limit);
}

/**
 * An empty owner list almost always means a client-credentials service account that nobody made
 * co-admin yet (Tapkey's docs); say so instead of returning nothing.
 */
export async function explainNoOwners(this: RequestContext, itemIndex?: number): Promise<void> {
	const credentials = await this.getCredentials(chooseCredential(this, tapkeyApi).type);
	const message = 'Tapkey returned no owner accounts for this credential';
	if (credentials.grantType === 'clientCredentials') {
		throw new NodeOperationError(this.getNode(), message, {
			itemIndex,
			description:
				"A client-credentials token acts as the OAuth client's service account (<client id>@iam.serviceaccount.tapkey.com). In the Tapkey Integrator Portal, add that e-mail as administrator (co-admin) of each owner account this workflow should manage.",
		});
	}
	if ('addExecutionHints' in this) {
		this.addExecutionHints({
			message: `${message}. The connected Tapkey user administers no locking system.`,
			location: 'outputPane',
		});
	}
}

export interface LogEntryQuery {
	ownerId: string;
	boundLockId?: string;
	/** ISO date-time; only entries received after it. */
	after?: string;
	/** ISO date-time; entries received at or after it (the trigger's cursor). */
	since?: string;
	/** ISO date-time; entries received at or before it. */
	until?: string;
	unlocksOnly?: boolean;
	oldestFirst?: boolean;
	newestFirst?: boolean;
}

/**
 * Log entries are filtered on `receivedAt`, not `lockTimestamp`: phones sync entries late, so
 * only the receipt time grows monotonically.
 */
export function logEntriesRequest(query: LogEntryQuery): TapkeyRequest {
	const filters: string[] = [];
	if (query.after) filters.push(`receivedAt gt ${query.after}`);
	if (query.since) filters.push(`receivedAt ge ${query.since}`);
	if (query.until) filters.push(`receivedAt le ${query.until}`);
	if (query.unlocksOnly) filters.push("logType eq 'Command' and command eq 'TriggerLock'");
	const qs: IDataObject = {};
	if (filters.length) qs.$filter = filters.join(' and ');
	if (query.oldestFirst) qs.$orderby = 'receivedAt asc';
	if (query.newestFirst) qs.$orderby = 'receivedAt desc';
	return {
		method: 'GET',
		path: query.boundLockId
			? TAPKEY_PATHS.boundLockLogEntries(query.ownerId, query.boundLockId)
			: TAPKEY_PATHS.logEntries(query.ownerId),
		qs,
		operation: 'list log entries',
	};
}
