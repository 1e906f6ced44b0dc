/**
 * sleepUnlessAborted as the nodes meet it in n8n 2.x, whose n8n-workflow has no `sleepWithAbort`
 * (n8n-workflow is replaced by one without it; the function under test is the real one).
 */
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleepWithAbort: undefined }));

import { ManualExecutionCancelledError } from 'n8n-workflow';

import { sleepUnlessAborted } from '../../nodes/shared/sleep';

describe('sleepUnlessAborted without n8n-workflow 1.x sleepWithAbort (n8n 2.x)', () => {
	it('waits the whole time when nothing aborts', async () => {
		const started = Date.now();
		await sleepUnlessAborted(450, new AbortController().signal);
		expect(Date.now() - started).toBeGreaterThanOrEqual(445);
	});

	it('rejects as a cancelled execution soon after the signal aborts', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const waiting = sleepUnlessAborted(60_000, controller.signal);
		setTimeout(() => controller.abort(), 100);
		await expect(waiting).rejects.toBeInstanceOf(ManualExecutionCancelledError);
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('rejects at once when the signal is already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(sleepUnlessAborted(60_000, controller.signal)).rejects.toBeInstanceOf(ManualExecutionCancelledError);
	});
});
