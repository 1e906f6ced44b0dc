import type { ApiCall, ApiResult, SandboxClient, SandboxProvider, TokenGrant } from '../types';
import { deterministicId, odataPage, parseODataFilter } from './odata';

/**
 * Tapkey as documented (and, where it is not, as the README's Assumptions say): bare JSON arrays, `$top`/`$skip`, case-insensitive paths,
 * creates as PUT on the collection, errors `{ ErrorCode, Message }`.
 */

export const TAPKEY_SCOPES = [
	'read:owneraccounts',
	'write:owneraccounts',
	'read:core:entities',
	'write:core:entities',
	'read:grants',
	'write:grants',
	'read:logs',
	'read:owneraccount:permissions',
	'write:owneraccount:permissions',
	'offline_access',
];

/** Largest `$top` the sandbox accepts; more is a 400, as OData servers with MaxTop answer. */
export const TAPKEY_MAX_TOP = 1000;

export const TAPKEY_CLIENTS: SandboxClient[] = [
	{
		clientId: 'tapkey-web',
		clientSecret: 'sbx-tapkey-web-secret-9f3c1d',
		grants: ['authorization_code'],
		scopes: TAPKEY_SCOPES,
		subject: 'user:alice',
	},
	{
		clientId: 'tapkey-pkce',
		grants: ['authorization_code'],
		scopes: TAPKEY_SCOPES,
		requirePkce: true,
		subject: 'user:alice',
	},
	{
		clientId: 'tapkey-service',
		clientSecret: 'sbx-tapkey-service-secret-4b8e2a',
		grants: ['client_credentials'],
		scopes: TAPKEY_SCOPES.filter((s) => s !== 'offline_access'),
		subject: 'service:tapkey-service',
	},
	{
		// A service account nobody has made co-admin yet: GET /Owners answers [].
		clientId: 'tapkey-unassigned',
		clientSecret: 'sbx-tapkey-unassigned-secret-77aa01',
		grants: ['client_credentials'],
		scopes: TAPKEY_SCOPES.filter((s) => s !== 'offline_access'),
		subject: 'service:unassigned',
	},
];

interface Owner {
	id: string;
	name: string;
	active: boolean;
	admins: string[];
}

interface Store {
	owners: Owner[];
	boundLocks: Map<string, Record<string, unknown>[]>;
	contacts: Map<string, Record<string, unknown>[]>;
	grants: Map<string, Record<string, unknown>[]>;
	logEntries: Map<string, Record<string, unknown>[]>;
	boundCards: Map<string, Record<string, unknown>[]>;
	permissions: Map<string, Record<string, unknown>[]>;
	/** Health statuses per bound lock ID, shown only with `expand=healthStatuses`. */
	health: Map<string, Record<string, unknown>[]>;
}

const READ_SCOPE: Record<string, string> = {
	owners: 'read:owneraccounts',
	boundlocks: 'read:core:entities',
	contacts: 'read:core:entities',
	grants: 'read:grants',
	logentries: 'read:logs',
	boundcards: 'read:core:entities',
	permissions: 'read:owneraccount:permissions',
};

const WRITE_SCOPE: Record<string, string> = {
	contacts: 'write:core:entities',
	grants: 'write:grants',
	// Revoking a contact's grants is a grants operation (Tapkey's scope list: write:grants "add and revoke grants").
	revokegrants: 'write:grants',
};

const ISO_BASE = Date.UTC(2026, 0, 5, 8, 0, 0);
const iso = (offsetMinutes: number) => new Date(ISO_BASE + offsetMinutes * 60_000).toISOString();

