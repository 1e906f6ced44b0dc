import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	baselineCursor,
	clampCursor,
	nodeCredentials,
	POLL_MAX_RECORDS,
	type PollCursor,
	pollFrom,
	type PollOptions,
	pollUntil,
	saveCursor,
	takeNewRecordsFrom,
	validateId,
} from '../shared/node';
import { collect } from '../shared/transport';
import { ID_RULES, storeLocator } from './actions/common.descriptions';
import { listSearch } from './methods';
import { ordersRequest, requireClientCredentials, taptouchApi, taptouchRecords } from './transport';
import { ORDER_TIME_FIELD } from './transport/endpoints';

/**
 * How far back the first poll looks for the newest order. Taptouch documents no sort order, so the
 * newest order is found by reading every order in this window (older ones never count as new).
 */
const BASELINE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Orders can reach Taptouch after others that were created later (a till that was offline syncs
 * late), so every poll asks again for the last hour before the cursor and skips the orders it
 * already emitted. At most 1000 orders are emitted per poll; the rest follow on the next polls.
 */
const OVERLAP_MS = 60 * 60 * 1000;
const POLLING: PollOptions = { overlapMs: OVERLAP_MS, maxRecords: POLL_MAX_RECORDS };

const timeOf = (order: IDataObject) => order[ORDER_TIME_FIELD];
const idOf = (order: IDataObject) => order.id;

export class TaptouchTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Taptouch Trigger',
		name: 'taptouchTrigger',
		icon: { light: 'file:taptouch.svg', dark: 'file:taptouch.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New order',
		description: 'Starts the workflow when a Taptouch store receives a new order',
		defaults: { name: 'Taptouch Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials(taptouchApi),
		properties: [
			storeLocator(),
			{
				displayName:
					'Needs a Taptouch credential with Grant Type "Client Credentials". Each new order of the store is emitted once, in the order it was created, also when it reaches Taptouch up to an hour late.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		await requireClientCredentials.call(this, 'orders');
		const storeId = validateId(
			this.getNode(),
			this.getNodeParameter('storeId', '', { extractValue: true }),
			ID_RULES.store,
		);
		const cursor = this.getWorkflowStaticData('node') as PollCursor;
		const toItems = (records: IDataObject[]) => [records.map((json) => ({ json }))];
		const ordersFrom = (createdFrom: string, createdTo?: string) =>
			taptouchRecords.call(this, ordersRequest(storeId, { createdFrom, createdTo }));

		if (this.getMode() === 'manual' || !cursor.since || cursor.scope !== storeId) {
			// Everything in the window (and the overlap before it) is what already exists.
			const windowStart = new Date(Date.now() - BASELINE_WINDOW_MS).toISOString();
			const existing = await baselineCursor(
				ordersFrom(new Date(Date.parse(windowStart) - OVERLAP_MS).toISOString()),
				timeOf,
				idOf,
				windowStart,
				POLLING,
			);

			// A manual test shows the newest order and leaves the cursor where it is.
			if (this.getMode() === 'manual') {
				const sample =
					existing.newest ?? (await collect(taptouchRecords.call(this, ordersRequest(storeId), 1)))[0];
				return sample ? toItems([sample]) : null;
			}

			// First poll (or another store): start after what already exists, emit nothing.
			saveCursor(cursor, { scope: storeId, ...existing.cursor });
			return null;
		}

		const current = clampCursor(cursor, POLLING);
		const { fresh, cursor: next } = await takeNewRecordsFrom(
			ordersFrom(pollFrom(current, POLLING) as string, pollUntil(current, POLLING)),
			current,
			timeOf,
			idOf,
			POLLING,
		);
		saveCursor(cursor, next);
		return fresh.length ? toItems(fresh) : null;
	}
}
