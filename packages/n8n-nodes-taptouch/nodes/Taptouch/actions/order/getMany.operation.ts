import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, toIsoDateTime, toText, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import type { OrderFilters } from '../../transport';
import { ordersRequest, requireClientCredentials, taptouchRecords } from '../../transport';
import { ID_RULES, storeLocator } from '../common.descriptions';

/** What Simplify keeps of an order: its number, status, type, total and when it was placed (not its lines). */
const SIMPLIFIED_FIELDS = ['id', 'orderNumber', 'status', 'orderType', 'total', 'currency', 'createdAt'];

const properties: INodeProperties[] = [
	storeLocator(),
	...returnAllOrLimit(),
	simplifyProperty(SIMPLIFIED_FIELDS),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		// Not in Taptouch's public docs: sent as createdFrom, createdTo and status (see README).
		options: [
			{
				displayName: 'Created After',
				name: 'createdFrom',
				type: 'dateTime',
				default: '',
				description: 'Only orders created at or after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdTo',
				type: 'dateTime',
				default: '',
				description: 'Only orders created before this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'e.g. completed',
				description: 'Only orders in this status',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	await requireClientCredentials.call(this, 'orders', itemIndex);
	const storeId = getId.call(this, 'storeId', itemIndex, ID_RULES.store);
	const raw = this.getNodeParameter('filters', itemIndex, {}) as { createdFrom?: unknown; createdTo?: unknown; status?: unknown };
	const filters: OrderFilters = {
		createdFrom: raw.createdFrom ? toIsoDateTime.call(this, raw.createdFrom, 'Created After', itemIndex) : undefined,
		createdTo: raw.createdTo ? toIsoDateTime.call(this, raw.createdTo, 'Created Before', itemIndex) : undefined,
		status: toText(this.getNode(), raw.status, 'Status', itemIndex) || undefined,
	};
	if (filters.createdFrom && filters.createdTo && Date.parse(filters.createdTo) <= Date.parse(filters.createdFrom)) {
		throw new NodeOperationError(this.getNode(), 'Created Before must be later than Created After', {
			itemIndex,
			description: `Created After is ${filters.createdFrom}, Created Before is ${filters.createdTo}.`,
		});
	}
	const orders = await collect(
		taptouchRecords.call(
			this,
			{ ...ordersRequest(storeId, filters), timeout: getTimeout.call(this, itemIndex) },
			getLimit.call(this, itemIndex),
		),
	);
	return simplifyRecords.call(this, itemIndex, orders, SIMPLIFIED_FIELDS);
}
