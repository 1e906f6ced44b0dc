'use strict';
/**
 * n8n in queue mode on one machine, the way a scaled-out installation runs it: PostgreSQL and Redis
 * (Debian's `postgresql` and `redis-server` packages, data in a temporary folder, listening on the
 * loopback interface only), one main (`n8n start`: editor, webhooks, schedules, polling triggers)
 * and worker processes (`n8n worker`: the executions). Every process has its own user folder with
 * the packages installed from their tarballs as community packages, as separate machines would; they
 * share the database, Redis and one encryption key.
 *
 * Used by the queue-mode end-to-end test and by `npm start -- --queue`. `stop()` stops every process
 * and deletes the data; a crash of the parent kills them too (see proc.js).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { N8n } = require('./n8n');
const { run, runOk, startDetached, stopProcess, freePort, sleep } = require('./proc');

const DB_NAME = 'n8n';
const DB_USER = 'n8n';

/** `/usr/lib/postgresql/<major>/bin`, the newest one installed (Debian keeps them out of PATH). */
function postgresBin() {
	const base = '/usr/lib/postgresql';
	const majors = fs.existsSync(base)
		? fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
		: [];
	for (const major of majors) {
		const bin = path.join(base, major, 'bin');
		if (fs.existsSync(path.join(bin, 'postgres'))) return bin;
	}
	throw new Error('PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it');
}

function redisBin() {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin'])) {
		const bin = path.join(dir, 'redis-server');
		if (dir && fs.existsSync(bin)) return bin;
	}
	throw new Error('Redis is not installed (apt-get install redis-server); .ci/run installs it');
}

/**
 * PostgreSQL refuses to run as root: there its commands run as Debian's `postgres` user, which
 * then owns the data folder.
 */
function asPostgresUser(bin, args) {
	if (process.getuid?.() !== 0) return [bin, args];
	return ['runuser', ['-u', 'postgres', '--', bin, ...args]];
}

function chownToPostgres(dir) {
	if (process.getuid?.() !== 0) return;
	const { uid, gid } = postgresIds();
	fs.chownSync(dir, uid, gid);
}

