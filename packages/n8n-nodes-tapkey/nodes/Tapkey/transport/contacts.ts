import type { IDataObject } from 'n8n-workflow';

import { collect } from '../../shared/transport';
import type { RequestContext } from '../../shared/provider';
import { tapkeyRecords } from './index';
import { TAPKEY_PATHS } from './endpoints';

/** Contact IDs per `$filter`, so the request URL stays short. */
const IDS_PER_REQUEST = 20;

/** Who a log entry's `contactId` stands for: what a workflow needs to say who opened the door. */
export interface ContactSummary {
	id: string;
	title: string | null;
	identifier: string | null;
}

function summarize(contact: IDataObject): ContactSummary {
	const identifier = contact.identifier ?? contact.email;
	return {
		id: String(contact.id),
		title: typeof contact.title === 'string' ? contact.title : null,
		identifier: typeof identifier === 'string' ? identifier : null,
	};
}

/**
 * Looks contacts up by ID, several per request (`$filter=id eq '…' or id eq '…'`, as Tapkey's own
 * log-export add-on does), and remembers each answer, so one execution or poll asks once per
 * contact. A contact that no longer exists resolves to `null`.
 */
export class ContactDirectory {
	private readonly known = new Map<string, Promise<ContactSummary | null>>();

	constructor(
		private readonly context: RequestContext,
		/** URL-encoded, as validated by the node. */
		private readonly ownerId: string,
		private readonly timeout?: number,
	) {}

	private async fetch(ids: string[]): Promise<Map<string, ContactSummary>> {
		const filter = ids.map((id) => `id eq '${id.replace(/'/g, "''")}'`).join(' or ');
		const contacts = await collect(
			tapkeyRecords.call(this.context, {
				method: 'GET',
				path: TAPKEY_PATHS.contacts(this.ownerId),
				qs: { $filter: filter },
				operation: 'look up the contacts of the log entries',
				timeout: this.timeout,
			}),
		);
		return new Map(contacts.map((contact) => [String(contact.id), summarize(contact)]));
	}

	async resolve(ids: Iterable<string>): Promise<Map<string, ContactSummary | null>> {
		const wanted = [...new Set(ids)];
		const missing = wanted.filter((id) => !this.known.has(id));
		for (let start = 0; start < missing.length; start += IDS_PER_REQUEST) {
			const batch = missing.slice(start, start + IDS_PER_REQUEST);
			const answer = this.fetch(batch);
			for (const id of batch) this.known.set(id, answer.then((found) => found.get(id) ?? null));
		}
		const resolved = await Promise.all(wanted.map(async (id) => [id, await this.known.get(id)!] as const));
		return new Map(resolved);
	}

	/** The entries with `contact` added: `{ id, title, identifier }`, or `null` (card, or contact gone). */
	async attach(entries: IDataObject[]): Promise<IDataObject[]> {
		const idOf = (entry: IDataObject) =>
			typeof entry.contactId === 'string' && entry.contactId ? entry.contactId : undefined;
		const found = await this.resolve(entries.map(idOf).filter((id): id is string => id !== undefined));
		return entries.map((entry) => {
			const id = idOf(entry);
			return { ...entry, contact: id ? (found.get(id) ?? null) : null };
		});
	}
}

const directories = new WeakMap<object, Map<string, ContactDirectory>>();

/** One directory per execution (the node's `this`) and owner account, shared by its items. */
export function contactDirectoryFor(context: RequestContext, ownerId: string, timeout?: number): ContactDirectory {
	let perOwner = directories.get(context);
	if (!perOwner) directories.set(context, (perOwner = new Map()));
	let directory = perOwner.get(ownerId);
	if (!directory) perOwner.set(ownerId, (directory = new ContactDirectory(context, ownerId, timeout)));
	return directory;
}
