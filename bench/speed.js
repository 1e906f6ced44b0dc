'use strict';
/**
 * `node bench/speed.js [--n8n 1.123.81,2.41.1] [--runs 5] [--latency 20] [--jobs locks,orders]
 *                      [--rss-records 100000 | --no-rss] [--no-warm] [--no-write]`
 *
 * How fast the common list jobs are, side by side, on the same sandbox data with the same injected
 * latency per request (API and token endpoint alike):
 *
 * - floor: the same requests made directly with undici, one after the other ("sequential") and
 *   with every owner/store at once, each one's pages in turn ("concurrent");
 * - this package's nodes and n8n's HTTP Request node (generic OAuth2 credential, built-in
 *   pagination), each workflow run once from a credential without a token ("1st") and then 5
 *   times back to back ("next 5", median): with `n8n execute` (cold, a new process each time)
 *   and by webhook on one running n8n (warm, as production instances run workflows).
 *
 * Times are n8n's own (the execution's start to stop in its run data); requests come from the
 * sandbox's log, token and pages apart. Then peak RSS of the `n8n execute` process for Return All
 * over `--rss-records` records, minus the same workflow over none, against the records' JSON size.
 * Writes bench/results/speed.md and speed.json. Never part of `npm test`.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { request } = require('undici');
const { N8n, parseRun, nodeOutput } = require('../scripts/n8n/n8n');
const { packPackages, loadSandbox } = require('../scripts/n8n/package');
const { killAllSync, sleep } = require('../scripts/n8n/proc');
const fixtures = require('../scripts/n8n/fixtures');
const { adminClient, genericOAuth2Credential, median, stopOnSignal } = require('./common');
const { httpRequestVersion } = require('./workflows');
const { speedWorkflows, webhookTwin, TAPKEY_PAGE, TAPTOUCH_PAGE } = require('./speed-workflows');

const VERSIONS = ['1.123.81', '2.41.1'];
const SEED = {
	tapkey: { locksPerOwner: Array(20).fill(500) },
	taptouch: { ordersPerStore: Array(5).fill(1000), itemsPerStore: Array(5).fill(0) },
};
const JOBS = {
	// `$top=1000` and 500 locks per owner: each first page is short and looks like a cap, so the page-size
	// probe (transport/pageSizes.ts) shows here: one per credential and process, not one per owner.
	locks: { provider: 'tapkey', label: '20 owners × 500 bound locks (Tapkey)', items: 10_000 },
	orders: { provider: 'taptouch', label: '5 stores × 1,000 orders (Taptouch)', items: 5_000 },
};
const EXECUTE_TIMEOUT_MS = 5 * 60_000;

function parseArgs(argv) {
	const args = { versions: VERSIONS, runs: 5, latency: 20, jobs: Object.keys(JOBS), rssRecords: 100_000, write: true, warm: true };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--n8n') args.versions = value().split(',');
		else if (a === '--runs') args.runs = Number(value());
		else if (a === '--latency') args.latency = Number(value());
		else if (a === '--jobs') args.jobs = value().split(',');
		else if (a === '--rss-records') args.rssRecords = Number(value());
		else if (a === '--no-rss') args.rssRecords = 0;
		else if (a === '--no-write') args.write = false;
		else if (a === '--no-warm') args.warm = false;
		else throw new Error(`unknown argument ${a}`);
	}
	if (!Number.isInteger(args.runs) || args.runs < 1 || args.runs > 10) throw new Error('--runs must be 1..10');
	for (const job of args.jobs) if (!JOBS[job]) throw new Error(`unknown job ${job}`);
	return args;
}

const log = (msg) => process.stderr.write(`[speed] ${msg}\n`);
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null);


/** Token requests and API requests (pages) apart. */
function countRequests(entries) {
	const api = entries.filter((e) => e.kind === 'api');
	return {
		token: entries.filter((e) => e.kind === 'token').length,
		pages: api.length,
		failed: api.filter((e) => e.status !== 200).length,
	};
}

