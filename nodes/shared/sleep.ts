import * as workflow from 'n8n-workflow';
import { ManualExecutionCancelledError, sleep } from 'n8n-workflow';

type SleepWithAbort = (ms: number, signal: AbortSignal) => Promise<void>;

/** How often the fallback below looks at the signal: its timers never outlive an abort by more. */
const ABORT_CHECK_MS = 200;

/**
 * Waits `ms`, or rejects as n8n does for a cancelled execution (`ManualExecutionCancelledError`)
 * once `signal` aborts. n8n-workflow 1.x does this with `sleepWithAbort`; the n8n-workflow that
 * n8n 2.x loads (2.41) no longer exports it, so there it waits in short `sleep`s, which both have.
 */
export async function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
	const native = (workflow as { sleepWithAbort?: SleepWithAbort }).sleepWithAbort;
	if (typeof native === 'function') return await native(ms, signal);
	const until = Date.now() + ms;
	for (;;) {
		if (signal.aborted) throw new ManualExecutionCancelledError('');
		const left = until - Date.now();
		if (left <= 0) return;
		await sleep(Math.min(left, ABORT_CHECK_MS));
	}
}
