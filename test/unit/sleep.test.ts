/**
 * n8n 2.x's n8n-workflow has no `sleepWithAbort`; the waits must work there too. The test loads
 * the module against an n8n-workflow without it, as 2.x ships it.
 */
import type * as SleepModule from '../../nodes/shared/sleep';

function loadWithout2xExport(): typeof SleepModule {
	let loaded!: typeof SleepModule;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => {
			const { sleepWithAbort: _gone, ...rest } = jest.requireActual<Record<string, unknown>>('n8n-workflow');
			return rest;
		});
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		expect((require('n8n-workflow') as Record<string, unknown>).sleepWithAbort).toBeUndefined();
		loaded = jest.requireActual<typeof SleepModule>('../../nodes/shared/sleep');
	});
	return loaded;
}

describe('sleepUnlessAborted without n8n-workflow sleepWithAbort (n8n 2.x)', () => {
	afterEach(() => jest.dontMock('n8n-workflow'));

	it('waits the time given', async () => {
		const { sleepUnlessAborted } = loadWithout2xExport();
		const started = Date.now();
		await sleepUnlessAborted(60, new AbortController().signal);
		expect(Date.now() - started).toBeGreaterThanOrEqual(55);
	});

	it('ends at once when the execution is cancelled, as n8n cancels', async () => {
		const { sleepUnlessAborted } = loadWithout2xExport();
		const controller = new AbortController();
		const started = Date.now();
		const waiting = sleepUnlessAborted(5_000, controller.signal);
		controller.abort();
		await expect(waiting).rejects.toMatchObject({ name: expect.stringMatching(/Cancel/i) });
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('refuses to wait for an execution already cancelled', async () => {
		const { sleepUnlessAborted } = loadWithout2xExport();
		const controller = new AbortController();
		controller.abort();
		await expect(sleepUnlessAborted(5_000, controller.signal)).rejects.toBeInstanceOf(Error);
	});
});
