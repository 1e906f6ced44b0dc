'use strict';
/**
 * Credentials and workflows that point this package's nodes at the provider sandbox. Used by
 * `npm start` (the demo) and by the end-to-end tests, so what the demo shows is what is tested.
 *
 * Client ids and secrets come from the sandbox's own fixtures (`SANDBOX_CLIENTS`); nothing here
 * holds a secret of its own.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { PACKAGES, nodeType, nodeName } = require('../../index');

/** Credential type per sandbox provider id (the public contract's names). */
const CREDENTIAL_TYPES = {
	tapkey: 'tapkeyOAuth2Api',
	taptouch: 'taptouchOAuth2Api',
	lockitnetwork: 'lockitNetworkOAuth2Api',
};

const PROVIDER_NAMES = { tapkey: 'Tapkey', taptouch: 'Taptouch', lockitnetwork: 'LockitNetwork' };

/** Grants each credential type offers (contract), with the label shown in credential names. */
const GRANTS = {
	tapkey: ['clientCredentials', 'authorizationCode', 'pkce'],
	taptouch: ['clientCredentials', 'authorizationCode', 'pkce'],
	lockitnetwork: ['clientCredentials', 'authorizationCode', 'pkce'],
};
const GRANT_LABELS = {
	clientCredentials: 'client credentials',
	authorizationCode: 'authorization code',
	pkce: 'PKCE',
};

/** n8n ids are up to 16 characters; deterministic ones keep re-imports idempotent. */
const shortId = (seed) => crypto.createHash('sha256').update(seed).digest('base64url').replace(/[-_]/g, 'x').slice(0, 16);
const credentialId = (provider, grant) => shortId(`cred:${provider}:${grant}`);
const uuid = (seed) => {
	const h = crypto.createHash('sha256').update(seed).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * The sandbox client that fits a grant: a confidential one for the authorization code, a public
 * one for PKCE, a service client for client credentials (the first listed: the one that is
 * co-admin of the owners).
 */
function clientFor(clients, grant) {
	const pick = {
		clientCredentials: (c) => c.grants.includes('client_credentials') && c.clientSecret,
		authorizationCode: (c) => c.grants.includes('authorization_code') && c.clientSecret && !c.requirePkce,
		pkce: (c) => c.grants.includes('authorization_code') && !c.clientSecret,
	}[grant];
	return clients.find(pick) ?? (grant === 'pkce' ? clients.find((c) => c.grants.includes('authorization_code')) : undefined);
}

/**
 * One credential per provider and grant, in the `custom` environment pointing at the sandbox.
 * `queueMode`: set up as the README tells users of queue mode, "Take Turns to Refresh" on for the
 * grants that spend a refresh token (n8n 1.x needs it; 2.30 and later ignore it).
 * @param {{ urls: Record<string, { authUrl: string, accessTokenUrl: string, baseUrl: string }>, clients: Record<string, any[]> }} sandbox
 * @param {{ queueMode?: boolean }} [opts]
 * @returns {Array<{ id: string, name: string, type: string, provider: string, grant: string, data: Record<string, unknown> }>}
 */
function sandboxCredentials(sandbox, opts = {}) {
	const out = [];
	for (const [provider, urls] of Object.entries(sandbox.urls)) {
		const type = CREDENTIAL_TYPES[provider];
		if (!type) continue;
		for (const grant of GRANTS[provider] ?? []) {
			const client = clientFor(sandbox.clients[provider] ?? [], grant);
			if (!client) continue;
			const data = {
				grantType: grant,
				environment: 'custom',
				customAuthUrl: urls.authUrl,
				customAccessTokenUrl: urls.accessTokenUrl,
				customBaseUrl: urls.baseUrl,
				clientId: client.clientId,
			};
			if (grant !== 'pkce' && client.clientSecret) data.clientSecret = client.clientSecret;
			if (opts.queueMode && grant !== 'clientCredentials') data.takeTurnsToRefresh = true;
			out.push({
				id: credentialId(provider, grant),
				name: `${PROVIDER_NAMES[provider]} sandbox (${GRANT_LABELS[grant]})`,
				type,
				provider,
				grant,
				data,
			});
		}
	}
	return out;
}

/** The n8n import format for credentials (drops the helper fields). */
const forImport = (credentials) => credentials.map(({ id, name, type, data }) => ({ id, name, type, data }));

function node(name, type, position, parameters, credential, extra = {}) {
	return {
		id: uuid(`${name}:${type}`),
		name,
		type,
		typeVersion: 1,
		position,
		parameters,
		...(credential ? { credentials: { [credential.type]: { id: credential.id, name: credential.name } } } : {}),
		...extra,
	};
}

const main = (...pairs) =>
	Object.fromEntries(pairs.map(([from, to]) => [from, { main: [[{ node: to, type: 'main', index: 0 }]] }]));

const byId = (value) => ({ __rl: true, mode: 'id', value });

const manualTrigger = () => node('When clicking ‘Execute workflow’', 'n8n-nodes-base.manualTrigger', [0, 0], {});

function workflow(id, name, nodes, connections, extra = {}) {
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1', saveManualExecutions: true },
		pinData: {},
		tags: [],
		...extra,
	};
}