/** The floor: the job's requests made directly, without n8n. */
async function floor(sandbox, provider, mode) {
	const client = sandbox.clients[provider].find((c) => c.grants.includes('client_credentials') && c.clientSecret);
	const urls = sandbox.urls[provider];
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: client.clientId,
		client_secret: client.clientSecret,
		scope: client.scopes.join(' '),
	});
	const token = await request(urls.accessTokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
	});
	const { access_token: accessToken } = await token.body.json();
	// The next executions in n8n start with a stored token: the floor for them starts here.
	const afterToken = performance.now();
	const get = async (url) => {
		const res = await request(url, { headers: { authorization: `Bearer ${accessToken}` } });
		const body = await res.body.json();
		if (res.statusCode !== 200) throw new Error(`floor: ${url} -> ${res.statusCode}`);
		return provider === 'taptouch' ? body.data : body;
	};
	const page = provider === 'tapkey' ? TAPKEY_PAGE : TAPTOUCH_PAGE;
	const parents =
		provider === 'tapkey' ? await get(`${urls.baseUrl}/Owners`) : await get(`${urls.baseUrl}/stores?index=0&count=${TAPTOUCH_PAGE}`);
	const all = async (parent) => {
		const records = [];
		for (let n = 0; ; n++) {
			const url =
				provider === 'tapkey'
					? `${urls.baseUrl}/Owners/${parent.id}/BoundLocks?$top=${page}&$skip=${n * page}`
					: `${urls.baseUrl}/stores/${parent.id}/orders?index=${n}&count=${page}`;
			const got = await get(url);
			records.push(...got);
			if (got.length < page) return records;
		}
	};
	if (mode === 'concurrent') {
		const records = (await Promise.all(parents.map(all))).flat();
		return { records, storedTokenMs: performance.now() - afterToken };
	}
	const out = [];
	for (const parent of parents) out.push(...(await all(parent)));
	return { records: out, storedTokenMs: performance.now() - afterToken };
}

/**
 * `n8n execute` as the harness runs it, with the process's peak RSS (VmHWM, sampled until it
 * exits; the high-water mark keeps the peak between samples).
 */
async function executeMeasured(n8n, workflowId) {
	const env = await n8n.processEnv();
	// Into a file, not a pipe: `n8n execute` exits right after printing, and a pipe loses the tail
	// of a large run.
	const outFile = path.join(n8n.userFolder, `speed-${workflowId}.out`);
	const out = fs.openSync(outFile, 'w');
	try {
		return await new Promise((resolve, reject) => {
			const child = spawn(n8n.install.nodeBinary, [n8n.install.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
				cwd: n8n.userFolder,
				env,
				stdio: ['ignore', out, 'ignore'],
			});
			let peakKb = 0;
			const sample = () => {
				try {
					const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
					const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
					if (kb > peakKb) peakKb = kb;
				} catch {
					// Gone already: the last sample stands.
				}
			};
			const timer = setInterval(sample, 20);
			const killer = setTimeout(() => child.kill('SIGKILL'), EXECUTE_TIMEOUT_MS);
			child.on('error', reject);
			child.on('exit', (code) => {
				clearInterval(timer);
				clearTimeout(killer);
				const stdout = fs.readFileSync(outFile, 'utf8');
				const run = parseRun(stdout);
				if (!run) return reject(new Error(`n8n execute ${workflowId} printed no run data (exit ${code}); its output is in ${outFile}`));
				resolve({ ok: code === 0 && !run.data?.resultData?.error, run, peakRssBytes: peakKb * 1024 });
			});
		});
	} finally {
		fs.closeSync(out);
	}
}

/** Each node's own time (n8n's executionTime), in workflow order: where an execution's time goes. */
const nodeTimes = (run) =>
	Object.fromEntries(
		Object.entries(run?.data?.resultData?.runData ?? {}).map(([name, runs]) => [name, runs.reduce((sum, r) => sum + (r.executionTime ?? 0), 0)]),
	);

const execMs = (run) => (run?.startedAt && run?.stoppedAt ? Date.parse(run.stoppedAt) - Date.parse(run.startedAt) : null);

