// Setup of the `integration-n8n2` project: it proves our nodes on n8n 2.x's n8n-core only when that
// is installed and runs on the Node n8n 2.x needs. `npm run test:n8n2` (scripts/n8n/jest2.js) does both.
const fs = require('fs');
const path = require('path');
const { cacheDir, getVersion, IN_PROCESS_N8N2_VERSION } = require('../../scripts/n8n/versions');

const { nodeMajor } = getVersion(IN_PROCESS_N8N2_VERSION);
const installDir = path.join(cacheDir, `n8n-${IN_PROCESS_N8N2_VERSION}`);
const howTo = 'run it with `npm run test:n8n2` (it installs n8n and uses its Node)';
if (!fs.existsSync(path.join(installDir, '.installed.json'))) {
	throw new Error(`n8n ${IN_PROCESS_N8N2_VERSION} is not installed in ${installDir}: ${howTo}`);
}
if (Number(process.versions.node.split('.')[0]) < nodeMajor) {
	throw new Error(`jest project integration-n8n2 needs Node ${nodeMajor} (n8n ${IN_PROCESS_N8N2_VERSION}'s), not ${process.version}: ${howTo}`);
}
