'use strict';
/**
 * `node bench/run.js [--n8n 1.123.81|2.41.1] [--runs 3] [--scenarios plain,expired,flaky]
 *                    [--workflows A,A50,B,B50,Bretry] [--no-write]`
 *
 * Compares this package's Tapkey node with n8n's HTTP Request node (the baseline, measured in the
 * same run) in one real n8n against the provider sandbox: API and token requests seen by the
 * sandbox, items out, success, wall time (median of the runs). Prints a table with the ratios A/B
 * and writes bench/results/latest.md and latest.json.
 *
 * Performance is reported here as counts and ratios, never asserted as a time limit.
 * Everything runs on 127.0.0.1; every process started is stopped at the end (also on Ctrl-C).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { N8n } = require('../scripts/n8n/n8n');
const { packPackages, loadSandbox } = require('../scripts/n8n/package');
const { killAllSync } = require('../scripts/n8n/proc');
const { DEFAULT_VERSION, getVersion } = require('../scripts/n8n/versions');
const fixtures = require('../scripts/n8n/fixtures');
const { adminClient, clean, connectOAuth2, median, stopOnSignal } = require('./common');
const { benchWorkflows, httpRequestVersion, OWNERS, LOCKS } = require('./workflows');

const SEED = { locksPerOwner: [3000, 50, 0] };
const EXECUTE_TIMEOUT_MS = 4 * 60_000;

const SCENARIOS = {
	plain: { label: 'plain', describe: 'valid access token, no faults' },
	expired: {
		label: 'token expired',
		describe:
			'access token expired before the run (POST /__admin/tokens/expire); refresh tokens single-use and rotating, replay revokes the chain',
	},
	midrun: {
		label: 'token revoked mid-run',
		describe:
			'extra, not in the brief: the access token is valid for GET /Owners and revoked when the first GET …/BoundLocks arrives (sandbox fault revokeAccess), so the per-owner requests, sent in parallel, all meet a 401',
	},
	flaky: { label: '2× 503', describe: 'the first 2 GET …/BoundLocks requests answer 503' },
};

function parseArgs(argv) {
	const args = { n8n: DEFAULT_VERSION, runs: 3, scenarios: ['plain', 'expired', 'midrun', 'flaky'], workflows: null, write: true };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--n8n') args.n8n = value();
		else if (a === '--runs') args.runs = Number(value());
		else if (a === '--scenarios') args.scenarios = value().split(',');
		else if (a === '--workflows') args.workflows = value().split(',');
		else if (a === '--no-write') args.write = false;
		else if (a === '--help' || a === '-h') {
			console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(2, 5).join('\n').replace(/^ \* ?/gm, ''));
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	getVersion(args.n8n);
	if (!Number.isInteger(args.runs) || args.runs < 1 || args.runs > 10) throw new Error('--runs must be 1..10');
	for (const s of args.scenarios) if (!SCENARIOS[s]) throw new Error(`unknown scenario ${s}`);
	return args;
}

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

function summariseRequests(entries) {
	const api = entries.filter((e) => e.kind === 'api');
	const token = entries.filter((e) => e.kind === 'token');
	const byStatus = (list) => {
		const out = {};
		for (const e of list) out[e.status] = (out[e.status] ?? 0) + 1;
		return out;
	};
	return {
		api: api.length,
		apiByStatus: byStatus(api),
		apiOwners: api.filter((e) => /^\/owners\/?$/i.test(e.path)).length,
		apiBoundLocks: api.filter((e) => /\/boundlocks$/i.test(e.path)).length,
		token: token.length,
		refresh: token.filter((e) => e.grantType === 'refresh_token').length,
		tokenOutcomes: token.map((e) => `${e.grantType ?? '?'}:${e.status}${e.error ? ` (${e.error})` : ''}`),
	};
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const started = new Date();
	log(`n8n ${args.n8n}, ${args.runs} run(s) per workflow and scenario, seed ${JSON.stringify(SEED)}`);

	const [{ tarballs, pkgs }, sandboxModule] = await Promise.all([packPackages({ log }), loadSandbox()]);
	const sandbox = await sandboxModule.startSandbox({ host: '127.0.0.1', port: 0, seed: { tapkey: SEED } });
	const admin = adminClient(sandbox.url);
	let n8n;
	const cleanup = async () => {
		try {
			await n8n?.dispose();
		} finally {
			await sandbox.close();
		}
	};
	const removeSignalHandlers = stopOnSignal(log);

	try {
		n8n = await N8n.create({ version: args.n8n, log });
		await n8n.installCommunityPackages(tarballs);
		const credential = fixtures
			.sandboxCredentials(sandbox)
			.find((c) => c.provider === 'tapkey' && c.grant === 'authorizationCode');
		const httpVersion = httpRequestVersion(n8n.install.dir);
		const all = benchWorkflows(credential, sandbox.urls.tapkey.baseUrl, httpVersion);
		const selected = args.workflows ? all.filter((w) => args.workflows.includes(w.key)) : all;
		await n8n.importCredentials(fixtures.forImport([credential]));
		await n8n.importWorkflows(selected.map((w) => w.workflow));
		log('starting the n8n server (for the OAuth2 connect flow)...');
		await n8n.start();
		await n8n.loginOwner();
		await admin.config('tapkey', { replayRevokesChain: true });
		await connectOAuth2(n8n, credential.id);

		const expected = await admin.data('tapkey');
		const expectedLocks = expected.owners.flatMap((o) => expected.boundLocks[o.id] ?? []);
		const expectedLimited = expected.owners.reduce((n, o) => n + Math.min(50, (expected.boundLocks[o.id] ?? []).length), 0);

		const results = [];
		for (const scenario of args.scenarios) {
			log(`scenario "${SCENARIOS[scenario].label}"`);
			for (let run = 1; run <= args.runs; run++) {
				// Workflows interleaved per run, so drift of the machine affects all of them alike.
				for (const wf of selected) {
					await admin.clearFaults();
					// A fresh token chain for every run (not counted: the log is cleared below), so a
					// credential one workflow broke cannot decide the next one's result.
					await connectOAuth2(n8n, credential.id);
					if (scenario === 'expired' || scenario === 'midrun') {
						if (scenario === 'expired') await admin.expire('tapkey', 'access');
						else await admin.addFault({ provider: 'tapkey', target: 'api', method: 'GET', path: '/boundlocks$', count: 1, kind: 'revokeAccess' });
					}
					if (scenario === 'flaky') {
						await admin.addFault({ provider: 'tapkey', target: 'api', method: 'GET', path: '/boundlocks$', count: 2, kind: 'status', status: 503 });
					}
					await admin.clearRequests();
					const t0 = Date.now();
					const res = await n8n.execute(wf.workflow.id, { timeoutMs: EXECUTE_TIMEOUT_MS });
					const wallMs = Date.now() - t0;
					const requests = summariseRequests(await admin.requests('tapkey'));
					await admin.clearFaults();

					const locks = res.output(LOCKS);
					const owners = res.output(OWNERS);
					const ids = locks.map((l) => l.id);
					const want = wf.key.endsWith('50') ? expectedLimited : expectedLocks.length;
					const complete = res.ok && ids.length === want && new Set(ids).size === ids.length;
					const runData = res.run?.data?.resultData?.runData ?? {};
					const nodeMs = (name) => (runData[name] ?? []).reduce((s, r) => s + (r.executionTime ?? 0), 0);
					const execMs =
						res.run?.startedAt && res.run?.stoppedAt ? Date.parse(res.run.stoppedAt) - Date.parse(res.run.startedAt) : null;
					const entry = {
						scenario,
						workflow: wf.key,
						run,
						ok: res.ok,
						complete,
						error: res.error ? clean(`${res.error.message ?? ''}${res.error.node?.name ? ` (node ${res.error.node.name})` : ''}`, sandbox.url) : undefined,
						owners: owners.length,
						items: locks.length,
						expectedItems: want,
						wallMs,
						execMs,
						nodesMs: nodeMs(OWNERS) + nodeMs(LOCKS),
						...requests,
						tokenOutcomes: requests.tokenOutcomes.map((t) => clean(t, sandbox.url)),
					};
					results.push(entry);
					log(
						`  run ${run} ${wf.key.padEnd(6)} ${res.ok ? 'ok  ' : 'FAIL'} items ${String(locks.length).padStart(4)} api ${String(requests.api).padStart(3)} ${JSON.stringify(requests.apiByStatus)} token ${requests.token} ${requests.tokenOutcomes.join(', ')} wall ${wallMs} ms nodes ${entry.nodesMs} ms${entry.error ? ` — ${entry.error}` : ''}`,
					);
				}
			}
		}

		const summary = summarise(results, selected, args.scenarios);
		const meta = {
			date: started.toISOString(),
			n8n: args.n8n,
			httpRequestNodeVersion: httpVersion,
			package: pkgs.map((p) => `${p.name}@${p.version}`).join(', '),
			node: process.version,
			n8nNode: `Node ${getVersion(args.n8n).nodeMajor} (from the install)`,
			machine: `${os.cpus().length} CPU(s), ${os.platform()} ${os.arch()}`,
			runs: args.runs,
			seed: SEED,
			expectedItems: { returnAll: expectedLocks.length, limit50: expectedLimited },
		};
		const table = renderMarkdown(meta, summary, selected, args.scenarios);
		console.log(table);
		if (args.write) {
			const out = path.join(__dirname, 'results');
			fs.mkdirSync(out, { recursive: true });
			fs.writeFileSync(path.join(out, 'latest.md'), table);
			fs.writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify({ meta, summary, runs: results }, null, 2)}\n`);
			log('wrote bench/results/latest.md and bench/results/latest.json');
		}
	} finally {
		await cleanup();
		removeSignalHandlers();
	}
}

/** Per scenario and workflow: success count, medians, and the ratio against its baseline. */
function summarise(results, workflows, scenarios) {
	const rows = [];
	for (const scenario of scenarios) {
		for (const wf of workflows) {
			const runs = results.filter((r) => r.scenario === scenario && r.workflow === wf.key);
			if (!runs.length) continue;
			rows.push({
				scenario,
				workflow: wf.key,
				label: wf.label,
				baseline: wf.baseline,
				runs: runs.length,
				succeeded: runs.filter((r) => r.ok).length,
				complete: runs.filter((r) => r.complete).length,
				api: median(runs.map((r) => r.api)),
				apiErrors: median(runs.map((r) => r.api - (r.apiByStatus[200] ?? 0))),
				token: median(runs.map((r) => r.token)),
				refresh: median(runs.map((r) => r.refresh)),
				items: median(runs.map((r) => r.items)),
				wallMs: median(runs.map((r) => r.wallMs)),
				nodesMs: median(runs.map((r) => r.nodesMs)),
				tokenOutcomes: [...new Set(runs.flatMap((r) => r.tokenOutcomes))],
				errors: [...new Set(runs.map((r) => r.error).filter(Boolean))],
			});
		}
	}
	for (const row of rows) {
		if (!row.baseline) continue;
		// Ratios against a baseline that failed would compare a result with a failure: the paginated
		// baseline with Retry On Fail stands in for it where it exists, otherwise no ratio.
		const candidates = [row.baseline, ...(row.baseline === 'B' ? ['Bretry'] : [])];
		const base = candidates
			.map((key) => rows.find((r) => r.scenario === row.scenario && r.workflow === key))
			.find((r) => r && r.complete === r.runs);
		row.baselineUsed = base?.workflow ?? null;
		if (!base) continue;
		const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? Math.round((a / b) * 100) / 100 : null);
		row.vsBaseline = {
			api: ratio(row.api, base.api),
			token: ratio(row.token, base.token),
			items: ratio(row.items, base.items),
			wallMs: ratio(row.wallMs, base.wallMs),
			nodesMs: ratio(row.nodesMs, base.nodesMs),
		};
	}
	return rows;
}

