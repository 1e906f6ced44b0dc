'use strict';
/**
 * Runs the unit and in-process tests against n8n 2.x: jest projects `unit-n8n2` and
 * `integration-n8n2` (see jest.config.js) with the Node that n8n 2.x runs on, after making sure
 * that n8n 2.x is installed in the cache.
 *
 *   npm run test:n8n2                              every test/unit and test/integration file
 *   npm run test:n8n2 -- test/integration/tapkey   some of them; other jest options pass through too
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureN8n } = require('./install');
const { IN_PROCESS_N8N2_VERSION } = require('./versions');

const ROOT = path.resolve(__dirname, '..', '..');

/** The projects that run on n8n 2.x's n8n-core. */
const N8N2_PROJECTS = ['unit-n8n2', 'integration-n8n2'];

/**
 * Installs n8n 2.x when needed; returns the command that runs jest with its Node (jest's own
 * options and test paths go between `jest` and `selectProjects`).
 * @returns {Promise<{ node: string, jest: string, selectProjects: string[] }>}
 */
async function n8n2Jest() {
	const { nodeBinary } = await ensureN8n(IN_PROCESS_N8N2_VERSION);
	return { node: nodeBinary, jest: require.resolve('jest/bin/jest'), selectProjects: ['--selectProjects', ...N8N2_PROJECTS] };
}

module.exports = { n8n2Jest, N8N2_PROJECTS };

if (require.main === module) {
	n8n2Jest()
		.then(({ node, jest, selectProjects }) => {
			const args = [jest, ...process.argv.slice(2), ...selectProjects];
			const result = spawnSync(node, args, { cwd: ROOT, stdio: 'inherit' });
			process.exit(result.status ?? 1);
		})
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
