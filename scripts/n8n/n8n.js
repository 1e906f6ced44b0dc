'use strict';
/**
 * Drives one real n8n instance: its own user folder (database, settings, community packages), the
 * headless CLI (`import:credentials`, `import:workflow`, `execute`), the server process and the
 * REST API the editor uses (owner setup, login, credentials, OAuth2 connect).
 *
 * Nothing here prints a secret: CLI output is kept in memory and only shown (trimmed) on failure,
 * and the REST helpers return data to the caller instead of logging it.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureN8n } = require('./install');
const { run, startDetached, stopProcess, freePort, sleep } = require('./proc');

/** The owner account this harness creates; a throwaway local login, not a secret. */
const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Demo-Owner-1234',
});

class N8n {
	/**
	 * Installs n8n `version` if needed and prepares (but does not start) an instance.
	 * @param {{ version: string, userFolder?: string, port?: number, log?: (m: string) => void, env?: Record<string, string> }} opts
	 */
	static async create(opts) {
		const install = await ensureN8n(opts.version, { log: opts.log });
		const userFolder = opts.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), `n8n-${opts.version}-`));
		const port = opts.port ?? (await freePort());
		return new N8n(install, { ...opts, userFolder, port, ownsFolder: !opts.userFolder });
	}

	constructor(install, opts) {
		this.install = install;
		this.version = install.version;
		this.userFolder = opts.userFolder;
		this.ownsFolder = opts.ownsFolder;
		this.port = opts.port;
		this.log = opts.log ?? (() => {});
		this.extraEnv = opts.env ?? {};
		this.url = `http://127.0.0.1:${this.port}`;
		this.server = null;
		this.serverOutput = '';
		this.cookie = '';
		fs.mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
	}

	get major() {
		return Number(this.version.split('.')[0]);
	}

	/**
	 * A fixed encryption key per user folder: credentials imported by one CLI call must decrypt in
	 * the next call and in the server. Kept beside n8n's own files, readable by the owner only.
	 */
	encryptionKey() {
		const file = path.join(this.userFolder, '.n8n', 'harness-encryption-key');
		if (!fs.existsSync(file)) {
			fs.writeFileSync(file, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
		}
		return fs.readFileSync(file, 'utf8').trim();
	}

	/** @param {Record<string, string>} [extra] */
	env(extra = {}) {
		const nodeDir = path.dirname(this.install.nodeBinary);
		return {
			// Only what n8n needs from the parent: no tokens or unrelated settings leak into it.
			PATH: `${nodeDir}${path.delimiter}${process.env.PATH}`,
			HOME: process.env.HOME ?? os.homedir(),
			LANG: process.env.LANG ?? 'C.UTF-8',
			TZ: process.env.TZ ?? 'UTC',
			GENERIC_TIMEZONE: process.env.TZ ?? 'UTC',
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey(),
			N8N_PORT: String(this.port),
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			// This machine reaches no internet: switch off everything that phones home.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			// Blocked on both majors (2.x's default, 1.x's for anyone who sets it): the nodes read no
			// environment, and must not need to.
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
			// `execute --rawOutput` prints the run only at log level info.
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_SQLITE_POOL_SIZE: '2',
			// 1.x: no task runner process is needed for these workflows (no Code node); 2.x always has one.
			...(this.major < 2 ? { N8N_RUNNERS_ENABLED: 'false' } : {}),
			...this.extraEnv,
			...extra,
		};
	}

	/**
	 * Each n8n process (server or CLI command) that runs a task broker needs its own port: the
	 * default 5679 would clash between the server and an `execute` beside it, or between tests.
	 */
	async processEnv() {
		return this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
	}

	/** Runs `n8n <args>` to completion with this instance's environment (plus `opts.env`). */
	async cli(args, opts = {}) {
		const res = await run(this.install.nodeBinary, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env: { ...(await this.processEnv()), ...opts.env },
			timeoutMs: opts.timeoutMs ?? 5 * 60_000,
			stdoutFile: opts.stdoutFile,
		});
		if (opts.check !== false && res.code !== 0) {
			const tail = `${res.stdout}\n${res.stderr}`.split('\n').slice(-30).join('\n');
			throw new Error(`n8n ${args[0]} failed (exit ${res.code ?? res.signal}):\n${tail}`);
		}
		return res;
	}

	writeJson(name, data) {
		const dir = path.join(this.userFolder, 'harness');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2), { mode: 0o600 });
		return file;
	}

	/**
	 * Imports credentials given with plain `data` (n8n encrypts it on import). The file holding
	 * them lives inside the user folder and is deleted right after.
	 * @param {Array<{ id: string, name: string, type: string, data: Record<string, unknown> }>} credentials
	 */
	async importCredentials(credentials) {
		const file = this.writeJson('credentials.json', credentials);
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** @param {Array<Record<string, unknown>>} workflows each with an `id` */
	async importWorkflows(workflows) {
		const file = this.writeJson('workflows.json', workflows);
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/**
	 * Runs a saved workflow with `n8n execute --id <id> --rawOutput` and returns the run data.
	 * @returns {Promise<{ ok: boolean, run: any, error?: any, output: (node: string) => any[], stdout: string, stderr: string }>}
	 */
	async execute(workflowId, opts = {}) {
		// Into a file, not a pipe: `n8n execute` exits right after printing the run data.
		const stdoutFile = path.join(this.userFolder, `execute-${workflowId}-${process.pid}-${++executeCount}.out`);
		let res;
		try {
			res = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { check: false, ...opts, stdoutFile });
		} finally {
			fs.rmSync(stdoutFile, { force: true });
		}
		const run = parseRun(res.stdout);
		if (!run) {
			const tail = `${res.stdout}\n${res.stderr}`.split('\n').slice(-40).join('\n');
			throw new Error(`n8n execute ${workflowId} printed no run data (exit ${res.code}):\n${tail}`);
		}
		const error = run.data?.resultData?.error;
		return {
			ok: res.code === 0 && !error,
			run,
			error,
			stdout: res.stdout,
			stderr: res.stderr,
			output: (node) => nodeOutput(run, node),
		};
	}

	/**
	 * Installs a community-node package from its `npm pack` tarball the way n8n lays it out:
	 * `<user folder>/.n8n/nodes/node_modules/<name>`. A verified community package has no
	 * dependencies, so unpacking is all `npm install` would do.
	 */
	async installCommunityPackage(tarball) {
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		const staging = fs.mkdtempSync(path.join(nodesDir + '-')); // same filesystem, so rename works
		try {
			const tar = await run('tar', ['-xzf', tarball, '-C', staging]);
			if (tar.code !== 0) throw new Error(`could not unpack ${tarball}: ${tar.stderr}`);
			const pkgDir = path.join(staging, 'package');
			const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
			if (pkg.dependencies && Object.keys(pkg.dependencies).length) {
				throw new Error(`${pkg.name} declares dependencies; community packages must not`);
			}
			const target = path.join(nodesDir, 'node_modules', pkg.name);
			fs.mkdirSync(path.dirname(target), { recursive: true });
			fs.rmSync(target, { recursive: true, force: true });
			fs.renameSync(pkgDir, target);
			// n8n keeps an npm project in the nodes folder; mirror it so `npm ls` there makes sense.
			const manifest = path.join(nodesDir, 'package.json');
			const nodesPkg = fs.existsSync(manifest)
				? JSON.parse(fs.readFileSync(manifest, 'utf8'))
				: { name: 'installed-nodes', private: true, dependencies: {} };
			nodesPkg.dependencies = { ...nodesPkg.dependencies, [pkg.name]: pkg.version };
			fs.writeFileSync(manifest, JSON.stringify(nodesPkg, null, 2));
			return { name: pkg.name, version: pkg.version, dir: target };
		} finally {
			fs.rmSync(staging, { recursive: true, force: true });
		}
	}

	/** Installs several community packages (their `npm pack` tarballs) side by side. */
	async installCommunityPackages(tarballs) {
		const installed = [];
		for (const tarball of tarballs) installed.push(await this.installCommunityPackage(tarball));
		return installed;
	}

	/** Starts `n8n start` and waits until the REST API answers. */
	async start({ timeoutMs = 180_000, onLine } = {}) {
		if (this.server) return;
		this.serverOutput = '';
		const child = startDetached(this.install.nodeBinary, [this.install.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: await this.processEnv(),
		});
		this.server = child;
		const collect = (chunk) => {
			const text = chunk.toString();
			// Keep the last 200 kB only: enough to diagnose, bounded for long demos.
			this.serverOutput = (this.serverOutput + text).slice(-200_000);
			if (onLine) for (const line of text.split('\n')) if (line.trim()) onLine(line);
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null || child.signalCode !== null) {
				this.server = null;
				throw new Error(`n8n ${this.version} exited during start-up:\n${this.serverOutput.slice(-4000)}`);
			}
			// While starting, n8n answers 200 with a placeholder page and then 404 for a while: it is
			// ready when the settings come back as JSON.
			try {
				const res = await fetch(`${this.url}/rest/settings`);
				if (res.ok && (res.headers.get('content-type') ?? '').includes('json')) {
					const body = await res.json();
					if (body && body.data) return;
				}
			} catch {
				/* not listening yet */
			}
			await sleep(500);
		}
		await this.stop();
		throw new Error(`n8n ${this.version} did not answer within ${timeoutMs / 1000}s:\n${this.serverOutput.slice(-4000)}`);
	}

	async stop() {
		const child = this.server;
		this.server = null;
		if (child) await stopProcess(child, 20_000);
	}

	/** Stops the server and removes the user folder if this object created it. */
	async dispose() {
		await this.stop();
		if (this.ownsFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}

	// ---- REST API (what the editor uses) -------------------------------------------------------

	/**
	 * One call to `/rest/...` with the session cookie. Returns the parsed body's `data` when the
	 * answer is JSON (n8n wraps REST answers as `{ data }`).
	 */
	async rest(method, route, body, { raw = false, headers = {} } = {}) {
		const res = await fetch(`${this.url}/rest${route}`, {
			method,
			redirect: 'manual',
			headers: {
				...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
				...(this.cookie ? { Cookie: this.cookie } : {}),
				...headers,
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		this.keepCookie(res);
		if (raw) return res;
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} /rest${route} -> ${res.status}: ${text.slice(0, 500)}`);
		const json = text ? JSON.parse(text) : undefined;
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	keepCookie(res) {
		const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
		for (const c of cookies) {
			const [pair] = c.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
	}

	/** Creates the instance owner (first start) or logs in as it (later starts). */
	async loginOwner() {
		const settings = await this.rest('GET', '/settings');
		if (settings?.userManagement?.showSetupOnFirstLoad) {
			await this.rest('POST', '/owner/setup', OWNER);
		} else {
			await this.rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		}
		return OWNER;
	}

	/** The authorization URL n8n sends a user to when they press "Connect" on a credential. */
	async oauth2AuthUrl(credentialId) {
		return this.rest('GET', `/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`);
	}

	/**
	 * Opens n8n's OAuth2 callback URL (where the provider redirected the browser) with the session
	 * cookie, and returns the HTML n8n shows in the popup.
	 */
	async oauth2Callback(callbackUrl) {
		const url = new URL(callbackUrl);
		if (url.origin !== new URL(this.url).origin) throw new Error(`callback goes to ${url.origin}, not this n8n`);
		const res = await fetch(url, { headers: { Cookie: this.cookie }, redirect: 'manual' });
		return { status: res.status, html: await res.text() };
	}

	/** Activates (2.x: publishes) a saved workflow through the REST API, as the editor's toggle does. */
	async activateWorkflow(id) {
		const wf = await this.rest('GET', `/workflows/${id}`);
		return this.rest('POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
	}

	async deactivateWorkflow(id) {
		return this.rest('POST', `/workflows/${id}/deactivate`, {});
	}

	/** Executions of a workflow, newest first (id, status, mode). */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.rest('GET', `/executions?filter=${filter}&limit=50`);
		return data.results ?? data;
	}

	/** The full stored execution with its run data, decoded from n8n's flatted storage format. */
	async execution(id) {
		const data = await this.rest('GET', `/executions/${id}`);
		const { parse } = require(require.resolve('flatted', { paths: [path.join(this.install.dir, 'node_modules', 'n8n')] }));
		return { ...data, data: typeof data.data === 'string' ? parse(data.data) : data.data };
	}
}

/** Names each `n8n execute` output file apart from the others of this process. */
let executeCount = 0;

/** Finds the JSON document `execute --rawOutput` prints among n8n's log lines. */
function parseRun(stdout) {
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		for (let end = lines.length - 1; end > start; end--) {
			if (lines[end] !== '}') continue;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				/* not this pair */
			}
		}
	}
	return null;
}

/** The JSON of every item a node emitted on its first output (all runs of that node). */
function nodeOutput(run, node) {
	const runs = run?.data?.resultData?.runData?.[node];
	if (!runs) return [];
	return runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((item) => item.json));
}

module.exports = { N8n, OWNER, parseRun, nodeOutput };
