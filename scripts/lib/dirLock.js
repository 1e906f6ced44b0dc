// A cross-process lock on a folder, for installs and builds that jest workers, `npm start`, lint
// and scan may start side by side: `mkdir` is atomic, and a lock whose owner process is gone is
// taken over.
const fs = require('fs');
const path = require('path');

const REPORT_EVERY_MS = 30_000;

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

/** Takes the lock (returns its release) or says who holds it. */
function tryLock(lockDir) {
	try {
		fs.mkdirSync(lockDir);
		fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
		return { release: () => fs.rmSync(lockDir, { recursive: true, force: true }) };
	} catch (err) {
		if (err.code !== 'EEXIST') throw err;
		let owner = NaN;
		try {
			owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
		} catch {
			/* being written or removed right now */
		}
		if (owner && !isAlive(owner)) {
			fs.rmSync(lockDir, { recursive: true, force: true });
			return tryLock(lockDir);
		}
		return { owner };
	}
}

function waiter(lockDir, { onWait, timeoutMs }) {
	const started = Date.now();
	let reported = -REPORT_EVERY_MS;
	return (owner) => {
		const waited = Date.now() - started;
		if (timeoutMs && waited > timeoutMs) throw new Error(`gave up waiting for ${lockDir} (held by pid ${owner})`);
		if (onWait && waited - reported >= REPORT_EVERY_MS) {
			reported = waited;
			onWait(owner);
		}
	};
}

/** Runs `fn` holding the lock, waiting for it without blocking the event loop. */
async function withDirLock(lockDir, fn, options = {}) {
	const wait = waiter(lockDir, options);
	for (;;) {
		const attempt = tryLock(lockDir);
		if (attempt.release) {
			try {
				return await fn();
			} finally {
				attempt.release();
			}
		}
		wait(attempt.owner);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** Takes the lock synchronously (for synchronous scripts) and returns its release. */
function lockDirSync(lockDir, options = {}) {
	const wait = waiter(lockDir, options);
	for (;;) {
		const attempt = tryLock(lockDir);
		if (attempt.release) return attempt.release;
		wait(attempt.owner);
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
	}
}

module.exports = { withDirLock, lockDirSync };
