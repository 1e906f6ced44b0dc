'use strict';
/**
 * Small child-process helpers shared by the installer, the n8n driver and `npm start`.
 * Every process started here runs in its own process group so that stopping it also stops the
 * children it spawned (n8n starts task runners, npm starts node-gyp, ...).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

/** Every live child started through this module, so a crash or Ctrl-C can still stop them. */
const live = new Set();

// Children run in their own process groups, so they would outlive a parent that exits without
// stopping them (a jest worker torn down after a timeout, an uncaught error). One guard per
// process, even when this module is loaded again in a fresh jest module registry.
const GUARD = Symbol.for('n8n-harness.exit-guard');
if (!process[GUARD]) {
	process[GUARD] = new Set();
	process.once('exit', () => {
		for (const set of process[GUARD]) for (const child of set) killGroup(child, 'SIGKILL');
	});
}
process[GUARD].add(live);

/**
 * Runs a command to completion and collects its output.
 * @param {string} cmd
 * @param {string[]} args
 * `stdoutFile`: standard output goes to that file and is read back once the command exited. A
 * command that prints a large text and exits at once (`n8n execute --rawOutput`) loses the tail of
 * it in a pipe; a file keeps all of it.
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, onLine?: (line: string) => void, input?: string, stdoutFile?: string }} [opts]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string }>}
 */
function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const outFd = opts.stdoutFile ? fs.openSync(opts.stdoutFile, 'w') : undefined;
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['pipe', outFd ?? 'pipe', 'pipe'],
			detached: true,
		});
		// The child has its own copy of the descriptor.
		if (outFd !== undefined) fs.closeSync(outFd);
		live.add(child);
		let stdout = '';
		let stderr = '';
		let timer;
		const lines = (chunk) => {
			if (!opts.onLine) return;
			for (const line of chunk.toString().split('\n')) if (line.trim()) opts.onLine(line);
		};
		child.stdout?.on('data', (c) => {
			stdout += c;
			lines(c);
		});
		child.stderr.on('data', (c) => {
			stderr += c;
			lines(c);
		});
		child.on('error', (err) => {
			live.delete(child);
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			live.delete(child);
			clearTimeout(timer);
			if (opts.stdoutFile) stdout = fs.readFileSync(opts.stdoutFile, 'utf8');
			resolve({ code, signal, stdout, stderr });
		});
		if (opts.timeoutMs) {
			timer = setTimeout(() => killGroup(child, 'SIGKILL'), opts.timeoutMs);
		}
		child.stdin.end(opts.input ?? '');
	});
}

/** Like {@link run} but rejects unless the command exits with 0. */
async function runOk(cmd, args, opts = {}) {
	const res = await run(cmd, args, opts);
	if (res.code !== 0) {
		const tail = (res.stderr || res.stdout).split('\n').slice(-40).join('\n');
		const err = new Error(`${[cmd, ...args].join(' ')} exited with ${res.code ?? res.signal}\n${tail}`);
		Object.assign(err, res);
		throw err;
	}
	return res;
}

/**
 * Starts a long-running process (n8n, the sandbox CLI) in its own process group.
 * @returns {import('node:child_process').ChildProcess}
 */
function startDetached(cmd, args, opts = {}) {
	const child = spawn(cmd, args, {
		cwd: opts.cwd,
		env: opts.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	live.add(child);
	child.on('exit', () => live.delete(child));
	return child;
}

function killGroup(child, signal = 'SIGTERM') {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/**
 * Stops a process group: SIGTERM first so n8n can shut down cleanly, SIGKILL after graceMs.
 * @param {import('node:child_process').ChildProcess} child
 */
async function stopProcess(child, graceMs = 15000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	// The leader may be gone while grandchildren linger; make sure the whole group is.
	killGroup(child, 'SIGKILL');
}

/** Kills every child still alive: the last resort when the parent itself is going away. */
function killAllSync() {
	for (const child of live) killGroup(child, 'SIGKILL');
}

/** Asks the OS for a free TCP port on the loopback interface. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { run, runOk, startDetached, stopProcess, killAllSync, freePort, sleep };