function postgresIds() {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('the postgres system user is missing (it comes with the postgresql package)');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/** Resolves once `host:port` accepts TCP connections. */
async function waitForPort(port, timeoutMs, what, child) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`${what} exited during start-up`);
		const open = await new Promise((resolve) => {
			const socket = net.connect({ host: '127.0.0.1', port }, () => {
				socket.destroy();
				resolve(true);
			});
			socket.on('error', () => resolve(false));
		});
		if (open) return;
		await sleep(200);
	}
	throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${timeoutMs / 1000}s`);
}

/** Keeps the tail of a process's output and optionally hands every line on. */
function collectOutput(child, onLine) {
	const state = { text: '' };
	const take = (chunk) => {
		const text = chunk.toString();
		state.text = (state.text + text).slice(-400_000);
		if (onLine) for (const line of text.split('\n')) if (line.trim()) onLine(line);
	};
	child.stdout.on('data', take);
	child.stderr.on('data', take);
	return state;
}

/**
 * Starts PostgreSQL and Redis for one queue-mode installation.
 * @returns {Promise<{ env: Record<string, string>, dir: string, sql: (statement: string) => Promise<string>, stop: () => Promise<void>, postgresOutput: () => string, redisOutput: () => string }>}
 */
async function startServices({ log = () => {} } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	const pgData = path.join(dir, 'pg');
	const pgSocket = path.join(dir, 'pg-socket');
	fs.mkdirSync(pgData, { mode: 0o700 });
	fs.mkdirSync(pgSocket, { mode: 0o700 });
	const dbPassword = crypto.randomBytes(18).toString('base64url');
	const redisPassword = crypto.randomBytes(18).toString('base64url');
	const pwFile = path.join(dir, 'pg-password');
	fs.writeFileSync(pwFile, `${dbPassword}\n`, { mode: 0o600 });
	for (const p of [pgData, pgSocket, pwFile]) chownToPostgres(p);
	if (process.getuid?.() === 0) fs.chmodSync(dir, 0o755); // postgres must reach its folders

	let postgres;
	let redis;
	const stop = async () => {
		await Promise.all([postgres && stopProcess(postgres, 15_000), redis && stopProcess(redis, 5_000)]);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		const bin = postgresBin();
		const [pgPort, redisPort] = [await freePort(), await freePort()];
		log('initialising PostgreSQL...');
		// Password (SCRAM) over TCP; the Unix socket, in the private folder, for this script (createdb, sql).
		await runOk(
			...asPostgresUser(path.join(bin, 'initdb'), [
				'-D', pgData, '-U', DB_USER, `--pwfile=${pwFile}`, '--auth-host=scram-sha-256', '--auth-local=trust',
				'-E', 'UTF8', '--locale=C', '--no-sync',
			]),
		);
		fs.rmSync(pwFile, { force: true });
		const [pgCmd, pgArgs] = asPostgresUser(path.join(bin, 'postgres'), [
			'-D', pgData, '-p', String(pgPort), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${pgSocket}`,
			// Throwaway data: durability settings off for speed.
			'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
		]);
		postgres = startDetached(pgCmd, pgArgs, { cwd: dir });
		const pgOut = collectOutput(postgres);

		const redisDir = path.join(dir, 'redis');
		fs.mkdirSync(redisDir, { mode: 0o700 });
		redis = startDetached(
			redisBin(),
			[
				'--bind', '127.0.0.1', '--port', String(redisPort), '--protected-mode', 'yes', '--requirepass', redisPassword,
				'--save', '', '--appendonly', 'no', '--dir', redisDir, '--daemonize', 'no', '--loglevel', 'warning',
			],
			{ cwd: redisDir },
		);
		const redisOut = collectOutput(redis);

		await Promise.all([
			waitForPort(pgPort, 60_000, 'PostgreSQL', postgres),
			waitForPort(redisPort, 30_000, 'Redis', redis),
		]).catch((err) => {
			throw new Error(`${err.message}\n${pgOut.text.slice(-2000)}\n${redisOut.text.slice(-2000)}`);
		});
		// The server may accept TCP before it accepts sessions; createdb retries until it does.
		for (let attempt = 0; ; attempt++) {
			const res = await run(...asPostgresUser(path.join(bin, 'createdb'), ['-h', pgSocket, '-p', String(pgPort), '-U', DB_USER, DB_NAME]));
			if (res.code === 0) break;
			if (attempt > 50) throw new Error(`createdb failed: ${res.stderr}`);
			await sleep(200);
		}
		log(`PostgreSQL on 127.0.0.1:${pgPort}, Redis on 127.0.0.1:${redisPort}`);
		/** Runs one SQL statement through the private socket; returns the rows as text (`|`-separated). */
		const sql = async (statement) => {
			const res = await runOk(
				...asPostgresUser(path.join(bin, 'psql'), ['-h', pgSocket, '-p', String(pgPort), '-U', DB_USER, '-d', DB_NAME, '-At', '-c', statement]),
			);
			return res.stdout.trim();
		};
		return {
			dir,
			sql,
			env: {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(pgPort),
				DB_POSTGRESDB_DATABASE: DB_NAME,
				DB_POSTGRESDB_USER: DB_USER,
				DB_POSTGRESDB_PASSWORD: dbPassword,
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
				QUEUE_BULL_REDIS_PASSWORD: redisPassword,
			},
			stop,
			postgresOutput: () => pgOut.text,
			redisOutput: () => redisOut.text,
		};
	} catch (err) {
		await stop();
		throw err;
	}
}

/**
 * One `n8n worker` process with its own user folder, health-check port and (2.x) task broker port.
 */
class Worker {
	constructor(name, n8n, concurrency) {
		this.name = name;
		this.n8n = n8n;
		this.concurrency = concurrency;
		this.child = null;
		this.output = '';
	}