/** One execution on the running n8n: the webhook call, then the execution n8n stored for it. */
async function executeByWebhook(n8n, wf) {
	const known = new Set((await n8n.executions(wf.workflow.id)).map((e) => String(e.id)));
	const res = await fetch(`${n8n.url}/webhook/${wf.path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: '{}',
		signal: AbortSignal.timeout(EXECUTE_TIMEOUT_MS),
	});
	await res.text();
	// n8n answers when the last node is done and stores the execution right after.
	const deadline = Date.now() + 60_000;
	for (;;) {
		const done = (await n8n.executions(wf.workflow.id)).find(
			(e) => !known.has(String(e.id)) && !['new', 'running'].includes(e.status),
		);
		if (done) return { ok: res.ok && done.status === 'success', run: await n8n.execution(done.id) };
		if (Date.now() > deadline) throw new Error(`no stored execution of ${wf.workflow.name} within 60 s (webhook answered ${res.status})`);
		await sleep(100);
	}
}

/**
 * Runs each workflow of each job once and then `args.runs` times, taking turns so that the load
 * of the machine drifts alike for all of them, and sums each up.
 */
async function measureJobs({ version, mode, args, admin, workflows, execute }) {
	const rows = [];
	for (const job of args.jobs) {
		const { provider } = JOBS[job];
		const jobWorkflows = workflows.filter((w) => w.job === job);
		const runs = new Map(jobWorkflows.map((wf) => [wf, []]));
		for (let n = 0; n <= args.runs; n++) {
			for (const wf of jobWorkflows) {
				await admin.clearRequests();
				const res = await execute(wf);
				const requests = countRequests(await admin.requests(provider));
				const items = nodeOutput(res.run, wf.output);
				const ids = new Set(items.map((i) => i.id));
				const complete = res.ok && items.length === JOBS[job].items && ids.size === items.length;
				const error = res.run.data?.resultData?.error;
				const errorText = error ? `${error.message ?? ''}${error.node?.name ? ` (node ${error.node.name})` : ''}`.slice(0, 300) : undefined;
				const perNode = nodeTimes(res.run);
				runs.get(wf).push({ n, ok: res.ok, complete, items: items.length, ms: execMs(res.run), nodeMs: perNode, ...requests, ...(errorText ? { error: errorText } : {}) });
				if (errorText) log(`  error: ${errorText}`);
				log(
					`  ${version} ${mode} ${job} ${wf.kind} #${n} ${complete ? 'ok' : 'INCOMPLETE'} items ${items.length} ${execMs(res.run)} ms token ${requests.token} pages ${requests.pages} (${requests.failed} failed); ${Object.entries(perNode).map(([k, v]) => `${k} ${v}`).join(', ')}`,
				);
			}
		}
		for (const wf of jobWorkflows) {
			const all = runs.get(wf);
			const next = all.slice(1);
			rows.push({
				mode,
				job,
				kind: wf.kind,
				complete: all.filter((r) => r.complete).length,
				runs: all.length,
				firstMs: all[0].ms,
				firstToken: all[0].token,
				firstPages: all[0].pages,
				nextMs: median(next.map((r) => r.ms)),
				nextToken: next.reduce((sum, r) => sum + r.token, 0),
				nextPages: median(next.map((r) => r.pages)),
				allMs: all.map((r) => r.ms),
				nodeMs: next.map((r) => r.nodeMs),
			});
		}
	}
	return rows;
}

