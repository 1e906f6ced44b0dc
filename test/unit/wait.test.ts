import { waitUnless } from '../../nodes/shared/transport/wait';

describe('waitUnless (works where n8n-workflow has no sleepWithAbort, as on n8n 2.x)', () => {
	it('waits the full time when nothing stops it', async () => {
		const started = Date.now();
		expect(await waitUnless(120, () => false)).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
	});

	it('ends within one slice once it is told to stop, saying it did not wait the full time', async () => {
		let stop = false;
		const started = Date.now();
		const waiting = waitUnless(10_000, () => stop);
		setTimeout(() => (stop = true), 100);
		expect(await waiting).toBe(false);
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('does not wait at all when already stopped', async () => {
		const started = Date.now();
		expect(await waitUnless(10_000, () => true)).toBe(false);
		expect(Date.now() - started).toBeLessThan(50);
	});
});
