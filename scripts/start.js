#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the one-command demo. Builds this package, starts the provider sandbox, installs a
 * pinned n8n (first run only), loads the package into it as a community package, imports sandbox
 * credentials and demo workflows, starts n8n and prints how to log in. Ctrl-C stops everything.
 *
 * Settings (environment): N8N_PORT (default 5678), SANDBOX_PORT (default 4010), N8N_VERSION
 * (default the pinned 1.x), DEMO_RESET=1 to start from an empty n8n database.
 *
 * `npm start -- --queue` runs n8n in queue mode instead: PostgreSQL and Redis in a temporary folder,
 * a main and two workers (scripts/n8n/queue.js); everything is deleted when it stops.
 */
const fs = require('node:fs');
const path = require('node:path');
const { N8n, OWNER } = require('./n8n/n8n');
const { packPackages, loadSandbox } = require('./n8n/package');
const { sandboxCredentials, forImport, demoWorkflows, shippedNodes } = require('./n8n/fixtures');
const { DEFAULT_VERSION, ROOT, cacheDir } = require('./n8n/versions');
const { killAllSync, freePort } = require('./n8n/proc');
const { createQueueCluster } = require('./n8n/queue');

const say = (msg) => console.log(`[start] ${msg}`);

async function portIsFree(port) {
	const net = require('node:net');
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

async function main() {
	const version = process.env.N8N_VERSION || DEFAULT_VERSION;
	const queue = process.argv.includes('--queue');
	const n8nPort = Number(process.env.N8N_PORT || 5678);
	const wantedSandboxPort = Number(process.env.SANDBOX_PORT || 4010);
	if (!(await portIsFree(n8nPort))) {
		throw new Error(`port ${n8nPort} is in use; set N8N_PORT to another port`);
	}
	// The sandbox keeps its fixed port when it can (bookmarkable URLs); credentials are re-imported
	// with whatever port it got, so a busy port is no reason to fail.
	const sandboxPort = (await portIsFree(wantedSandboxPort)) ? wantedSandboxPort : await freePort();

	let sandbox;
	let n8n;
	let cluster;
	let stopping = false;
	const shutdown = async (code) => {
		if (stopping) return;
		stopping = true;
		say('stopping...');
		try {
			if (cluster) await cluster.dispose();
			else if (n8n) await n8n.stop();
			if (sandbox) await sandbox.close();
		} finally {
			say('stopped.');
			process.exit(code);
		}
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));
	// If this process dies any other way, do not leave n8n running in the background.
	process.on('exit', killAllSync);

	say('building the packages and the sandbox...');
	const [{ tarballs, pkgs }, sandboxModule] = await Promise.all([packPackages({ log: say }), loadSandbox()]);
	const packageList = pkgs.map((p) => `${p.name}@${p.version}`).join(', ');
	sandbox = await sandboxModule.startSandbox({ host: '127.0.0.1', port: sandboxPort });
	say(`provider sandbox: ${sandbox.url} (open it for URLs, clients and admin endpoints)`);

	const userFolder = queue ? null : path.join(cacheDir, 'demo', `n8n-${version}`);
	if (queue) {
		say('queue mode: starting PostgreSQL and Redis, preparing a main and two workers...');
		cluster = await createQueueCluster({ version, tarballs, mainPort: n8nPort, log: (m) => say(`n8n ${version}: ${m}`) });
		n8n = cluster.main;
		say(`community packages ${packageList} installed into the user folder of the main and of each worker`);
	} else {
		if (process.env.DEMO_RESET === '1') fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		n8n = await N8n.create({
			version,
			userFolder,
			port: n8nPort,
			log: (m) => say(`n8n ${version}: ${m}`),
		});
		await n8n.installCommunityPackages(tarballs);
		say(`community packages ${packageList} installed into the n8n user folder`);
	}

	const credentials = sandboxCredentials(sandbox, { queueMode: queue });
	const nodes = shippedNodes(pkgs);
	const workflows = demoWorkflows(credentials, {
		hasNode: (n) => nodes.has(n),
		ownerId: sandbox.providers.tapkey.snapshot().owners[0]?.id,
	});
	say(`importing ${credentials.length} sandbox credentials and ${workflows.length} demo workflows...`);
	await n8n.importCredentials(forImport(credentials));
	if (workflows.length) await n8n.importWorkflows(workflows);

	const logFile = path.join(queue ? cacheDir : userFolder, queue ? `queue-n8n-${version}.log` : 'n8n.log');
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const logStream = fs.createWriteStream(logFile, { flags: queue ? 'w' : 'a' });
	say(`starting n8n ${version}${queue ? ' (main and two workers)' : ''} (log: ${path.relative(ROOT, logFile)})...`);
	if (queue) await cluster.start({ onLine: (who, line) => logStream.write(`[${who}] ${line}\n`) });
	else await n8n.start({ onLine: (line) => logStream.write(`${line}\n`) });
	await n8n.loginOwner();

	const codeGrants = credentials.filter((c) => c.grant !== 'clientCredentials').map((c) => c.name);
	const directory = sandboxModule.directoryLines(sandboxModule.sandboxDirectory(sandbox.url, Object.values(sandbox.providers)));
	console.log(`
  n8n ${version} is running with ${packageList}${queue ? '\n  in queue mode: one main (below) and two workers, PostgreSQL and Redis (temporary)' : ''}

  Editor:    ${n8n.url}
  Log in:    ${OWNER.email} / ${OWNER.password}   (a local demo account)

  Workflows: ${workflows.map((w) => w.name).join('\n             ') || '(none: the package ships no nodes yet)'}
  Sandbox:   ${sandbox.url} — credentials "... (client credentials)" work right away;
             ${codeGrants.length ? `open ${codeGrants.join(', ')} and press "Connect" to try the consent flow.` : ''}
             Open ${sandbox.url} in a browser for what follows and the sandbox's admin endpoints.

  To create a credential by hand, use Environment "Custom URLs" and (secrets are sandbox-only):
${directory.map((line) => `    ${line}`).join('\n')}

  Press Ctrl-C to stop n8n and the sandbox.
`);

	n8n.server.on('exit', (code, signal) => {
		if (stopping) return;
		say(`n8n exited unexpectedly (${code ?? signal}); see ${path.relative(ROOT, logFile)}`);
		void shutdown(1);
	});
}

main().catch((err) => {
	console.error(`[start] failed: ${err.message}`);
	killAllSync();
	process.exit(1);
});
