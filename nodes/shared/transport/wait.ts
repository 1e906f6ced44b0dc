import { sleep } from 'n8n-workflow';

/**
 * How often a wait looks whether it should end early. n8n-workflow's `sleep` cannot be cancelled
 * (`sleepWithAbort` exists in 1.x only, and nodes may not use timers themselves), so a wait is cut
 * into slices: it ends at most this long after it should, and no timer outlives it by more.
 */
const SLICE_MS = 250;

/** Waits `ms`, or less if `stop()` turns true first; says whether it waited the full time. */
export async function waitUnless(ms: number, stop: () => boolean): Promise<boolean> {
	const end = Date.now() + ms;
	for (;;) {
		if (stop()) return false;
		const left = end - Date.now();
		if (left <= 0) return true;
		await sleep(Math.min(left, SLICE_MS));
	}
}
