'use strict';
// The packages this repository publishes, one per service (n8n verifies one service per package). Build, lint, scan,
// tests, `npm start` and the e2e harness read this list; each entry's folder holds its package.json.
const PACKAGES = [
	{
		name: 'n8n-nodes-tapkey',
		folder: 'packages/n8n-nodes-tapkey',
		service: 'Tapkey',
		nodes: ['tapkey', 'tapkeyTrigger'],
		credentials: ['tapkeyOAuth2Api', 'tapkeyTokenExchangeApi'],
	},
	{
		name: 'n8n-nodes-taptouch',
		folder: 'packages/n8n-nodes-taptouch',
		service: 'Taptouch',
		nodes: ['taptouch', 'taptouchTrigger'],
		credentials: ['taptouchOAuth2Api'],
	},
	{
		name: 'n8n-nodes-lockitnetwork',
		folder: 'packages/n8n-nodes-lockitnetwork',
		service: 'LockitNetwork',
		nodes: ['lockitNetwork'],
		credentials: ['lockitNetworkOAuth2Api', 'lockitNetworkApi'],
	},
];

/** The type a saved workflow holds for one of the nodes: `tapkey` -> `n8n-nodes-tapkey.tapkey`. */
function nodeType(node) {
	const pkg = PACKAGES.find((p) => p.nodes.includes(node));
	if (!pkg) throw new Error(`no package of this repository has a node ${node}`);
	return `${pkg.name}.${node}`;
}

/** The node name of a type of one of the packages (`n8n-nodes-tapkey.tapkey` -> `tapkey`), else undefined. */
function nodeName(type) {
	const pkg = PACKAGES.find((p) => p.nodes.some((n) => type === `${p.name}.${n}`));
	return pkg ? type.slice(pkg.name.length + 1) : undefined;
}

module.exports = { PACKAGES, nodeType, nodeName };
