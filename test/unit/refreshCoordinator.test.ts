import { coordinateRefresh, refreshSettled, tokenFingerprint } from '../../nodes/shared/refreshCoordinator';

describe('coordinateRefresh', () => {
	it('lets one of many concurrent callers lead; the others follow after it settles', async () => {
		const order: string[] = [];
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const calls = Array.from({ length: 5 }, (_, n) =>
			coordinateRefresh(
				'cred:1',
				async () => {
					order.push(`lead ${n}`);
					await gate;
					return 'led';
				},
				async () => {
					order.push(`follow ${n}`);
					return 'followed';
				},
			),
		);
		await Promise.resolve();
		expect(order).toEqual(['lead 0']);
		release();
		expect(await Promise.all(calls)).toEqual(['led', 'followed', 'followed', 'followed', 'followed']);
	});

	it('keeps credentials apart and lets a later refresh lead again', async () => {
		const results = await Promise.all([
			coordinateRefresh('cred:a', async () => 'a', async () => 'x'),
			coordinateRefresh('cred:b', async () => 'b', async () => 'x'),
		]);
		expect(results).toEqual(['a', 'b']);
		await refreshSettled('cred:a');
		expect(await coordinateRefresh('cred:a', async () => 'again', async () => 'x')).toBe('again');
	});

	it('settles even when the leader fails', async () => {
		const failing = coordinateRefresh('cred:c', async () => { throw new Error('boom'); }, async () => 'x');
		const following = coordinateRefresh('cred:c', async () => 'lead', async () => 'follow');
		await expect(failing).rejects.toThrow('boom');
		await expect(following).resolves.toBe('follow');
	});

	it('fingerprints tokens without keeping them', () => {
		expect(tokenFingerprint('at_secret')).toMatch(/^[0-9a-f]{16}$/);
		expect(tokenFingerprint('at_secret')).not.toContain('secret');
		expect(tokenFingerprint('')).toBe('');
	});
});
