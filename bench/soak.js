'use strict';
/**
 * `npm run bench:soak` (`node bench/soak.js`): a sustained webhook load on n8n in queue mode
 * (PostgreSQL, Redis, one main, two workers: scripts/n8n/queue.js) on both n8n majors, with access
 * tokens that live only a few seconds, so that credentials refresh again and again while
 * executions run side by side on two workers.
 *
 * Per n8n version and per variant, one after the other on one cluster:
 * - node: this package's Taptouch node (authorization code: single-use refresh tokens, replay
 *   detection on, a reused refresh token revokes the whole chain) and Tapkey node (client
 *   credentials), the calls alternating between the two;
 * - http: the same load with n8n's HTTP Request node and its generic OAuth2 credential for the same
 *   sandbox clients, on credentials of their own (a fresh chain).
 * Each variant: its Taptouch credential is connected through n8n's Connect flow, its two workflows
 * are activated and called once each (warm-up, not counted), then SOAK_EXECUTIONS webhook calls are
 * made, SOAK_CONCURRENCY at a time.
 *
 * Knobs (environment): SOAK_EXECUTIONS (320 per variant and version), SOAK_CONCURRENCY (12),
 * SOAK_MAJORS (1 | 2 | both), SOAK_TOKEN_SECONDS (5), SOAK_LOST_SECONDS (60: a call without an
 * answer by then is lost), SOAK_VARIANTS (node,http), SOAK_MAX_MINUTES (90: the whole run's bound),
 * SOAK_WRITE (0: do not write the results), SOAK_LABEL (a note for the results' header).
 * Writes bench/results/soak.md and soak.json. Never part of `npm test`.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createQueueCluster } = require('../scripts/n8n/queue');
const { packPackages, loadSandbox } = require('../scripts/n8n/package');
const { killAllSync, sleep } = require('../scripts/n8n/proc');
const fixtures = require('../scripts/n8n/fixtures');
const { adminClient, clean, connectOAuth2, genericOAuth2Credential, stopOnSignal } = require('./common');
const { httpRequestVersion } = require('./workflows');
const { soakWorkflows } = require('./soak-workflows');

const MAJORS = { 1: '1.123.81', 2: '2.41.1' };
/** Small lists: the load is in the number of executions and token refreshes, not in data. */
const SEED = { tapkey: { locksPerOwner: [5, 5, 5] }, taptouch: { ordersPerStore: [5, 5, 5], itemsPerStore: [0, 0, 0] } };
const VARIANTS = {
	node: 'this package (Taptouch + Tapkey nodes)',
	http: 'built-in (HTTP Request + generic OAuth2)',
};
const PROVIDERS = ['taptouch', 'tapkey'];
/** How long set-up steps (Connect, warm-up, activation) and the wait for stored executions may take. */
const STEP_TIMEOUT_MS = 120_000;

/** Temporary folders of the run (user folders, database, tarball copy), deleted on Ctrl-C too. */
const tempDirs = new Set();
const removeTempDirsSync = () => {
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
};

const log = (msg) => process.stderr.write(`[soak] ${new Date().toISOString().slice(11, 19)} ${msg}\n`);

