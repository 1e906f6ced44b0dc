/**
 * `npm run bench:memory`: what Return All of 100,000 records adds to the memory of the process
 * that runs the node, measured inside that process (n8n-core's real ExecuteContext, as the
 * integration tests run nodes), so that nothing n8n does around a node (run data, saving the
 * execution, printing it) is counted. The sandbox runs in a child process for the same reason.
 *
 * Peak RSS is the kernel's high-water mark (VmHWM), reset right before the run (/proc/self/clear_refs);
 * "held" is the heap the output takes once garbage is collected. The reference row is the least
 * any node can add: the same records as one JSON text, parsed.
 *
 * Writes bench/results/memory.md and memory.json. Not part of `npm test`.
 */
import { spawn } from 'child_process';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode } from '../test/helpers/n8n';

const RECORDS = Number(process.env.MEMORY_RECORDS ?? 100_000);
const MIB = 2 ** 20;

interface SandboxInfo {
	url: string;
	urls: Record<string, { baseUrl: string; accessTokenUrl: string; authUrl: string }>;
	clients: Record<string, Array<{ clientId: string; clientSecret?: string; grants: string[] }>>;
}

/** The sandbox in its own process, seeded with one owner of RECORDS bound locks. */
async function startSandboxProcess(): Promise<{ info: SandboxInfo; child: ChildProcessWithoutNullStreams }> {
	const entry = join(__dirname, '..', 'build', 'sandbox', 'index.js');
	const script = `require(${JSON.stringify(entry)}).startSandbox({ port: 0, seed: { tapkey: { locksPerOwner: [${RECORDS}, 1] } } })
		.then((s) => console.log(JSON.stringify({ url: s.url, urls: s.urls, clients: s.clients })));`;
	const child = spawn(process.execPath, ['-e', script]);
	const info = await new Promise<SandboxInfo>((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			// Only a complete line: the JSON arrives in several chunks.
			const line = out.split('\n').slice(0, -1).find((l) => l.startsWith('{'));
			if (line) resolve(JSON.parse(line) as SandboxInfo);
		});
		child.on('exit', (code) => reject(new Error(`sandbox exited (${code})`)));
	});
	return { info, child };
}

const gc = () => {
	const collect = (global as { gc?: () => void }).gc;
	if (!collect) throw new Error('run with node --expose-gc (npm run bench:memory does)');
	collect();
	collect();
};

function resetPeak() {
	writeFileSync('/proc/self/clear_refs', '5');
}

const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

/** A macrotask turn: promise chains of the finished run let go of what they held. */
const settle = async () => await new Promise((resolve) => setTimeout(resolve, 20));

/**
 * What `work` adds: the peak of the heap (sampled every millisecond and at the end) and of RSS
 * (the kernel's high-water mark) over what was there before, and the heap its result holds.
 */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; addedPeakHeap: number; addedPeakRss: number; held: number }> {
	await settle();
	gc();
	const heapBefore = process.memoryUsage().heapUsed;
	resetPeak();
	const rssBefore = process.memoryUsage().rss;
	let peakHeap = heapBefore;
	const sample = setInterval(() => {
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	}, 1);
	let result: T;
	try {
		result = await work();
	} finally {
		clearInterval(sample);
	}
	peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	const addedPeakRss = peakRss() - rssBefore;
	await settle();
	gc();
	const held = process.memoryUsage().heapUsed - heapBefore;
	return { result, addedPeakHeap: peakHeap - heapBefore, addedPeakRss, held };
}

let sandbox: { info: SandboxInfo; child: ChildProcessWithoutNullStreams };

beforeAll(async () => {
	sandbox = await startSandboxProcess();
}, 120_000);

afterAll(() => {
	sandbox?.child.kill();
});

test(`Return All of ${RECORDS} bound locks`, async () => {
	const { info } = sandbox;
	const client = info.clients.tapkey.find((c) => c.grants.includes('client_credentials') && c.clientSecret)!;
	const store = new CredentialStore();
	const credential = {
		type: 'tapkeyOAuth2Api',
		...store.add('tapkeyOAuth2Api', {
			grantType: 'clientCredentials',
			environment: 'custom',
			customAuthUrl: info.urls.tapkey.authUrl,
			customAccessTokenUrl: info.urls.tapkey.accessTokenUrl,
			customBaseUrl: info.urls.tapkey.baseUrl,
			clientId: client.clientId,
			clientSecret: client.clientSecret,
		}),
	};
	const run = (parameters: IDataObject) => async () => await executeNode(store, { type: 'tapkey', credential, parameters });
	// A warm-up on the owner with one lock: the token, and every module loaded on first use.
	const [owner, small] = await run({ resource: 'owner', operation: 'getMany', returnAll: true })();
	const listAll = (of = owner) =>
		run({ resource: 'boundLock', operation: 'getMany', ownerId: { __rl: true, mode: 'id', value: of.json.id }, returnAll: true })();
	await listAll(small);

	const node = await measure(async () => await listAll());
	expect(node.result).toHaveLength(RECORDS);
	const text = JSON.stringify(node.result.map((item) => item.json));
	const jsonBytes = Buffer.byteLength(text);
	const parsedOnly = await measure(async () => JSON.parse(text) as unknown[]);
	expect(parsedOnly.result).toHaveLength(RECORDS);

	const rows = [
		{ what: 'this package: Bound Lock → Get Many, Return All (output items)', ...node },
		{ what: 'reference: the same records as one JSON text, parsed', ...parsedOnly },
	].map(({ what, addedPeakHeap, addedPeakRss, held }) => ({ what, addedPeakHeap, addedPeakRss, held }));
	const fmt = (bytes: number) => (bytes / MIB).toFixed(1);
	const ratio = (bytes: number) => (bytes / jsonBytes).toFixed(2);
	const lines = [
		'# Memory: Return All inside the process that runs the node',
		'',
		`${RECORDS.toLocaleString('en')} bound locks of one owner (${fmt(jsonBytes)} MiB as JSON), listed with n8n-core's real ExecuteContext (as the integration tests run nodes); the sandbox in a child process. ` +
			`Node ${process.version}; ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} CPU(s), ${Math.round(totalmem() / 2 ** 30)} GiB; ${new Date().toISOString().slice(0, 10)}.`,
		'',
		"*peak heap added*: the JS heap's highest point during the run (sampled every millisecond) over the heap before; " +
			"*peak RSS added*: the process's RSS high-water mark over its RSS before (low when V8 reuses pages it already has); " +
			'*held*: the heap the result takes once garbage is collected. Ratios are to the JSON size.',
		'',
		'| run | peak heap added MiB | ÷ JSON | peak RSS added MiB | ÷ JSON | held MiB | ÷ JSON |',
		'|---|---|---|---|---|---|---|',
		...rows.map(
			(r) =>
				`| ${r.what} | ${fmt(r.addedPeakHeap)} | ${ratio(r.addedPeakHeap)} | ${fmt(r.addedPeakRss)} | ${ratio(r.addedPeakRss)} | ${fmt(r.held)} | ${ratio(r.held)} |`,
		),
		'',
	];
	const out = join(__dirname, 'results');
	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, 'memory.md'), `${lines.join('\n')}\n`);
	writeFileSync(join(out, 'memory.json'), `${JSON.stringify({ records: RECORDS, jsonBytes, rows }, null, 2)}\n`);
	process.stdout.write(`${lines.join('\n')}\n`);
}, 300_000);