	async start({ timeoutMs = 240_000, onLine } = {}) {
		const healthPort = await freePort();
		const env = await this.n8n.processEnv();
		// As a user may start it: `n8n worker` sets queue mode itself, and nothing in the package
		// needs it in the environment (the credentials' "Take Turns to Refresh" decides instead).
		delete env.EXECUTIONS_MODE;
		Object.assign(env, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		const { nodeBinary, n8nBin } = this.n8n.install;
		this.child = startDetached(nodeBinary, [n8nBin, 'worker', `--concurrency=${this.concurrency}`], {
			cwd: this.n8n.userFolder,
			env,
		});
		const out = collectOutput(this.child, onLine);
		Object.defineProperty(this, 'output', { get: () => out.text, configurable: true });
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.child.exitCode !== null || this.child.signalCode !== null) {
				throw new Error(`${this.name} exited during start-up:\n${out.text.slice(-4000)}`);
			}
			if (/worker is now ready/.test(out.text)) {
				try {
					const res = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`);
					if (res.ok) return;
				} catch {
					/* not listening yet */
				}
			}
			await sleep(500);
		}
		throw new Error(`${this.name} was not ready within ${timeoutMs / 1000}s:\n${out.text.slice(-4000)}`);
	}

	/** Ids of the executions this worker ran, from its log ("Worker started execution N"). */
	executionIds() {
		return [...this.output.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
	}

	async stop() {
		const child = this.child;
		this.child = null;
		if (child) await stopProcess(child, 20_000);
	}
}

/**
 * Prepares a queue-mode installation of n8n `version`: PostgreSQL, Redis, and the user folders of a
 * main and `workers` workers with the package installed. Import credentials and workflows with
 * `cluster.main.importCredentials()` / `importWorkflows()` (one shared database), then `start()`.
 * @param {{ version: string, tarballs: string[], workers?: number, concurrency?: number, mainPort?: number, log?: (m: string) => void }} opts
 */
async function createQueueCluster(opts) {
	const log = opts.log ?? (() => {});
	const services = await startServices({ log });
	const instances = [];
	try {
		const encryptionKey = crypto.randomBytes(24).toString('base64url');
		const env = { ...services.env, N8N_ENCRYPTION_KEY: encryptionKey };
		const main = await N8n.create({ version: opts.version, port: opts.mainPort, log, env });
		instances.push(main);
		const workers = [];
		for (let i = 1; i <= (opts.workers ?? 2); i++) {
			const n8n = await N8n.create({ version: opts.version, log, env });
			instances.push(n8n);
			workers.push(new Worker(`worker ${i}`, n8n, opts.concurrency ?? 10));
		}
		// Each process loads community packages from its own user folder, as on separate machines.
		for (const n8n of instances) await n8n.installCommunityPackages(opts.tarballs);
		return new QueueCluster(services, main, workers, log);
	} catch (err) {
		for (const n8n of instances) await n8n.dispose();
		await services.stop();
		throw err;
	}
}

class QueueCluster {
	constructor(services, main, workers, log) {
		this.services = services;
		this.main = main;
		this.workers = workers;
		this.log = log;
		this.version = main.version;
	}

	/** Starts the main and every worker at the same time and waits until all are ready. */
	async start({ onLine } = {}) {
		const started = Date.now();
		await Promise.all([
			this.main.start({ timeoutMs: 300_000, onLine: onLine && ((l) => onLine('main', l)) }),
			...this.workers.map((w) => w.start({ timeoutMs: 300_000, onLine: onLine && ((l) => onLine(w.name, l)) })),
		]);
		this.log(`main and ${this.workers.length} workers ready in ${Math.round((Date.now() - started) / 1000)}s`);
	}

	/**
	 * Activates a workflow as the editor's toggle does and waits until the main has registered its
	 * webhooks (n8n 2.x registers them in the background after answering).
	 */
	async activateWorkflow(id, { timeoutMs = 60_000 } = {}) {
		await this.main.activateWorkflow(id);
		const safeId = String(id).replace(/[^A-Za-z0-9]/g, '');
		const expected = await this.services.sql(
			`SELECT count(*) FROM workflow_entity w, json_array_elements(w.nodes::json) n WHERE w.id = '${safeId}' AND n->>'type' = 'n8n-nodes-base.webhook'`,
		);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const registered = await this.services.sql(`SELECT count(*) FROM webhook_entity WHERE "workflowId" = '${safeId}'`);
			if (Number(registered) >= Number(expected)) return;
			if (Date.now() > deadline) throw new Error(`the webhooks of workflow ${id} were not registered within ${timeoutMs / 1000}s`);
			await sleep(250);
		}
	}

	/** Which worker ran which execution: `{ 'worker 1': ['12', ...], ... }`. */
	executionsByWorker() {
		return Object.fromEntries(this.workers.map((w) => [w.name, w.executionIds()]));
	}

	async stop() {
		await Promise.all([this.main.stop(), ...this.workers.map((w) => w.stop())]);
	}

	/** Stops everything and deletes every user folder and the database. */
	async dispose() {
		await this.stop();
		for (const n8n of [this.main, ...this.workers.map((w) => w.n8n)]) await n8n.dispose();
		await this.services.stop();
	}
}

module.exports = { createQueueCluster, startServices, QueueCluster };