function readConfig(env = process.env) {
	const int = (name, fallback, min, max) => {
		const raw = env[name];
		const v = raw === undefined || raw === '' ? fallback : Number(raw);
		if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${name} must be a number from ${min} to ${max} (got ${raw})`);
		return v;
	};
	const majors = (env.SOAK_MAJORS ?? 'both').trim();
	if (!['1', '2', 'both'].includes(majors)) throw new Error(`SOAK_MAJORS must be 1, 2 or both (got ${majors})`);
	const variants = (env.SOAK_VARIANTS ?? 'node,http').split(',').map((v) => v.trim());
	for (const v of variants) if (!VARIANTS[v]) throw new Error(`SOAK_VARIANTS: unknown variant ${v} (node, http)`);
	return {
		executions: Math.round(int('SOAK_EXECUTIONS', 320, 2, 100_000)),
		concurrency: Math.round(int('SOAK_CONCURRENCY', 12, 1, 200)),
		versions: majors === 'both' ? [MAJORS[1], MAJORS[2]] : [MAJORS[majors]],
		tokenSeconds: int('SOAK_TOKEN_SECONDS', 5, 1, 86_400),
		lostSeconds: int('SOAK_LOST_SECONDS', 60, 1, 3600),
		maxMinutes: int('SOAK_MAX_MINUTES', 90, 1, 24 * 60),
		variants,
		write: env.SOAK_WRITE !== '0',
		label: env.SOAK_LABEL ?? '',
	};
}

/** Rejects when `promise` has not settled within `ms`. */
async function within(ms, what, promise) {
	let timer;
	try {
		return await Promise.race([
			promise,
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`${what}: no result within ${Math.round(ms / 1000)} s`)), ms);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

/** Nearest-rank percentile of numbers; null when there are none. */
function percentile(values, p) {
	const v = [...values].sort((a, b) => a - b);
	if (!v.length) return null;
	return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

/**
 * One webhook call: `ok` (200 with the expected number of records), `failed` (any other answer) or
 * `lost` (no answer within `lostMs`, or the connection broke before one).
 */
async function callWebhook(baseUrl, wf, expected, lostMs) {
	const t0 = performance.now();
	const startedAt = Date.now();
	try {
		const res = await fetch(`${baseUrl}/webhook/${wf.path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
			signal: AbortSignal.timeout(lostMs),
		});
		const text = await res.text();
		const ms = Math.round(performance.now() - t0);
		let body;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		const records = wf.records(body);
		if (res.status === 200 && (expected === undefined || records === expected)) return { outcome: 'ok', status: 200, ms, records, startedAt };
		const message = typeof body === 'object' && body ? (body.message ?? JSON.stringify(body)) : text;
		return { outcome: 'failed', status: res.status, ms, records, startedAt, detail: `HTTP ${res.status}, ${records} records: ${String(message).slice(0, 200)}` };
	} catch (error) {
		const ms = Math.round(performance.now() - t0);
		const timedOut = error?.name === 'TimeoutError' || error?.name === 'AbortError';
		return {
			outcome: 'lost',
			ms,
			startedAt,
			detail: timedOut ? `no answer within ${Math.round(lostMs / 1000)} s` : `connection: ${error?.cause?.code ?? error?.message ?? error}`,
		};
	}
}