function renderMarkdown(meta, rows, workflows, scenarios) {
	const fmt = (v) => (v === null || v === undefined ? '–' : String(v));
	const lines = [];
	lines.push(`# Benchmark: Tapkey node vs. HTTP Request node`);
	lines.push('');
	lines.push(
		`n8n ${meta.n8n} (HTTP Request node v${meta.httpRequestNodeVersion}), ${meta.package}, bench runner ${meta.node}, ${meta.machine}, ${meta.date.slice(0, 10)}.`,
	);
	lines.push(
		`Sandbox seed: ${meta.seed.locksPerOwner.length} owners with ${meta.seed.locksPerOwner.join(' / ')} bound locks (${meta.expectedItems.returnAll} in all; ${meta.expectedItems.limit50} with Limit 50). ${meta.runs} run(s) per workflow and scenario, interleaved; counts and times are medians.`,
	);
	lines.push('');
	lines.push('Workflows:');
	for (const wf of workflows) lines.push(`- **${wf.key}** — ${wf.label}${wf.baseline ? ` (compared with ${wf.baseline})` : ''}`);
	lines.push('');
	lines.push('Scenarios:');
	for (const s of scenarios) lines.push(`- **${SCENARIOS[s].label}** — ${SCENARIOS[s].describe}`);
	lines.push('');
	lines.push(
		'Columns: *ok* = executions that succeeded / runs; *complete* = succeeded with every expected item exactly once; *API* = API requests the sandbox saw (of them non-200); *token* = token-endpoint requests (of them refreshes); *wall* = `n8n execute` process time, CLI start-up included; *nodes* = execution time of the two list nodes as n8n records it; *base* = the baseline the ratios use (B, or B+retry where B failed); *×base* = ratio to it in the same scenario (– where it is 0 or failed). In every scenario the authorization-code credential is connected again (fresh token chain) before each execution; that token exchange is not counted.',
	);
	lines.push('');
	lines.push('| scenario | workflow | ok | complete | items | API (non-200) | token (refresh) | wall ms | nodes ms | base | API ×base | token ×base | wall ×base | nodes ×base |');
	lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const r of rows) {
		lines.push(
			`| ${SCENARIOS[r.scenario].label} | ${r.workflow} | ${r.succeeded}/${r.runs} | ${r.complete}/${r.runs} | ${fmt(r.items)} | ${fmt(r.api)} (${fmt(r.apiErrors)}) | ${fmt(r.token)} (${fmt(r.refresh)}) | ${fmt(r.wallMs)} | ${fmt(r.nodesMs)} | ${r.baseline ? (r.baselineUsed ?? `${r.baseline} failed`) : ''} | ${fmt(r.vsBaseline?.api)} | ${fmt(r.vsBaseline?.token)} | ${fmt(r.vsBaseline?.wallMs)} | ${fmt(r.vsBaseline?.nodesMs)} |`,
		);
	}
	lines.push('');
	const notes = rows.filter((r) => r.tokenOutcomes.length || r.errors.length);
	if (notes.length) {
		lines.push('Token requests and errors seen:');
		lines.push('');
		for (const r of notes) {
			const parts = [];
			if (r.tokenOutcomes.length) parts.push(`token: ${r.tokenOutcomes.join('; ')}`);
			if (r.errors.length) parts.push(`error: ${r.errors.join(' | ')}`);
			lines.push(`- ${SCENARIOS[r.scenario].label} / ${r.workflow}: ${parts.join(' — ')}`);
		}
		lines.push('');
	}
	return `${lines.join('\n')}\n`;
}

main().catch((error) => {
	console.error(error?.stack ?? String(error));
	killAllSync();
	process.exit(1);
});
