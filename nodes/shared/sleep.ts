import * as n8nWorkflow from 'n8n-workflow';
import { ManualExecutionCancelledError, sleep } from 'n8n-workflow';

type SleepWithAbort = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * n8n-workflow 1.x exports `sleepWithAbort`; the n8n-workflow of n8n 2.x no longer does (it moved
 * to an internal package), and calling it there failed every request that had to wait.
 */
const provided = (n8nWorkflow as unknown as { sleepWithAbort?: SleepWithAbort }).sleepWithAbort;

/**
 * Waits `ms`, or less when `signal` aborts first (then rejects as n8n does for a cancelled
 * execution). Without `sleepWithAbort` the underlying timer runs out on its own; only the wait ends.
 */
export async function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (provided) return await provided(ms, signal);
	if (signal.aborted) throw new ManualExecutionCancelledError('');
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => reject(new ManualExecutionCancelledError(''));
		signal.addEventListener('abort', onAbort, { once: true });
		void sleep(ms).then(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		});
	});
}