/** `count` calls, `concurrency` in flight, alternating between the workflows; every call bounded. */
async function drive(baseUrl, workflows, expected, { count, concurrency, lostMs }) {
	const results = new Array(count);
	let next = 0;
	const t0 = performance.now();
	const lane = async () => {
		while (next < count) {
			const i = next++;
			const wf = workflows[i % workflows.length];
			const at = performance.now() - t0;
			const res = await callWebhook(baseUrl, wf, expected[wf.provider], lostMs);
			results[i] = { i, provider: wf.provider, at: Math.round(at), ...res };
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
	const wallMs = Math.round(performance.now() - t0);
	// Until the last answer: a lost call's wait for SOAK_LOST_SECONDS is not load.
	const answered = results.filter((r) => r.outcome !== 'lost').map((r) => r.at + r.ms);
	return { results, wallMs, activeMs: answered.length ? Math.max(...answered) : wallMs };
}

/** Execution statuses stored since `afterId` for these workflows, once none is still running (bounded). */
async function storedExecutions(services, workflowIds, afterId, timeoutMs) {
	const ids = workflowIds.map((id) => `'${String(id).replace(/[^A-Za-z0-9]/g, '')}'`).join(',');
	const where = `"workflowId" IN (${ids}) AND id > ${Number(afterId)}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await services.sql(`SELECT status, count(*) FROM execution_entity WHERE ${where} GROUP BY status ORDER BY status`);
		const byStatus = Object.fromEntries(
			rows
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('|'))
				.map(([status, n]) => [status, Number(n)]),
		);
		const unfinished = (byStatus.new ?? 0) + (byStatus.running ?? 0) + (byStatus.waiting ?? 0);
		if (!unfinished || Date.now() > deadline) {
			const failedIds = (await services.sql(`SELECT id FROM execution_entity WHERE ${where} AND status IN ('error', 'crashed') ORDER BY id`))
				.split('\n')
				.filter(Boolean);
			return { byStatus, failedIds, stillRunning: unfinished };
		}
		await sleep(1000);
	}
}

const maxExecutionId = async (services) => Number((await services.sql('SELECT coalesce(max(id), 0) FROM execution_entity')) || 0);

/** Why executions failed, as n8n stored it: message and node, counted (at most `limit` read). */
async function failureCauses(main, ids, sandboxUrl, limit = 60) {
	const causes = {};
	for (const id of ids.slice(0, limit)) {
		let text;
		try {
			const execution = await within(20_000, `execution ${id}`, main.execution(id));
			const error = execution.data?.resultData?.error;
			text = error ? `${error.message ?? 'error'}${error.description ? ` — ${error.description}` : ''}${error.node?.name ? ` (node ${error.node.name})` : ''}` : `status ${execution.status}, no error stored`;
		} catch (e) {
			text = `could not read the execution: ${e.message}`;
		}
		const key = clean(text, sandboxUrl);
		causes[key] = (causes[key] ?? 0) + 1;
	}
	return { read: Math.min(ids.length, limit), of: ids.length, causes };
}

/** Token requests in the log per provider: how many, how many failed, and why. */
function tokenSummary(entries, sandboxUrl) {
	const token = entries.filter((e) => e.kind === 'token');
	const failed = token.filter((e) => e.status !== 200);
	const errors = {};
	for (const e of failed) {
		const key = clean(`${e.grantType ?? '?'} ${e.status}${e.error ? `: ${e.error}` : ''}`, sandboxUrl);
		errors[key] = (errors[key] ?? 0) + 1;
	}
	const api = entries.filter((e) => e.kind === 'api');
	return {
		requests: token.length,
		failed: failed.length,
		byGrant: token.reduce((acc, e) => ({ ...acc, [e.grantType ?? '?']: (acc[e.grantType ?? '?'] ?? 0) + 1 }), {}),
		errors,
		api: api.length,
		api401: api.filter((e) => e.status === 401).length,
	};
}

function outcomeSummary(results, activeMs) {
	const ok = results.filter((r) => r.outcome === 'ok');
	const details = {};
	for (const r of results.filter((x) => x.outcome !== 'ok')) details[`${r.outcome}: ${r.detail}`] = (details[`${r.outcome}: ${r.detail}`] ?? 0) + 1;
	return {
		calls: results.length,
		ok: ok.length,
		failed: results.filter((r) => r.outcome === 'failed').length,
		lost: results.filter((r) => r.outcome === 'lost').length,
		okPerSecond: activeMs > 0 ? Math.round((ok.length / (activeMs / 1000)) * 10) / 10 : null,
		p50Ms: percentile(ok.map((r) => r.ms), 50),
		p95Ms: percentile(ok.map((r) => r.ms), 95),
		maxMs: ok.length ? Math.max(...ok.map((r) => r.ms)) : null,
		details,
	};
}

/** One variant on a running cluster: connect, activate, warm up, load, read back. */
async function runVariant({ variant, cluster, workflows, credentials, sandbox, admin, config }) {
	const main = cluster.main;
	const mine = workflows.filter((w) => w.variant === variant);
	const taptouchCredential = variant === 'node' ? credentials.taptouch : credentials.taptouchGeneric;
	log(`${cluster.version} ${variant}: connecting ${taptouchCredential.name} (a fresh token chain)`);
	await within(STEP_TIMEOUT_MS, 'OAuth2 connect', connectOAuth2(main, taptouchCredential.id));
	for (const wf of mine) await cluster.activateWorkflow(wf.workflow.id, { timeoutMs: STEP_TIMEOUT_MS });

	// Warm-up, not counted: proves the set-up and learns how many records a complete answer has.
	const expected = {};
	for (const wf of mine) {
		const res = await callWebhook(main.url, wf, undefined, STEP_TIMEOUT_MS);
		if (res.outcome !== 'ok' || !(res.records > 0)) throw new Error(`${cluster.version} ${variant} warm-up of ${wf.path} failed: ${res.detail ?? `${res.records} records`}`);
		expected[wf.provider] = res.records;
	}
	const services = cluster.services;
	const afterId = await maxExecutionId(services);
	await admin.clearRequests();
	const stateBefore = await admin.state();

	log(`${cluster.version} ${variant}: ${config.executions} webhook calls, ${config.concurrency} in flight, tokens valid ${config.tokenSeconds} s`);
	const { results, wallMs, activeMs } = await drive(main.url, mine, expected, {
		count: config.executions,
		concurrency: config.concurrency,
		lostMs: config.lostSeconds * 1000,
	});
	const stored = await storedExecutions(services, mine.map((w) => w.workflow.id), afterId, STEP_TIMEOUT_MS);
	const stateAfter = await admin.state();
	const requests = {};
	for (const provider of PROVIDERS) requests[provider] = tokenSummary(await admin.requests(provider), sandbox.url);
	const causes = await failureCauses(main, stored.failedIds, sandbox.url);

	const perProvider = {};
	for (const provider of PROVIDERS) {
		const own = results.filter((r) => r.provider === provider);
		perProvider[provider] = {
			...outcomeSummary(own, activeMs),
			expectedRecords: expected[provider],
			tokens: requests[provider],
			chainsRevoked: (stateAfter[provider]?.chainsRevoked ?? 0) - (stateBefore[provider]?.chainsRevoked ?? 0),
			refreshes: (stateAfter[provider]?.refreshes ?? 0) - (stateBefore[provider]?.refreshes ?? 0),
			// When the calls that failed were made: early (chain gone) or spread out (a race now and then).
			firstFailedCall: own.find((r) => r.outcome !== 'ok')?.i ?? null,
		};
	}
	const row = {
		version: cluster.version,
		variant,
		...outcomeSummary(results, activeMs),
		wallMs,
		activeMs,
		tokenLifetimes: Math.round((activeMs / 1000 / config.tokenSeconds) * 10) / 10,
		stored,
		failureCauses: causes,
		perProvider,
		// Every call: index, provider, when it started (ms into the run), outcome, round trip, status.
		callLog: results.map((r) => [r.i, r.provider, r.at, r.outcome, r.ms, r.status ?? null]),
	};
	log(
		`${cluster.version} ${variant}: ok ${row.ok}, failed ${row.failed}, lost ${row.lost} of ${row.calls} in ${(activeMs / 1000).toFixed(1)} s (${row.okPerSecond}/s, p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms); ` +
			PROVIDERS.map((p) => `${p}: token ${perProvider[p].tokens.requests} (${perProvider[p].tokens.failed} failed), chains revoked ${perProvider[p].chainsRevoked}`).join('; ') +
			`; stored ${JSON.stringify(stored.byStatus)}`,
	);
	for (const [cause, n] of Object.entries(causes.causes)) log(`  ${n}× ${cause}`);
	for (const [detail, n] of Object.entries(row.details)) log(`  ${n}× ${detail}`);
	for (const wf of mine) await within(STEP_TIMEOUT_MS, 'deactivate', main.deactivateWorkflow(wf.workflow.id));
	return row;
}

async function runVersion(version, config, tarballs, sandboxModule) {
	// A sandbox per version: its counters and token chains start from nothing.
	const sandbox = await sandboxModule.startSandbox({ host: '127.0.0.1', port: 0, seed: SEED });
	const admin = adminClient(sandbox.url);
	let cluster;
	try {
		// Every provider: replay detection on, access tokens valid only `tokenSeconds`.
		await admin.config(undefined, { replayRevokesChain: true, accessTokenTtlSeconds: config.tokenSeconds });
		cluster = await createQueueCluster({ version, tarballs, log, workers: 2, concurrency: 10 });
		for (const dir of [cluster.services.dir, cluster.main.userFolder, ...cluster.workers.map((w) => w.n8n.userFolder)]) tempDirs.add(dir);
		const own = fixtures.sandboxCredentials(sandbox, { queueMode: true });
		const pick = (provider, grant) => own.find((c) => c.provider === provider && c.grant === grant);
		const credentials = {
			taptouch: pick('taptouch', 'authorizationCode'),
			tapkey: pick('tapkey', 'clientCredentials'),
		};
		credentials.taptouchGeneric = genericOAuth2Credential(sandbox, credentials.taptouch, { id: fixtures.shortId('soak:generic:taptouch'), scope: 'integration.store' });
		credentials.tapkeyGeneric = genericOAuth2Credential(sandbox, credentials.tapkey, { id: fixtures.shortId('soak:generic:tapkey') });
		const httpVersion = httpRequestVersion(cluster.main.install.dir);
		const workflows = soakWorkflows(credentials, { taptouch: sandbox.urls.taptouch.baseUrl, tapkey: sandbox.urls.tapkey.baseUrl }, httpVersion);
		await cluster.main.importCredentials(fixtures.forImport(Object.values(credentials)));
		await cluster.main.importWorkflows(workflows.map((w) => w.workflow));
		await cluster.start();
		await within(STEP_TIMEOUT_MS, 'owner login', cluster.main.loginOwner());
		const rows = [];
		for (const variant of config.variants) rows.push(await runVariant({ variant, cluster, workflows, credentials, sandbox, admin, config }));
		return { version, httpVersion, rows };
	} finally {
		try {
			await cluster?.dispose();
		} finally {
			await sandbox.close();
		}
	}
}

function render(meta, versions) {
	const fmt = (v) => (v === null || v === undefined ? '–' : String(v));
	const tokens = (p) => `${p.tokens.requests}${p.tokens.failed ? ` (${p.tokens.failed} failed)` : ''}`;
	const lines = [
		'# Soak: webhook load in queue mode, refreshes under way',
		'',
		...(meta.label ? [`**${meta.label}**`, ''] : []),
		`${meta.package}; n8n ${versions.map((v) => `${v.version} (HTTP Request node v${v.httpVersion})`).join(', ')}; bench runner ${meta.runner}; ${meta.machine}; ${meta.date.slice(0, 16).replace('T', ' ')} UTC.`,
		`Knobs: SOAK_EXECUTIONS=${meta.config.executions} SOAK_CONCURRENCY=${meta.config.concurrency} SOAK_TOKEN_SECONDS=${meta.config.tokenSeconds} SOAK_LOST_SECONDS=${meta.config.lostSeconds} SOAK_VARIANTS=${meta.config.variants.join(',')}.`,
		'',
		'Queue mode: PostgreSQL, Redis, one main (webhooks), two workers (concurrency 10 each). Calls alternate Taptouch (authorization code; single-use refresh tokens, replay detection on: a reused refresh token revokes the chain) and Tapkey (client credentials); access tokens valid ' +
			`${meta.config.tokenSeconds} s. Each variant on its own credentials, Taptouch connected (fresh chain) right before its run; one warm-up call per workflow, not counted.`,
		'',
		'*ok* = answered 200 with every record; *failed* = answered otherwise; *lost* = no answer within SOAK_LOST_SECONDS; *ok/s* = ok calls ÷ *active s*, the time from the first call to the last answer (*wall s* also waits out the lost calls); *p50/p95* = webhook round trip of the ok calls; ' +
			'*lifetimes* = active time ÷ token lifetime (the least number of token requests per credential); *token* = token-endpoint requests per provider (Taptouch: refreshes; Tapkey: client-credentials grants), failed ones in brackets; ' +
			'*chains revoked* = Taptouch token chains the sandbox revoked for a reused refresh token (after that every call of that credential fails until it is connected again); *stored* = execution statuses n8n stored.',
		'',
		'| n8n | variant | calls | ok | failed | lost | ok/s | p50 ms | p95 ms | active s | wall s | lifetimes | Taptouch token | Tapkey token | chains revoked | stored |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const v of versions) {
		for (const r of v.rows) {
			const t = r.perProvider.taptouch;
			const k = r.perProvider.tapkey;
			lines.push(
				`| ${v.version} | ${VARIANTS[r.variant]} | ${r.calls} | ${r.ok} | ${r.failed} | ${r.lost} | ${fmt(r.okPerSecond)} | ${fmt(r.p50Ms)} | ${fmt(r.p95Ms)} | ${(r.activeMs / 1000).toFixed(1)} | ${(r.wallMs / 1000).toFixed(1)} | ${r.tokenLifetimes} | ${tokens(t)} | ${tokens(k)} | ${t.chainsRevoked + k.chainsRevoked} | ${Object.entries(r.stored.byStatus).map(([s, n]) => `${s} ${n}`).join(', ')} |`,
			);
		}
	}
	lines.push('');
	lines.push('Per provider:');
	lines.push('');
	lines.push('| n8n | variant | provider | calls | ok | failed | lost | p50 ms | p95 ms | max ms | first call not ok | API requests (401) | token requests by grant |');
	lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const v of versions) {
		for (const r of v.rows) {
			for (const provider of PROVIDERS) {
				const p = r.perProvider[provider];
				lines.push(
					`| ${v.version} | ${r.variant} | ${provider} | ${p.calls} | ${p.ok} | ${p.failed} | ${p.lost} | ${fmt(p.p50Ms)} | ${fmt(p.p95Ms)} | ${fmt(p.maxMs)} | ${fmt(p.firstFailedCall === null ? null : `#${p.firstFailedCall}`)} | ${p.tokens.api} (${p.tokens.api401}) | ${Object.entries(p.tokens.byGrant).map(([g, n]) => `${g} ${n}`).join(', ') || '–'} |`,
				);
			}
		}
	}
	const notes = [];
	for (const v of versions) {
		for (const r of v.rows) {
			const items = [];
			for (const [detail, n] of Object.entries(r.details)) items.push(`${n}× ${detail}`);
			for (const [cause, n] of Object.entries(r.failureCauses.causes)) items.push(`${n}× stored error: ${cause}`);
			if (r.failureCauses.of > r.failureCauses.read) items.push(`(causes read for ${r.failureCauses.read} of ${r.failureCauses.of} failed executions)`);
			for (const provider of PROVIDERS) for (const [e, n] of Object.entries(r.perProvider[provider].tokens.errors)) items.push(`${n}× ${provider} token request: ${e}`);
			const lost = r.callLog.filter((c) => c[3] === 'lost');
			if (lost.length) items.push(`lost calls: ${lost.map((c) => `#${c[0]} ${c[1]} (sent ${(c[2] / 1000).toFixed(1)} s in)`).join(', ')}`);
			if (r.stored.stillRunning) items.push(`${r.stored.stillRunning} execution(s) still unfinished ${STEP_TIMEOUT_MS / 1000} s after the last call`);
			if (items.length) notes.push(`- ${v.version} / ${r.variant}: ${items.join('; ')}`);
		}
	}
	if (notes.length) lines.push('', 'What went wrong:', '', ...notes);
	lines.push('');
	return `${lines.join('\n')}\n`;
}

async function main() {
	const config = readConfig();
	const started = new Date();
	log(`n8n ${config.versions.join(', ')}; ${config.executions} calls per variant (${config.variants.join(', ')}), ${config.concurrency} in flight, tokens valid ${config.tokenSeconds} s`);
	// The whole run is bounded too: past SOAK_MAX_MINUTES every process is stopped.
	const watchdog = setTimeout(() => {
		log(`still running after ${config.maxMinutes} minutes (SOAK_MAX_MINUTES): stopping`);
		killAllSync();
		process.exit(1);
	}, config.maxMinutes * 60_000);
	const removeSignalHandlers = stopOnSignal(log, removeTempDirsSync);
	let tmpDir;
	try {
		const [packed, sandboxModule] = await Promise.all([packPackages({ log }), loadSandbox()]);
		// Our own copies: the shared pack cache keeps only the newest tarballs of any checkout.
		tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-pack-'));
		tempDirs.add(tmpDir);
		const tarballs = packed.tarballs.map((t) => {
			const copy = path.join(tmpDir, path.basename(t));
			fs.copyFileSync(t, copy);
			return copy;
		});
		const meta = {
			date: started.toISOString(),
			package: packed.pkgs.map((p) => `${p.name}@${p.version}`).join(', '),
			runner: process.version,
			machine: `${os.cpus().length} CPU(s), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}, load average ${os.loadavg()[0].toFixed(1)} at the start`,
			config,
			label: config.label,
		};
		const versions = [];
		const write = () => {
			const table = render(meta, versions);
			if (config.write) {
				const out = path.join(__dirname, 'results');
				fs.mkdirSync(out, { recursive: true });
				fs.writeFileSync(path.join(out, 'soak.md'), table);
				fs.writeFileSync(path.join(out, 'soak.json'), `${JSON.stringify({ meta, versions }, null, 2)}\n`);
				log('wrote bench/results/soak.md and bench/results/soak.json');
			}
			return table;
		};
		// Written after each version, so a later failure keeps what was measured.
		for (const version of config.versions) {
			const t0 = Date.now();
			versions.push(await runVersion(version, config, tarballs, sandboxModule));
			versions.at(-1).totalSeconds = Math.round((Date.now() - t0) / 1000);
			log(`n8n ${version} done in ${versions.at(-1).totalSeconds} s (set-up included)`);
			write();
		}
		console.log(write());
	} finally {
		if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
		clearTimeout(watchdog);
		removeSignalHandlers();
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error?.stack ?? String(error));
		killAllSync();
		process.exit(1);
	});
}

module.exports = { readConfig, render, percentile };