export function createTapkeyProvider(): SandboxProvider & { store: Store } {
	const provider = {
		id: 'tapkey' as const,
		apiPrefix: '/tapkey/api/v1',
		clients: TAPKEY_CLIENTS,
		oauth: {
			authorizePath: '/tapkey/connect/authorize',
			tokenPath: '/tapkey/connect/token',
			clientAuth: 'body' as const,
			accessTokenTtlSeconds: 3600,
			refreshTokenTtlSeconds: 30 * 24 * 3600,
			refreshRequiresScope: 'offline_access',
		},
		store: undefined as unknown as Store,

		reset(options: Record<string, unknown> = {}) {
			const locksPerOwner = (options.locksPerOwner as number[] | undefined) ?? [1200, 7, 0];
			const logsPerOwner = (options.logsPerOwner as number | undefined) ?? 25;
			const store: Store = {
				owners: [],
				boundLocks: new Map(),
				contacts: new Map(),
				grants: new Map(),
				logEntries: new Map(),
				boundCards: new Map(),
				permissions: new Map(),
				health: new Map(),
			};
			locksPerOwner.forEach((lockCount, o) => {
				const owner: Owner = {
					id: deterministicId('owner', o),
					name: ['Head Office', 'Warehouse', 'Holiday Flat', 'Workshop'][o % 4] + (o >= 4 ? ` ${o}` : ''),
					active: true,
					admins: ['user:alice', 'service:tapkey-service'],
				};
				store.owners.push(owner);
				const locks = Array.from({ length: lockCount }, (_, l) => ({
					id: deterministicId(`lock-${o}`, l),
					title: `Door ${String(l + 1).padStart(4, '0')}`,
					description: l % 3 === 0 ? 'Main entrance' : null,
					physicalLockId: `C1-${o}-${l}`,
					lockType: { modelName: l % 2 ? 'Tapkey Smart Lock TK-20' : 'Tapkey Cylinder C1' },
					bindDate: iso(l),
					unbindDate: null,
					active: true,
					healthStatuses: null,
				}));
				store.boundLocks.set(owner.id, locks);
				// Offline-first locks report health only when synced: some recent, some outdated, most nothing.
				locks.slice(0, 3).forEach((lock, l) => {
					store.health.set(lock.id, [
						{
							id: deterministicId(`health-${o}`, l),
							physicalLockId: lock.physicalLockId,
							timestamp: iso(l * 60),
							type: 'BatteryWarningLevel',
							value: l === 1 ? 2.0 : 1.0,
							valueStatus: l === 2 ? 'Outdated' : 'Ok',
						},
					]);
				});
				const contacts = ['anna@example.com', 'ben@example.com'].map((identifier, c) => ({
					id: deterministicId(`contact-${o}`, c),
					ownerId: owner.id,
					ipId: 'tapkey',
					identifier,
					title: identifier.split('@')[0],
					comment: null as string | null,
				}));
				store.boundCards.set(
					owner.id,
					Array.from({ length: locks.length ? 3 : 0 }, (_, c) => ({
						id: deterministicId(`card-${o}`, c),
						label: `T-${String(c + 1).padStart(3, '0')}`,
						uid: Buffer.from(`card-${o}-${c}`).toString('base64'),
						isActive: c !== 2,
						physicalCardId: `PC-${o}-${c}`,
						ownerAccountId: owner.id,
						bindDate: iso(c),
						unbindDate: c === 2 ? iso(600) : null,
						title: `Card ${c + 1}`,
						nofGrantsCapacity: 12,
					})),
				);
				store.permissions.set(
					owner.id,
					contacts.map((contact, c) => ({
						id: deterministicId(`permission-${o}`, c),
						ownerAccountId: owner.id,
						contactId: contact.id,
						role: c === 0 ? 'Owner' : 'Admin',
					})),
				);
				store.contacts.set(owner.id, contacts);
				store.grants.set(
					owner.id,
					locks.slice(0, 2).map((lock, g) => ({
						id: deterministicId(`grant-${o}`, g),
						contactId: contacts[g % contacts.length].id,
						boundLockId: lock.id,
						validFrom: iso(0),
						validBefore: null,
						timeRestrictionIcal: null,
						state: 'Active',
						active: true,
					})),
				);
				store.logEntries.set(
					owner.id,
					locks.length
						? Array.from({ length: logsPerOwner }, (_, e) => ({
								id: deterministicId(`log-${o}`, e),
								entryNo: e + 1,
								logType: 'Command',
								command: 'TriggerLock',
								lockTimestamp: iso(e * 10),
								// Phones sync late: receipt order differs from lock order.
								receivedAt: iso(e * 10 + ((e * 7) % 5)),
								boundLockId: locks[e % locks.length].id,
								boundCardId: null,
								contactId: contacts[e % contacts.length].id,
							}))
						: [],
				);
			});
			provider.store = store;
		},

		error(status: number, message: string, code?: string): ApiResult {
			return {
				status,
				body: { ErrorCode: code ?? defaultCode(status), Message: message },
				headers: status === 401 ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : undefined,
			};
		},

		snapshot() {
			const { store } = provider;
			return {
				owners: store.owners.map(({ admins: _admins, ...owner }) => owner),
				boundLocks: Object.fromEntries(store.boundLocks),
				contacts: Object.fromEntries(store.contacts),
				grants: Object.fromEntries(store.grants),
				logEntries: Object.fromEntries(store.logEntries),
				boundCards: Object.fromEntries(store.boundCards),
				permissions: Object.fromEntries(store.permissions),
			};
		},

		/** A log entry arriving now, as a phone syncing would deliver it (for trigger tests). */
		addLogEntry(
			ownerId: string,
			receivedAt = new Date().toISOString(),
			contactId: string | null = null,
			boundLockId?: string,
		) {
			const entries = provider.store.logEntries.get(ownerId)!;
			const locks = provider.store.boundLocks.get(ownerId)!;
			const entry = {
				id: deterministicId(`log-${ownerId}`, entries.length + 1000),
				entryNo: entries.length + 1,
				logType: 'Command',
				command: 'TriggerLock',
				lockTimestamp: receivedAt,
				receivedAt,
				boundLockId: boundLockId ?? locks[0]?.id ?? null,
				boundCardId: null,
				contactId,
			};
			entries.push(entry);
			return entry;
		},

		/** A contact added behind the node's back (for lookups in accounts with many contacts). */
		addContact(ownerId: string, identifier: string) {
			const contacts = provider.store.contacts.get(ownerId)!;
			const contact = {
				id: deterministicId(`contact-${ownerId}`, contacts.length + 1000),
				ownerId,
				ipId: 'tapkey',
				identifier,
				title: identifier.split('@')[0],
				comment: null as string | null,
			};
			contacts.push(contact);
			return contact;
		},

		handle(call: ApiCall, grant: TokenGrant): ApiResult {
			const segments = call.path.split('/').filter(Boolean).map(decodeURIComponent);
			const lower = segments.map((s) => s.toLowerCase());
			if (lower[0] !== 'owners') return provider.error(404, `No route ${call.method} ${call.path}`, 'NotFound');

			// The scope follows the collection addressed: log entries under a lock are still logs,
			// revoking a contact's grants is a grants write.
			const collection = lower.includes('logentries')
				? 'logentries'
				: lower[lower.length - 1] === 'revokegrants'
					? 'revokegrants'
					: (lower[2] ?? 'owners');
			const needed = call.method === 'GET' ? READ_SCOPE[collection] : WRITE_SCOPE[collection];
			if (!needed) return provider.error(405, `${call.method} is not allowed on ${call.path}`, 'MethodNotAllowed');
			if (!grant.scopes.includes(needed)) {
				return provider.error(403, `The access token lacks the scope "${needed}".`, 'InsufficientScope');
			}

			const visible = provider.store.owners.filter((o) => o.admins.includes(grant.subject));
			if (lower.length === 1) {
				if (call.method !== 'GET') return provider.error(405, 'Owners cannot be created here', 'MethodNotAllowed');
				return page(call, visible.map(({ admins: _a, ...o }) => o));
			}
			const owner = visible.find((o) => o.id.toLowerCase() === lower[1]);
			if (!owner) {
				return provider.error(404, `Owner account ${segments[1]} was not found or you have no access to it.`, 'NotFound');
			}
			if (lower.length === 2) {
				const { admins: _a, ...rest } = owner;
				return { status: 200, body: rest };
			}
			const locks = provider.store.boundLocks.get(owner.id)!;
			const route = lower.slice(2).map((s, i) => (i % 2 === 1 ? ':id' : s)).join('/');

			switch (`${call.method} ${route}`) {
				case 'GET boundlocks': {
					const expanded = expand(call);
					if ('error' in expanded) return expanded.error;
					return page(call, locks.map((lock) => withExpansions(lock, expanded.properties)));
				}
				case 'GET boundlocks/:id': {
					const expanded = expand(call);
					if ('error' in expanded) return expanded.error;
					const lock = locks.find((l) => String(l.id).toLowerCase() === lower[3]);
					return lock
						? { status: 200, body: withExpansions(lock, expanded.properties) }
						: provider.error(404, `Bound lock ${segments[3]} was not found.`, 'NotFound');
				}
				case 'GET boundcards':
					return page(call, provider.store.boundCards.get(owner.id)!);
				case 'GET permissions':
					return page(call, provider.store.permissions.get(owner.id)!);
				case 'GET logentries':
					return page(call, provider.store.logEntries.get(owner.id)!);
				case 'GET boundlocks/:id/logentries': {
					const lock = locks.find((l) => String(l.id).toLowerCase() === lower[3]);
					if (!lock) return provider.error(404, `Bound lock ${segments[3]} was not found.`, 'NotFound');
					return page(call, provider.store.logEntries.get(owner.id)!.filter((e) => e.boundLockId === lock.id));
				}
				case 'GET contacts':
					return page(call, provider.store.contacts.get(owner.id)!);
				case 'PUT contacts':
					return putContact(owner.id, call.body);
				case 'GET contacts/:id': {
					const contact = findContact(owner.id, lower[3]);
					return contact ? { status: 200, body: contact } : provider.error(404, `Contact ${segments[3]} was not found.`, 'NotFound');
				}
				case 'PATCH contacts/:id': {
					const contact = findContact(owner.id, lower[3]);
					if (!contact) return provider.error(404, `Contact ${segments[3]} was not found.`, 'NotFound');
					return patchContact(contact, call.body);
				}
				case 'POST contacts/:id/revokegrants': {
					const contact = findContact(owner.id, lower[3]);
					if (!contact) return provider.error(404, `Contact ${segments[3]} was not found.`, 'NotFound');
					const dryRun = dryRunOf(call);
					if (dryRun === undefined) return provider.error(400, 'RevokeGrants needs dryRun=false to take effect.', 'BadRequest');
					const affected = provider.store.grants.get(owner.id)!.filter((g) => g.contactId === contact.id && g.active);
					if (!dryRun) affected.forEach(revokeGrant);
					return { status: 200, body: affected };
				}
				case 'GET grants':
					return page(call, provider.store.grants.get(owner.id)!);
				case 'PUT grants':
					return putGrant(owner.id, call.body);
				case 'POST grants/:id/revoke': {
					const target = provider.store.grants.get(owner.id)!.find((g) => String(g.id).toLowerCase() === lower[3]);
					if (!target) return provider.error(404, `Grant ${segments[3]} was not found.`, 'NotFound');
					const dryRun = dryRunOf(call);
					if (dryRun === undefined) return provider.error(400, 'Revoke needs dryRun=false to take effect.', 'BadRequest');
					if (!dryRun) revokeGrant(target);
					return { status: 200, body: target };
				}
			}
			return provider.error(404, `No route ${call.method} ${call.path}`, 'NotFound');
		},
	};

	/**
	 * Tapkey's revoke operations report without revoking unless `dryRun=false`; the sandbox is
	 * stricter and refuses a call that names no `dryRun` (true or false), so a forgotten
	 * parameter fails a test instead of silently revoking nothing.
	 */
	function dryRunOf(call: ApiCall): boolean | undefined {
		const value = call.query.get('dryRun') ?? call.query.get('dryrun');
		return value === 'true' ? true : value === 'false' ? false : undefined;
	}

	function revokeGrant(grant: Record<string, unknown>) {
		grant.state = 'Revoked';
		grant.active = false;
	}

	function findContact(ownerId: string, lowerId: string) {
		return provider.store.contacts.get(ownerId)!.find((c) => String(c.id).toLowerCase() === lowerId);
	}

	/** `expand` (Tapkey's name, without `$`): the expandable properties of bound locks. */
	function expand(call: ApiCall): { properties: string[] } | { error: ApiResult } {
		const raw = call.query.get('expand') ?? call.query.get('$expand');
		const properties = raw ? raw.split(',').map((p) => p.trim()).filter(Boolean) : [];
		const unknown = properties.find((p) => !['healthStatuses', 'supportedFeatures', 'membershipStatistics'].includes(p));
		if (unknown) return { error: provider.error(400, `"${unknown}" cannot be expanded.`, 'BadRequest') };
		return { properties };
	}

	function withExpansions(lock: Record<string, unknown>, properties: string[]) {
		if (!properties.includes('healthStatuses')) return lock;
		return { ...lock, healthStatuses: provider.store.health.get(String(lock.id)) ?? [] };
	}

	/** PATCH changes `title` and `comment` only (Tapkey's reference); anything else is refused. */
	function patchContact(contact: Record<string, unknown>, body: unknown): ApiResult {
		if (!body || typeof body !== 'object' || Array.isArray(body)) return provider.error(400, 'The body must be a JSON object.', 'BadRequest');
		const input = body as Record<string, unknown>;
		const other = Object.keys(input).find((key) => key !== 'title' && key !== 'comment');
		if (other) return provider.error(400, `The property "${other}" cannot be patched.`, 'BadRequest');
		for (const key of ['title', 'comment']) {
			if (!(key in input)) continue;
			if (input[key] !== null && typeof input[key] !== 'string') return provider.error(400, `${key} must be a string or null.`, 'BadRequest');
			contact[key] = input[key];
		}
		return { status: 200, body: contact };
	}

	function page(call: ApiCall, records: Record<string, unknown>[]): ApiResult {
		const filtered = parseODataFilter(call.query.get('$filter'));
		if ('error' in filtered) return provider.error(400, filtered.error, 'BadRequest');
		const result = odataPage(records.filter(filtered.test), call.query, TAPKEY_MAX_TOP);
		if ('error' in result) return provider.error(400, result.error, 'BadRequest');
		return { status: 200, body: result.records };
	}

	function putContact(ownerId: string, body: unknown): ApiResult {
		const input = body as { ipId?: unknown; identifier?: unknown; title?: unknown } | undefined;
		if (!input || typeof input !== 'object' || typeof input.identifier !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(input.identifier)) {
			return provider.error(400, 'identifier must be an e-mail address.', 'BadRequest');
		}
		if (input.ipId !== 'tapkey') return provider.error(400, 'ipId must be "tapkey".', 'BadRequest');
		const contacts = provider.store.contacts.get(ownerId)!;
		const existing = contacts.find((c) => String(c.identifier).toLowerCase() === String(input.identifier).toLowerCase());
		if (existing) return provider.error(409, `A contact for ${input.identifier} already exists.`, 'Duplicate');
		const contact = {
			id: deterministicId(`contact-${ownerId}`, contacts.length + 100),
			ownerId,
			ipId: 'tapkey',
			identifier: input.identifier,
			title: typeof input.title === 'string' ? input.title : null,
			comment: typeof (input as { comment?: unknown }).comment === 'string' ? (input as { comment: string }).comment : null,
		};
		contacts.push(contact);
		return { status: 200, body: contact };
	}

	function putGrant(ownerId: string, body: unknown): ApiResult {
		const input = (body ?? {}) as Record<string, any>;
		const locks = provider.store.boundLocks.get(ownerId)!;
		const lock = locks.find((l) => String(l.id).toLowerCase() === String(input.boundLockId ?? '').toLowerCase());
		if (!lock) return provider.error(404, `Bound lock ${input.boundLockId} was not found.`, 'NotFound');
		if (typeof input.validFrom !== 'string' || Number.isNaN(Date.parse(input.validFrom))) {
			return provider.error(400, 'validFrom must be a date-time.', 'BadRequest');
		}
		if (input.validBefore != null && (Number.isNaN(Date.parse(input.validBefore)) || Date.parse(input.validBefore) <= Date.parse(input.validFrom))) {
			return provider.error(400, 'validBefore must be a date-time after validFrom.', 'BadRequest');
		}
		const contacts = provider.store.contacts.get(ownerId)!;
		let contact = input.contactId ? contacts.find((c) => c.id === input.contactId) : undefined;
		if (input.contactId && !contact) return provider.error(404, `Contact ${input.contactId} was not found.`, 'NotFound');
		const identifier = input.contact?.identifier;
		if (!contact && typeof identifier === 'string') {
			contact = contacts.find((c) => String(c.identifier).toLowerCase() === identifier.toLowerCase());
			if (!contact) {
				const created = putContact(ownerId, { ipId: 'tapkey', identifier });
				if (created.status !== 200) return created;
				contact = created.body as Record<string, unknown>;
			}
		}
		if (!contact) return provider.error(400, 'A grant needs contact.identifier or contactId.', 'BadRequest');
		const grants = provider.store.grants.get(ownerId)!;
		const grant = {
			id: deterministicId(`grant-${ownerId}`, grants.length + 100),
			contactId: contact.id,
			boundLockId: lock.id,
			validFrom: new Date(input.validFrom).toISOString(),
			validBefore: input.validBefore ? new Date(input.validBefore).toISOString() : null,
			timeRestrictionIcal: input.timeRestrictionIcal ?? null,
			state: 'Active',
			active: true,
		};
		grants.push(grant);
		return { status: 200, body: grant };
	}

	provider.reset();
	return provider;
}

function defaultCode(status: number): string {
	return (
		{ 400: 'BadRequest', 401: 'Unauthorized', 402: 'PaymentRequired', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 429: 'TooManyRequests' } as Record<number, string>
	)[status] ?? 'InternalServerError';
}