/** Ids of the demo workflows, stable so tests and the start script can refer to them. */
const WORKFLOW_IDS = {
	tapkeyLocks: 'demoTapkeyLocks1',
	tapkeyUnlocks: 'demoTapkeyUnlock',
	taptouchOrders: 'demoTaptouchOrdr',
	lockitProjects: 'demoLockitProjct',
	tapkeyBooking: 'demoTapkeyBookng',
};

/** The webhook path of the booking demo (`POST /webhook/tapkey-booking` once it is active). */
const BOOKING_WEBHOOK_PATH = 'tapkey-booking';

/** Which provider's credential a node type of this package uses. */
const NODE_PROVIDERS = { tapkey: 'tapkey', tapkeyTrigger: 'tapkey', taptouch: 'taptouch', taptouchTrigger: 'taptouch', lockitNetwork: 'lockitnetwork' };

/**
 * An importable template from `examples/` as a workflow for the sandbox: this package's nodes get the
 * provider's client-credentials credential and, where they have one, the Tapkey owner account, so
 * the template itself is what is run and tested.
 * @param {string} file name in `examples/`
 * @param {string} id
 * @param {ReturnType<typeof sandboxCredentials>} credentials
 * @param {string} [ownerId]
 */
function templateWorkflow(file, id, credentials, ownerId) {
	const template = JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples', file), 'utf8'));
	const nodes = template.nodes.map((n) => {
		const name = nodeName(n.type);
		if (!name) return n;
		const provider = NODE_PROVIDERS[name];
		const credential = credentials.find((c) => c.provider === provider && c.grant === 'clientCredentials');
		if (!credential) throw new Error(`${file}: no ${provider} credential for node "${n.name}"`);
		const parameters = 'ownerId' in n.parameters && ownerId ? { ...n.parameters, ownerId: byId(ownerId) } : n.parameters;
		return { ...n, parameters, credentials: { [credential.type]: { id: credential.id, name: credential.name } } };
	});
	return workflow(id, template.name, nodes, template.connections);
}

/**
 * The demo workflows for the providers whose credentials exist and whose nodes the package ships.
 * @param {ReturnType<typeof sandboxCredentials>} credentials
 * @param {{ hasNode: (name: string) => boolean, scheduleSeconds?: number, ownerId?: string }} opts
 *   `ownerId`: the Tapkey owner account the booking demo grants keys for (no booking demo without it)
 */
