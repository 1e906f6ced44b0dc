'use strict';
// The packages this repository publishes, one per service (shared/CONTRACT.md). Build, lint, scan,
// tests, `npm start` and the e2e harness read this list; each entry's folder holds its package.json.
const PACKAGES = [
	{ name: 'n8n-nodes-tapkey', folder: 'packages/n8n-nodes-tapkey', service: 'Tapkey' },
	{ name: 'n8n-nodes-taptouch', folder: 'packages/n8n-nodes-taptouch', service: 'Taptouch' },
	{ name: 'n8n-nodes-lockitnetwork', folder: 'packages/n8n-nodes-lockitnetwork', service: 'LockitNetwork' },
];

module.exports = { PACKAGES };
