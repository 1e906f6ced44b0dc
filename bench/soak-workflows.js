'use strict';
/**
 * The workflows of the soak benchmark (bench/soak.js): one small list call per webhook, built
 * twice, each started by `POST /webhook/<path>` and answering with the last node's items.
 *
 * - node: this package's Taptouch "Store → Get Many" (authorization-code credential) and Tapkey
 *         "Owner → Get Many" (client-credentials credential), Return All
 * - http: n8n's HTTP Request node with n8n's generic OAuth2 credential (`oAuth2Api`) for the same
 *         sandbox clients and grants: `GET …/stores?index=0&count=100` and `GET …/Owners`
 *
 * `records(body)` counts what an answer carries, so the bench can tell a complete answer from an
 * error page: Taptouch wraps lists in `{ status, data }`, which the HTTP Request node hands on as is.
 */
const fixtures = require('../scripts/n8n/fixtures');
const { webhookTrigger, chain, http, withCredential } = require('./speed-workflows');

const TAPTOUCH_PAGE = 100;

const list = (body) => (Array.isArray(body) ? body : []);

/**
 * @param {{ taptouch: object, tapkey: object, taptouchGeneric: object, tapkeyGeneric: object }} credentials
 * @param {{ taptouch: string, tapkey: string }} baseUrls
 * @param {number} httpVersion
 * @returns {Array<{ variant: 'node' | 'http', provider: 'taptouch' | 'tapkey', path: string, workflow: object, records: (body: unknown) => number }>}
 */
function soakWorkflows(credentials, baseUrls, httpVersion) {
	const entry = (variant, provider, name, node, records) => {
		const path = `soak-${variant}-${provider}`;
		return {
			variant,
			provider,
			path,
			records,
			workflow: chain(fixtures.shortId(`soak:${path}`), `Soak: ${name}`, [node], webhookTrigger(path, 'allEntries')),
		};
	};
	const packageList = (name, type, resource, credential) =>
		withCredential(fixtures.node(name, fixtures.nodeType(type), [0, 0], { resource, operation: 'getMany', returnAll: true }), credential);
	return [
		entry('node', 'taptouch', 'Taptouch stores (Taptouch node, authorization code)', packageList('Stores', 'taptouch', 'store', credentials.taptouch), (b) => list(b).length),
		entry('node', 'tapkey', 'Tapkey owners (Tapkey node, client credentials)', packageList('Owners', 'tapkey', 'owner', credentials.tapkey), (b) => list(b).length),
		entry(
			'http',
			'taptouch',
			'Taptouch stores (HTTP Request, generic OAuth2, authorization code)',
			http('Stores', httpVersion, credentials.taptouchGeneric, `${baseUrls.taptouch}/stores`, [
				['index', '0'],
				['count', String(TAPTOUCH_PAGE)],
			]),
			(b) => list(list(b)[0]?.data).length,
		),
		entry(
			'http',
			'tapkey',
			'Tapkey owners (HTTP Request, generic OAuth2, client credentials)',
			http('Owners', httpVersion, credentials.tapkeyGeneric, `${baseUrls.tapkey}/Owners`, []),
			(b) => list(b).length,
		),
	];
}

module.exports = { soakWorkflows };
