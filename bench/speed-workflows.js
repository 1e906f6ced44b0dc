'use strict';
/**
 * The workflows of the speed benchmark (bench/speed.js). Two jobs, each built twice:
 *
 * - locks:  every bound lock of every Tapkey owner
 *   - node: Tapkey "Owner → Get Many" (Return All) → Tapkey "Bound Lock → Get Many" (Return All)
 *   - http: HTTP Request GET /Owners → HTTP Request GET /Owners/{id}/BoundLocks, `$top=1000`,
 *           pagination "Update a Parameter in Each Request" `$skip = $pageCount * 1000`, complete
 *           when a page is shorter than 1000
 * - orders: every order of every Taptouch store
 *   - node: Taptouch "Store → Get Many" (Return All) → Taptouch "Order → Get Many" (Return All)
 *   - http: HTTP Request GET /stores → Split Out `data` → HTTP Request GET /stores/{id}/orders,
 *           `count=100`, pagination `index = $pageCount`, complete when `data` is shorter than
 *           100 → Split Out `data` (Taptouch wraps every list in `{ status, data }`)
 *
 * The HTTP Request nodes use n8n's generic OAuth2 credential (client credentials), as a user
 * without this package would; the package's nodes use its own credentials with the same client.
 */
const fixtures = require('../scripts/n8n/fixtures');

const TRIGGER = 'When clicking ‘Execute workflow’';
const WEBHOOK = 'Webhook';
const TAPKEY_PAGE = 1000;
const TAPTOUCH_PAGE = 100;

const withCredential = (node, credential) => ({
	...node,
	credentials: { [credential.type]: { id: credential.id, name: credential.name } },
});

/**
 * Started by a POST to `/webhook/<path>`, answered when the last node is done, with no body
 * (`responseData` `allEntries`: with the last node's items).
 */
function webhookTrigger(path, responseData = 'noData') {
	return {
		...fixtures.node(WEBHOOK, 'n8n-nodes-base.webhook', [0, 0], {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData,
			options: {},
		}),
		typeVersion: 2,
		webhookId: fixtures.uuid(`speed-webhook:${path}`),
	};
}

function chain(id, name, nodes, trigger = fixtures.manualTrigger()) {
	const names = [trigger.name, ...nodes.map((n) => n.name)];
	const pairs = names.slice(1).map((to, i) => [names[i], to]);
	const placed = nodes.map((n, i) => ({ ...n, position: [220 * (i + 1), 0] }));
	return fixtures.workflow(id, name, [trigger, ...placed], fixtures.main(...pairs));
}

/**
 * The same workflow started by a webhook, for a running n8n (`n8n start`): what a production
 * instance does, where n8n's start-up work (first credential read, first expression) is long done.
 */
function webhookTwin(entry) {
	const path = `speed-${entry.job}-${entry.kind}`;
	const nodes = entry.workflow.nodes.filter((n) => n.name !== TRIGGER);
	return {
		...entry,
		path,
		workflow: chain(fixtures.shortId(`speed:webhook:${path}`), `${entry.workflow.name} (webhook)`, nodes, webhookTrigger(path)),
	};
}

function http(name, version, credential, url, query, pagination) {
	return {
		...withCredential(
			fixtures.node(name, 'n8n-nodes-base.httpRequest', [0, 0], {
				method: 'GET',
				url,
				authentication: 'genericCredentialType',
				genericAuthType: 'oAuth2Api',
				...(query.length
					? { sendQuery: true, specifyQuery: 'keypair', queryParameters: { parameters: query.map(([n, v]) => ({ name: n, value: v })) } }
					: {}),
				options: pagination
					? {
							pagination: {
								pagination: {
									paginationMode: 'updateAParameterInEachRequest',
									parameters: { parameters: [{ type: 'qs', name: pagination.parameter, value: pagination.value }] },
									paginationCompleteWhen: 'other',
									completeExpression: pagination.complete,
									limitPagesFetched: true,
									maxRequests: 1000,
								},
							},
						}
					: {},
			}),
			credential,
		),
		typeVersion: version,
	};
}

const splitOut = (name) => fixtures.node(name, 'n8n-nodes-base.splitOut', [0, 0], { fieldToSplitOut: 'data', options: {} });

/**
 * A job as this package's node does it: the parents' Get Many, then each parent's children's Get
 * Many (Return All both), the parent's ID from `{{ $json.id }}`.
 */
function nodeJob(job, workflowId, name, type, credential, [parentName, parentResource], [childName, childResource, parentIdParameter]) {
	return {
		job,
		kind: 'node',
		output: childName,
		workflow: chain(workflowId, name, [
			withCredential(fixtures.node(parentName, type, [0, 0], { resource: parentResource, operation: 'getMany', returnAll: true }), credential),
			withCredential(
				fixtures.node(childName, type, [0, 0], {
					resource: childResource,
					operation: 'getMany',
					[parentIdParameter]: fixtures.byId('={{ $json.id }}'),
					returnAll: true,
				}),
				credential,
			),
		]),
	};
}

/**
 * @param {{ tapkey: object, taptouch: object, tapkeyGeneric: object, taptouchGeneric: object }} credentials
 * @param {{ tapkey: string, taptouch: string }} baseUrls
 * @param {number} httpVersion
 */
function speedWorkflows(credentials, baseUrls, httpVersion) {
	const id = (key) => fixtures.shortId(`speed:${key}`);
	const tapkey = fixtures.nodeType('tapkey');
	const taptouch = fixtures.nodeType('taptouch');
	return [
		nodeJob('locks', id('locks-node'), 'Speed: every bound lock (Tapkey node)', tapkey, credentials.tapkey, ['Owners', 'owner'], ['Bound locks', 'boundLock', 'ownerId']),
		{
			job: 'locks',
			kind: 'http',
			output: 'Bound locks',
			workflow: chain(id('locks-http'), 'Speed: every bound lock (HTTP Request)', [
				http('Owners', httpVersion, credentials.tapkeyGeneric, `${baseUrls.tapkey}/Owners`, []),
				http('Bound locks', httpVersion, credentials.tapkeyGeneric, `=${baseUrls.tapkey}/Owners/{{ $json.id }}/BoundLocks`, [['$top', String(TAPKEY_PAGE)]], {
					parameter: '$skip',
					value: `={{ $pageCount * ${TAPKEY_PAGE} }}`,
					complete: `={{ $response.body.length < ${TAPKEY_PAGE} }}`,
				}),
			]),
		},
		nodeJob('orders', id('orders-node'), 'Speed: every order (Taptouch node)', taptouch, credentials.taptouch, ['Stores', 'store'], ['Orders', 'order', 'storeId']),
		{
			job: 'orders',
			kind: 'http',
			output: 'Orders',
			workflow: chain(id('orders-http'), 'Speed: every order (HTTP Request)', [
				http('Stores page', httpVersion, credentials.taptouchGeneric, `${baseUrls.taptouch}/stores`, [
					['index', '0'],
					['count', String(TAPTOUCH_PAGE)],
				]),
				splitOut('Stores'),
				http('Order pages', httpVersion, credentials.taptouchGeneric, `=${baseUrls.taptouch}/stores/{{ $json.id }}/orders`, [['count', String(TAPTOUCH_PAGE)]], {
					parameter: 'index',
					value: '={{ $pageCount }}',
					complete: `={{ $response.body.data.length < ${TAPTOUCH_PAGE} }}`,
				}),
				splitOut('Orders'),
			]),
		},
	];
}

module.exports = { speedWorkflows, webhookTwin, webhookTrigger, chain, http, withCredential, TAPKEY_PAGE, TAPTOUCH_PAGE };