function demoWorkflows(credentials, opts) {
	const cred = (provider, grant = 'clientCredentials') =>
		credentials.find((c) => c.provider === provider && c.grant === grant);
	const out = [];
	const seconds = opts.scheduleSeconds ?? 30;

	const tapkey = cred('tapkey');
	if (tapkey && opts.hasNode('tapkey')) {
		out.push(
			workflow(
				WORKFLOW_IDS.tapkeyLocks,
				'Tapkey: every bound lock of every owner',
				[
					manualTrigger(),
					node('Owners', nodeType('tapkey'), [220, 0], { resource: 'owner', operation: 'getMany', returnAll: true }, tapkey),
					node(
						'Bound locks',
						nodeType('tapkey'),
						[440, 0],
						{ resource: 'boundLock', operation: 'getMany', ownerId: byId('={{ $json.id }}'), returnAll: true },
						tapkey,
					),
				],
				main(['When clicking ‘Execute workflow’', 'Owners'], ['Owners', 'Bound locks']),
			),
		);
		// On a schedule: each run lists the unlocks of every owner received since the run before.
		out.push(
			workflow(
				WORKFLOW_IDS.tapkeyUnlocks,
				'Tapkey: unlocks on a schedule',
				[
					node('Schedule Trigger', 'n8n-nodes-base.scheduleTrigger', [0, 0], {
						rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] },
					}),
					node('Owners', nodeType('tapkey'), [220, 0], { resource: 'owner', operation: 'getMany', returnAll: true }, tapkey),
					node(
						'Unlocks',
						nodeType('tapkey'),
						[440, 0],
						{
							resource: 'logEntry',
							operation: 'getMany',
							ownerId: byId('={{ $json.id }}'),
							boundLockId: { __rl: true, mode: 'list', value: '' },
							unlocksOnly: true,
							returnAll: true,
						},
						tapkey,
					),
				],
				main(['Schedule Trigger', 'Owners'], ['Owners', 'Unlocks']),
				{ settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' } },
			),
		);
		// A booking system POSTs {email, lockId, from, to}; the guest gets a key for the stay.
		if (opts.ownerId) {
			out.push(templateWorkflow('tapkey-booking-webhook.json', WORKFLOW_IDS.tapkeyBooking, credentials, opts.ownerId));
		}
	}

	const taptouch = cred('taptouch');
	if (taptouch && opts.hasNode('taptouch')) {
		out.push(
			workflow(
				WORKFLOW_IDS.taptouchOrders,
				'Taptouch: orders of every store',
				[
					manualTrigger(),
					node('Stores', nodeType('taptouch'), [220, 0], { resource: 'store', operation: 'getMany', returnAll: true }, taptouch),
					node(
						'Orders',
						nodeType('taptouch'),
						[440, 0],
						{ resource: 'order', operation: 'getMany', storeId: byId('={{ $json.id }}'), returnAll: true },
						taptouch,
					),
				],
				main(['When clicking ‘Execute workflow’', 'Stores'], ['Stores', 'Orders']),
			),
		);
	}

	const lockit = cred('lockitnetwork');
	if (lockit && opts.hasNode('lockitNetwork')) {
		out.push(
			workflow(
				WORKFLOW_IDS.lockitProjects,
				'LockitNetwork: episodes of every premium project',
				[
					manualTrigger(),
					node(
						'Projects',
						nodeType('lockitNetwork'),
						[220, 0],
						{ resource: 'project', operation: 'getMany', returnAll: true },
						lockit,
					),
					// LockitNetwork opens project endpoints to premium projects only.
					node(
						'Premium Only',
						'n8n-nodes-base.filter',
						[440, 0],
						{
							conditions: {
								options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
								conditions: [
									{
										id: 'premium',
										leftValue: '={{ $json.isPremium }}',
										rightValue: '',
										operator: { type: 'boolean', operation: 'true', singleValue: true },
									},
								],
								combinator: 'and',
							},
							options: {},
						},
						undefined,
						{ typeVersion: 2 },
					),
					node(
						'Episodes',
						nodeType('lockitNetwork'),
						[660, 0],
						{ resource: 'episode', operation: 'getMany', projectId: byId('={{ $json.uuid }}'), returnAll: true },
						lockit,
					),
				],
				main(['When clicking ‘Execute workflow’', 'Projects'], ['Projects', 'Premium Only'], ['Premium Only', 'Episodes']),
			),
		);
	}
	return out;
}

/**
 * Which nodes the given built/packed packages ship, read from their package.json `n8n.nodes` lists
 * (`dist/nodes/Tapkey/Tapkey.node.js` -> `tapkey`).
 * @param {object | object[]} pkgJsons
 */
function shippedNodes(pkgJsons) {
	return new Set(
		[pkgJsons].flat().flatMap((pkgJson) =>
			(pkgJson.n8n?.nodes ?? []).map((p) => {
				const base = p.split('/').pop().replace(/\.node\.js$/, '');
				return base.charAt(0).toLowerCase() + base.slice(1);
			}),
		),
	);
}

module.exports = {
	PACKAGES,
	nodeType,
	CREDENTIAL_TYPES,
	WORKFLOW_IDS,
	BOOKING_WEBHOOK_PATH,
	templateWorkflow,
	credentialId,
	shortId,
	uuid,
	sandboxCredentials,
	forImport,
	demoWorkflows,
	shippedNodes,
	node,
	workflow,
	main,
	byId,
	manualTrigger,
};
