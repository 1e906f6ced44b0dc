import { joinRefresh, refreshSettled, tokenFingerprint } from '../../nodes/shared/refreshCoordinator';

describe('joinRefresh', () => {
	it('lets one of many concurrent callers lead; the others get its outcome', async () => {
		const order: string[] = [];
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const calls = Array.from({ length: 5 }, (_, n) =>
			joinRefresh(
				'cred:1',
				async () => {
					order.push(`lead ${n}`);
					await gate;
					return { outcome: 'refreshed' as const, value: `led by ${n}` };
				},
				10_000,
			),
		);
		await Promise.resolve();
		expect(order).toEqual(['lead 0']);
		release();
		const joined = await Promise.all(calls);
		expect(joined[0]).toEqual({ led: true, outcome: 'refreshed', value: 'led by 0' });
		expect(joined.slice(1)).toEqual(Array(4).fill({ led: false, outcome: 'refreshed', failure: undefined }));
	});

	it('keeps credentials apart and lets a later refresh lead again', async () => {
		const lead = (value: string) => async () => ({ outcome: 'refreshed' as const, value });
		const results = await Promise.all([joinRefresh('cred:a', lead('a'), 1000), joinRefresh('cred:b', lead('b'), 1000)]);
		expect(results.map((r) => r.led)).toEqual([true, true]);
		expect(await refreshSettled('cred:a')).toBe(false);
		expect(await joinRefresh('cred:a', lead('again'), 1000)).toMatchObject({ led: true, value: 'again' });
	});

	it('settles as failed when the leader throws, so a follower can take over', async () => {
		const failing = joinRefresh('cred:c', async () => { throw new Error('boom'); }, 1000);
		const following = joinRefresh('cred:c', async () => ({ outcome: 'refreshed' as const }), 1000);
		expect(await failing).toMatchObject({ led: true, outcome: 'failed' });
		expect(await following).toMatchObject({ led: false, outcome: 'failed' });
	});

	it('releases followers when a lead hangs past its budget, and the next caller leads afresh', async () => {
		const hung = joinRefresh('cred:d', async () => await new Promise<never>(() => undefined), 50);
		const follower = joinRefresh('cred:d', async () => ({ outcome: 'refreshed' as const }), 50);
		expect(await hung).toMatchObject({ led: true, outcome: 'timedOut' });
		expect(await follower).toMatchObject({ led: false, outcome: 'timedOut' });
		expect(await joinRefresh('cred:d', async () => ({ outcome: 'refreshed' as const, value: 1 }), 50)).toMatchObject({
			led: true,
			value: 1,
		});
	});

	it('fingerprints tokens without keeping them', () => {
		expect(tokenFingerprint('at_secret')).toMatch(/^[0-9a-f]{16}$/);
		expect(tokenFingerprint('at_secret')).not.toContain('secret');
		expect(tokenFingerprint('')).toBe('');
	});
});