async function benchVersion(version, args, sandbox, admin, tarballs) {
	const n8n = await N8n.create({ version, log });
	try {
		await n8n.installCommunityPackages(tarballs);
		const creds = fixtures.sandboxCredentials(sandbox).filter((c) => c.grant === 'clientCredentials');
		const own = (provider) => creds.find((c) => c.provider === provider);
		const generic = (provider) =>
			genericOAuth2Credential(sandbox, own(provider), { id: fixtures.shortId(`speed:generic:${provider}`), name: `${provider} generic OAuth2` });
		const credentials = {
			tapkey: own('tapkey'),
			taptouch: own('taptouch'),
			tapkeyGeneric: generic('tapkey'),
			taptouchGeneric: generic('taptouch'),
		};
		const httpVersion = httpRequestVersion(n8n.install.dir);
		const workflows = speedWorkflows(credentials, { tapkey: sandbox.urls.tapkey.baseUrl, taptouch: sandbox.urls.taptouch.baseUrl }, httpVersion);
		await n8n.importCredentials(fixtures.forImport(Object.values(credentials)));
		await n8n.importWorkflows(workflows.map((w) => w.workflow));

		const twins = workflows.map(webhookTwin);
		await n8n.importWorkflows(twins.map((w) => w.workflow));

		// Cold: each execution a new `n8n execute` process, as the issue's first measurements were.
		const rows = await measureJobs({ version, mode: 'cold', args, admin, workflows, execute: async (wf) => await executeMeasured(n8n, wf.workflow.id) });
		if (args.warm) {
			// Warm: a running n8n, started by webhooks, the way production instances run workflows.
			await n8n.start();
			await n8n.loginOwner();
			for (const twin of twins) await n8n.activateWorkflow(twin.workflow.id);
			rows.push(...(await measureJobs({ version, mode: 'warm', args, admin, workflows: twins, execute: async (wf) => await executeByWebhook(n8n, wf) })));
			await n8n.stop();
		}

		let rss = null;
		if (args.rssRecords > 0) {
			rss = [];
			const locks = workflows.filter((w) => w.job === 'locks');
			const peaks = {};
			for (const [label, count] of [
				['empty', 0],
				['full', args.rssRecords],
			]) {
				await admin.reset({ tapkey: { locksPerOwner: [count] } });
				await admin.addFault({ target: 'any', kind: 'latency', latencyMs: args.latency, count: -1 });
				for (const wf of locks) {
					// Two executions: the first may fetch a token again after the reset.
					await executeMeasured(n8n, wf.workflow.id);
					const res = await executeMeasured(n8n, wf.workflow.id);
					const items = nodeOutput(res.run, wf.output).length;
					peaks[`${wf.kind}:${label}`] = { peak: res.peakRssBytes, items, ok: res.ok };
					log(`  ${version} rss ${wf.kind} ${label}: ${items} items, peak RSS ${(res.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
				}
			}
			const data = await admin.data('tapkey');
			const jsonBytes = Buffer.byteLength(JSON.stringify(data.boundLocks[data.owners[0].id]));
			for (const kind of ['node', 'http']) {
				const full = peaks[`${kind}:full`];
				const empty = peaks[`${kind}:empty`];
				rss.push({ kind, items: full.items, ok: full.ok, jsonBytes, peakBytes: full.peak, emptyPeakBytes: empty.peak, addedBytes: full.peak - empty.peak });
			}
			await admin.reset(SEED);
			await admin.addFault({ target: 'any', kind: 'latency', latencyMs: args.latency, count: -1 });
		}
		return { version, httpVersion, rows, rss };
	} finally {
		await n8n.dispose();
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const started = new Date();
	const [packed, sandboxModule] = await Promise.all([packPackages({ log }), loadSandbox()]);
	// Our own copies: the shared pack cache keeps only the newest tarballs of any checkout.
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'speed-pack-'));
	const tarballs = packed.tarballs.map((t) => {
		const copy = path.join(packDir, path.basename(t));
		fs.copyFileSync(t, copy);
		return copy;
	});
	const sandbox = await sandboxModule.startSandbox({ host: '127.0.0.1', port: 0, seed: SEED });
	const admin = adminClient(sandbox.url);
	const removeSignalHandlers = stopOnSignal(log);
	try {
		await admin.addFault({ target: 'any', kind: 'latency', latencyMs: args.latency, count: -1 });

		const floors = [];
		for (const job of args.jobs) {
			const { provider, items } = JOBS[job];
			for (const mode of ['sequential', 'concurrent']) {
				const times = [];
				const storedTokenTimes = [];
				let requests;
				for (let n = 0; n < args.runs; n++) {
					await admin.clearRequests();
					const t0 = performance.now();
					const { records, storedTokenMs } = await floor(sandbox, provider, mode);
					times.push(Math.round(performance.now() - t0));
					storedTokenTimes.push(Math.round(storedTokenMs));
					requests = countRequests(await admin.requests(provider));
					if (records.length !== items) throw new Error(`floor ${job} ${mode}: ${records.length} records, expected ${items}`);
				}
				floors.push({ job, mode, ms: median(times), storedTokenMs: median(storedTokenTimes), ...requests });
				log(`floor ${job} ${mode}: ${median(times)} ms (${median(storedTokenTimes)} ms after the token), token ${requests.token}, pages ${requests.pages}`);
			}
		}

		const versions = [];
		const meta = {
			date: started.toISOString(),
			package: packed.pkgs.map((p) => `${p.name}@${p.version}`).join(', '),
			runner: process.version,
			machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPU(s), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}, load average ${os.loadavg()[0].toFixed(1)} at the start`,
			latencyMs: args.latency,
			runs: args.runs,
			rssRecords: args.rssRecords,
		};
		const write = () => {
			const table = render(meta, floors, versions);
			if (args.write) {
				const out = path.join(__dirname, 'results');
				fs.mkdirSync(out, { recursive: true });
				fs.writeFileSync(path.join(out, 'speed.md'), table);
				fs.writeFileSync(path.join(out, 'speed.json'), `${JSON.stringify({ meta, floors, versions }, null, 2)}\n`);
				log('wrote bench/results/speed.md and bench/results/speed.json');
			}
			return table;
		};
		// Written after each version, so a later failure keeps what was measured.
		for (const version of args.versions) {
			versions.push(await benchVersion(version, args, sandbox, admin, tarballs));
			write();
		}
		console.log(write());

	} finally {
		await sandbox.close();
		removeSignalHandlers();
	}
}

/** "Owners 49, Bound locks 171": each node's median time over the runs, trigger left out. */
function perNodeMedian(runs) {
	if (!runs?.length) return '–';
	return Object.keys(runs[0])
		.filter((name) => !/^When clicking|^Webhook$/.test(name))
		.map((name) => `${name} ${median(runs.map((r) => r[name] ?? 0))}`)
		.join(', ');
}

function render(meta, floors, versions) {
	const fmt = (v) => (v === null || v === undefined ? '–' : String(v));
	const mib = (b) => (typeof b === 'number' ? (b / 2 ** 20).toFixed(1) : '–');
	const lines = [
		'# Speed: list jobs, this package vs. HTTP Request vs. the latency floor',
		'',
		`${meta.package}; n8n ${versions.map((v) => `${v.version} (HTTP Request node v${v.httpVersion})`).join(', ')}; bench runner ${meta.runner}; ${meta.machine}; ${meta.date.slice(0, 10)}.`,
		`Sandbox on 127.0.0.1 with ${meta.latencyMs} ms added to every request (API and token endpoint). Client-credentials tokens.`,
		'',
		'*cold*: every execution is a new `n8n execute` process; *warm*: one running n8n (`n8n start`), each execution started by a webhook, as a production instance runs workflows. ' +
			'*1st* = the first execution (cold: from a credential without a stored token; warm: the first in the new process); *next* = median of the next ' +
			`${meta.runs} executions (node and HTTP Request workflows taking turns; token: their sum). Times are n8n's execution time (run data start → stop), ` +
			'floors are the bench process\'s wall time for the same requests made with undici, from the token request on and, for the *next* executions that start with a stored token, from after it (*stored token*). *pages* = API requests. *per node*: each node\'s own time (n8n\'s `executionTime`), median of the next executions.',
		'',
		'| n8n | run | job | workflow | complete | 1st ms | 1st token / pages | next ms | next token / pages | ×HTTP (next) | ×floor concurrent (next) | ×floor concurrent, stored token (next) | per node ms (next) |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const f of floors) {
		const concurrent = floors.find((x) => x.job === f.job && x.mode === 'concurrent');
		lines.push(
			`| – | – | ${f.job} | floor, ${f.mode} | – | – | – | ${f.ms} (${fmt(f.storedTokenMs)} after the token) | ${f.token} / ${f.pages} | – | ${fmt(ratio(f.ms, concurrent.ms))} | ${fmt(ratio(f.storedTokenMs, concurrent.storedTokenMs))} | – |`,
		);
	}
	for (const v of versions) {
		for (const r of v.rows) {
			const http = v.rows.find((x) => x.mode === r.mode && x.job === r.job && x.kind === 'http');
			const fl = floors.find((x) => x.job === r.job && x.mode === 'concurrent');
			lines.push(
				`| ${v.version} | ${r.mode ?? 'cold'} | ${r.job} | ${r.kind === 'node' ? 'this package' : 'HTTP Request'} | ${r.complete}/${r.runs} | ${fmt(r.firstMs)} | ${r.firstToken} / ${r.firstPages} | ${fmt(r.nextMs)} | ${r.nextToken} / ${fmt(r.nextPages)} | ${fmt(ratio(r.nextMs, http?.nextMs))} | ${fmt(ratio(r.nextMs, fl?.ms))} | ${fmt(ratio(r.nextMs, fl?.storedTokenMs))} | ${perNodeMedian(r.nodeMs)} |`,
			);
		}
	}
	lines.push('');
	lines.push('Jobs: ' + Object.entries(JOBS).map(([k, j]) => `*${k}* = ${j.label}`).join('; ') + '.');
	const withRss = versions.filter((v) => v.rss);
	if (withRss.length) {
		lines.push('');
		lines.push(
			`Memory: Return All over ${meta.rssRecords.toLocaleString('en')} bound locks of one owner (the locks workflows); peak RSS of the \`n8n execute\` process, minus the same workflow over 0 records.`,
		);
		lines.push('');
		lines.push('| n8n | workflow | items | records JSON MiB | peak RSS MiB | peak RSS, 0 records MiB | added MiB | added ÷ JSON |');
		lines.push('|---|---|---|---|---|---|---|---|');
		for (const v of withRss) {
			for (const r of v.rss) {
				lines.push(
					`| ${v.version} | ${r.kind === 'node' ? 'this package' : 'HTTP Request'} | ${r.items} | ${mib(r.jsonBytes)} | ${mib(r.peakBytes)} | ${mib(r.emptyPeakBytes)} | ${mib(r.addedBytes)} | ${fmt(ratio(r.addedBytes, r.jsonBytes))} |`,
				);
			}
		}
	}
	lines.push('');
	return `${lines.join('\n')}\n`;
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error?.stack ?? String(error));
		killAllSync();
		process.exit(1);
	});
}

module.exports = { render };
