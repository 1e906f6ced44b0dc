import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty } from '../shared/credentialChoice';
import { validateId } from '../shared/node';
import type { PollCursor } from '../shared/polling';
import { takeNewRecords } from '../shared/polling';
import { collect } from '../shared/transport';
import { ID_RULES, ownerLocator } from './actions/common.descriptions';
import { listSearch } from './methods';
import { logEntriesRequest, tapkeyRecords } from './transport';

export class TapkeyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tapkey Trigger',
		name: 'tapkeyTrigger',
		icon: { light: 'file:tapkey.svg', dark: 'file:tapkey.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "unlock" ? "Lock opened" : "Any lock log entry" }}',
		description: 'Starts the workflow when Tapkey receives new lock log entries, such as a lock being opened',
		defaults: { name: 'Tapkey Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'tapkeyOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			{ name: 'tapkeyTokenExchangeApi', required: true, displayOptions: { show: { authentication: ['tokenExchange'] } } },
		],
		properties: [
			authenticationProperty([
				{
					name: 'Token Exchange',
					value: 'tokenExchange',
					description: "A user of your own identity provider, by exchanging their JWT for a Tapkey token",
				},
			]),
			ownerLocator(),
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Lock Opened', value: 'unlock', description: 'A TriggerLock command was logged' },
					{ name: 'Any Log Entry', value: 'any' },
				],
				default: 'unlock',
			},
			{
				displayName:
					'Entries are matched on the time Tapkey received them, since phones upload lock logs late; each entry is emitted once.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const ownerId = validateId(
			this.getNode(),
			this.getNodeParameter('ownerId', '', { extractValue: true }),
			ID_RULES.owner,
		);
		const unlocksOnly = this.getNodeParameter('event', 'unlock') === 'unlock';
		const scope = `${ownerId}|${unlocksOnly}`;
		const cursor = this.getWorkflowStaticData('node') as PollCursor;
		const toItems = (records: IDataObject[]) => [records.map((json) => ({ json }))];

		const newest = async () =>
			(
				await collect(
					tapkeyRecords.call(this, logEntriesRequest({ ownerId, unlocksOnly, newestFirst: true }), 1),
				)
			)[0];

		// A manual test shows the latest entry and leaves the cursor where it is.
		if (this.getMode() === 'manual') {
			const sample = await newest();
			return sample ? toItems([sample]) : null;
		}

		// First poll (or new owner): start after what already exists, emit nothing.
		if (!cursor.since || cursor.scope !== scope) {
			const latest = await newest();
			Object.assign(cursor, {
				scope,
				since: typeof latest?.receivedAt === 'string' ? latest.receivedAt : new Date(0).toISOString(),
				idsAtSince: latest ? [String(latest.id)] : [],
			});
			return null;
		}

		const records = await collect(
			tapkeyRecords.call(this, logEntriesRequest({ ownerId, unlocksOnly, since: cursor.since, oldestFirst: true })),
		);
		const { fresh, cursor: next } = takeNewRecords(records, cursor, (r) => r.receivedAt, (r) => r.id);
		Object.assign(cursor, next);
		return fresh.length ? toItems(fresh) : null;
	}
}
