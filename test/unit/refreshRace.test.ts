import { nextSlotStart, refreshSlot, settleBeforeRefresh } from '../../nodes/shared/refreshRace';

/** A fake clock: `wait` advances it, `at` schedules what another process stores meanwhile. */
function clock(start: number) {
	let now = start;
	const events: Array<{ at: number; run: () => void }> = [];
	return {
		now: () => now,
		wait: async (ms: number) => {
			now += ms;
			for (const e of events.filter((e) => e.at <= now)) {
				e.run();
				events.splice(events.indexOf(e), 1);
			}
		},
		at: (at: number, run: () => void) => events.push({ at, run }),
	};
}

describe('refreshSlot', () => {
	it('spreads execution ids over the cycle, and gives no slot without a numeric id', () => {
		expect(refreshSlot('41', 20)).toBe(7);
		expect(refreshSlot(60, 20)).toBe(0);
		// Neighbouring ids, the usual pair of leaders on two workers, are far apart.
		const apart = Math.abs(refreshSlot('42', 20)! - refreshSlot('43', 20)!);
		expect(Math.min(apart, 20 - apart)).toBe(7);
		expect(refreshSlot(undefined, 20)).toBeUndefined();
		expect(refreshSlot('exec-test', 20)).toBeUndefined();
		expect(refreshSlot('12abc', 20)).toBeUndefined();
	});

	it('gives every execution of a burst up to the cycle length its own slot', () => {
		const slots = Array.from({ length: 20 }, (_, n) => refreshSlot(String(1017 + n), 20));
		expect(new Set(slots).size).toBe(20);
	});
});

describe('nextSlotStart', () => {
	it('is the start of the slot strictly after now, on the shared clock', () => {
		// Cycle of 4 slots of 100 ms: slot k starts at 400n + 100k.
		expect(nextSlotStart(1000, 0, 100, 4)).toBe(1200);
		expect(nextSlotStart(1000, 2, 100, 4)).toBe(1400);
		expect(nextSlotStart(1050, 3, 100, 4)).toBe(1100);
		expect(nextSlotStart(1100, 3, 100, 4)).toBe(1500);
	});

	it('keeps leaders with different slots at least one slot apart, whenever each starts waiting', () => {
		for (const [a, b] of [
			[1000, 1040],
			[1090, 1010],
			[1399, 1001],
		]) {
			const ta = nextSlotStart(a, 1, 100, 4);
			const tb = nextSlotStart(b, 2, 100, 4);
			expect(Math.abs(ta - tb)).toBeGreaterThanOrEqual(100);
		}
	});
});

describe('settleBeforeRefresh', () => {
	const options = (c: ReturnType<typeof clock>, ticket: string) => ({ ticket, slotMs: 100, slots: 4, pollMs: 50, now: c.now, wait: c.wait });

	it('leads at its slot when nobody else stored a token', async () => {
		const c = clock(1000);
		const reads: number[] = [];
		const settled = await settleBeforeRefresh(async () => (reads.push(c.now()), 'old'), 'old', options(c, '6'));
		expect(settled).toBe(false);
		// Slot 2 after 1000 starts at 1400; re-read while waiting and once at the turn.
		expect(c.now()).toBe(1400);
		expect(reads[reads.length - 1]).toBe(1400);
		expect(reads.length).toBeGreaterThan(2);
	});

	it('stops waiting as soon as another process has stored a new token', async () => {
		const c = clock(1000);
		let stored = 'old';
		c.at(1130, () => (stored = 'new'));
		const settled = await settleBeforeRefresh(async () => stored, 'old', options(c, '6'));
		expect(settled).toBe(true);
		expect(c.now()).toBe(1150);
	});

	it('two processes at once: the earlier slot refreshes, the later one finds its token', async () => {
		// Real `sleep` and `Date.now`, on jest's fake clock shared by both "processes".
		jest.useFakeTimers({ now: 1000 });
		try {
			let stored = 'old';
			const refreshes: string[] = [];
			const leader = async (ticket: string) => {
				const other = await settleBeforeRefresh(async () => stored, 'old', { ticket, slotMs: 100, slots: 4, pollMs: 50 });
				if (!other) {
					refreshes.push(ticket);
					// The refresh and its save take less than a slot.
					setTimeout(() => (stored = `new from ${ticket}`), 60);
				}
				return other;
			};
			// Both start at 1000: execution 9 has slot 3 (its turn at 1100), execution 10 slot 2 (1400).
			const both = Promise.all([leader('9'), leader('10')]);
			await jest.advanceTimersByTimeAsync(1000);
			expect(await both).toEqual([false, true]);
			expect(refreshes).toEqual(['9']);
			expect(stored).toBe('new from 9');
		} finally {
			jest.useRealTimers();
		}
	});

	it('leads at once without an execution id (editor requests)', async () => {
		const c = clock(1000);
		const reload = jest.fn(async () => 'old');
		expect(await settleBeforeRefresh(reload, 'old', options(c, 'exec-test'))).toBe(false);
		expect(c.now()).toBe(1000);
		expect(reload).not.toHaveBeenCalled();
	});
});
