'use strict';
/**
 * The workflows the benchmark compares. Each one lists every owner, then the bound locks of each
 * owner (one input item per owner), against the same Tapkey credential:
 *
 * - A      this package: Tapkey "Owner → Get Many" → Tapkey "Bound Lock → Get Many" (Return All)
 * - A50    the same with Limit 50
 * - B      baseline: n8n's HTTP Request node, Authentication "Predefined Credential Type" =
 *          tapkeyOAuth2Api, built-in pagination ($top=1000 as a query parameter, $skip updated per
 *          page, complete when a page is shorter than 1000)
 * - B50    baseline for A50: HTTP Request with $top=50, no pagination
 * - Bretry B with the node setting "Retry On Fail" (3 tries, 1 s apart) on both HTTP nodes: what a
 *          careful user adds for flaky APIs
 */
const fs = require('node:fs');
const path = require('node:path');
const fixtures = require('../scripts/n8n/fixtures');

const TRIGGER = 'When clicking ‘Execute workflow’';
const OWNERS = 'Owners';
const LOCKS = 'Bound locks';
const PAGE = 1000;

/** The HTTP Request node version a user of this n8n gets when adding the node (its default). */
function httpRequestVersion(installDir) {
	const file = path.join(installDir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
	const match = /defaultVersion:\s*([\d.]+)/.exec(fs.readFileSync(file, 'utf8'));
	if (!match) throw new Error('could not read the HTTP Request node default version');
	return Number(match[1]);
}

const withCredential = (node, credential) => ({
	...node,
	credentials: { [credential.type]: { id: credential.id, name: credential.name } },
});

function packageWorkflow(id, name, credential, lockParameters) {
	return fixtures.workflow(
		id,
		name,
		[
			fixtures.manualTrigger(),
			withCredential(
				fixtures.node(OWNERS, fixtures.nodeType('tapkey'), [220, 0], { resource: 'owner', operation: 'getMany', returnAll: true }),
				credential,
			),
			withCredential(
				fixtures.node(LOCKS, fixtures.nodeType('tapkey'), [440, 0], {
					resource: 'boundLock',
					operation: 'getMany',
					ownerId: fixtures.byId('={{ $json.id }}'),
					...lockParameters,
				}),
				credential,
			),
		],
		fixtures.main([TRIGGER, OWNERS], [OWNERS, LOCKS]),
	);
}

function httpNode(name, position, version, credential, parameters, extra = {}) {
	return {
		...withCredential(
			fixtures.node(name, 'n8n-nodes-base.httpRequest', position, {
				method: 'GET',
				authentication: 'predefinedCredentialType',
				nodeCredentialType: credential.type,
				...parameters,
			}),
			credential,
		),
		typeVersion: version,
		...extra,
	};
}

function baselineWorkflow(id, name, credential, baseUrl, version, { top, paginate, retry }) {
	const extra = retry ? { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 } : {};
	const locksOptions = paginate
		? {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: '$skip', value: `={{ $pageCount * ${PAGE} }}` }] },
						paginationCompleteWhen: 'other',
						completeExpression: `={{ $response.body.length < ${PAGE} }}`,
						limitPagesFetched: true,
						maxRequests: 100,
					},
				},
			}
		: {};
	return fixtures.workflow(
		id,
		name,
		[
			fixtures.manualTrigger(),
			httpNode(OWNERS, [220, 0], version, credential, { url: `${baseUrl}/Owners`, options: {} }, extra),
			httpNode(
				LOCKS,
				[440, 0],
				version,
				credential,
				{
					url: `=${baseUrl}/Owners/{{ $json.id }}/BoundLocks`,
					sendQuery: true,
					specifyQuery: 'keypair',
					queryParameters: { parameters: [{ name: '$top', value: String(top) }] },
					options: locksOptions,
				},
				extra,
			),
		],
		fixtures.main([TRIGGER, OWNERS], [OWNERS, LOCKS]),
	);
}

/**
 * @param {{ id: string, name: string, type: string }} credential
 * @param {string} baseUrl the Tapkey API base URL of the sandbox
 * @param {number} httpVersion typeVersion of the HTTP Request node
 */
function benchWorkflows(credential, baseUrl, httpVersion) {
	const id = (key) => fixtures.shortId(`bench:${key}`);
	return [
		{ key: 'A', label: 'A: Tapkey node, Return All', baseline: 'B', workflow: packageWorkflow(id('A'), 'Bench A: Tapkey node (Return All)', credential, { returnAll: true }) },
		{ key: 'A50', label: 'A50: Tapkey node, Limit 50', baseline: 'B50', workflow: packageWorkflow(id('A50'), 'Bench A50: Tapkey node (Limit 50)', credential, { returnAll: false, limit: 50 }) },
		{ key: 'B', label: 'B: HTTP Request, paginated', workflow: baselineWorkflow(id('B'), 'Bench B: HTTP Request (paginated)', credential, baseUrl, httpVersion, { top: PAGE, paginate: true }) },
		{ key: 'B50', label: 'B50: HTTP Request, $top=50', workflow: baselineWorkflow(id('B50'), 'Bench B50: HTTP Request ($top=50)', credential, baseUrl, httpVersion, { top: 50, paginate: false }) },
		{ key: 'Bretry', label: 'B+retry: HTTP Request, paginated, Retry On Fail', workflow: baselineWorkflow(id('Bretry'), 'Bench B+retry: HTTP Request (paginated, Retry On Fail)', credential, baseUrl, httpVersion, { top: PAGE, paginate: true, retry: true }) },
	];
}

module.exports = { benchWorkflows, httpRequestVersion, OWNERS, LOCKS, PAGE };
