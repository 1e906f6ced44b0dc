import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperties,
	clampCursor,
	nodeCredentials,
	POLL_MAX_AHEAD_MS,
	POLL_MAX_RECORDS,
	type PollCursor,
	saveCursor,
	takeNewRecords,
	takeNewRecordsFrom,
	toBoolean,
	validateId,
} from '../shared/node';
import { collect } from '../shared/transport';
import { boundLockLocator, ID_RULES, includeContactOption, ownerLocator } from './actions/common.descriptions';
import { listSearch } from './methods';
import { logEntriesRequest, tapkeyApi, tapkeyRecords } from './transport';
import { ContactDirectory } from './transport/contacts';

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
		credentials: nodeCredentials(tapkeyApi),
		properties: [
			...authenticationProperties(tapkeyApi),
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
				...boundLockLocator(undefined, false),
				description: 'Only entries of this lock; leave empty for all locks of the owner account',
			},
			includeContactOption(),
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
		const node = this.getNode();
		const ownerId = validateId(node, this.getNodeParameter('ownerId', '', { extractValue: true }), ID_RULES.owner);
		const rawLock = this.getNodeParameter('boundLockId', '', { extractValue: true }) as unknown;
		const boundLockId =
			rawLock === undefined || rawLock === null || String(rawLock).trim() === ''
				? undefined
				: validateId(node, rawLock, ID_RULES.boundLock);
		const unlocksOnly = this.getNodeParameter('event', 'unlock') === 'unlock';
		// Without a lock the scope is what it always was, so cursors of running workflows stay valid.
		const scope = `${ownerId}|${unlocksOnly}${boundLockId ? `|${boundLockId}` : ''}`;
		const cursor = this.getWorkflowStaticData('node') as PollCursor;
		const query = { ownerId, boundLockId, unlocksOnly };
		const contacts =
			toBoolean(node, this.getNodeParameter('includeContact', false), 'Include Contact Details')
				? new ContactDirectory(this, ownerId)
				: undefined;
		const toItems = async (records: IDataObject[]) => [
			(contacts ? await contacts.attach(records) : records).map((json) => ({ json })),
		];

		const newest = async (until?: string) =>
			(await collect(tapkeyRecords.call(this, logEntriesRequest({ ...query, until, newestFirst: true }), 1)))[0];

		// A manual test shows the latest entry and leaves the cursor where it is.
		if (this.getMode() === 'manual') {
			const sample = await newest();
			return sample ? await toItems([sample]) : null;
		}

		// First poll (or changed parameters): everything that exists now is the baseline, including
		// every entry that shares the newest receipt time; nothing is emitted. An entry received
		// "later" than this machine's clock allows (a wrong clock) counts as existing but must not
		// set the cursor ahead, or every real entry after it would look old.
		if (!cursor.since || cursor.scope !== scope) {
			const latestAllowed = new Date(Date.now() + POLL_MAX_AHEAD_MS).toISOString();
			const latest = await newest(latestAllowed);
			const from = typeof latest?.receivedAt === 'string' ? latest.receivedAt : latestAllowed;
			const atLatest = await collect(tapkeyRecords.call(this, logEntriesRequest({ ...query, since: from })));
			const { cursor: baseline } = takeNewRecords(atLatest, {}, (r) => r.receivedAt, (r) => r.id);
			saveCursor(cursor, {
				scope,
				since: baseline.since ?? new Date(0).toISOString(),
				idsAtSince: baseline.idsAtSince ?? [],
				...(baseline.ahead ? { ahead: baseline.ahead } : {}),
			});
			return null;
		}

		// Oldest first, so a long backlog is read only as far as one poll emits (the rest comes next
		// poll): the entries already seen at `since` plus POLL_MAX_RECORDS new ones.
		const current = clampCursor(cursor);
		const wanted = POLL_MAX_RECORDS + (current.idsAtSince?.length ?? 0) + (current.ahead?.length ?? 0);
		const { fresh, cursor: next } = await takeNewRecordsFrom(
			tapkeyRecords.call(this, logEntriesRequest({ ...query, since: current.since, oldestFirst: true }), wanted),
			current,
			(r) => r.receivedAt,
			(r) => r.id,
		);
		// The items first: when a contact lookup fails the poll fails with the cursor unmoved (n8n keeps
		// an active workflow's static data in memory across polls), so the next poll delivers them.
		const items = fresh.length ? await toItems(fresh) : null;
		saveCursor(cursor, next);
		return items;
	}
}
