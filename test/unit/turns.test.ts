import { TURN_SLOT_MS, TURN_SLOTS } from '../../nodes/shared/limits';
import type { RequestContext } from '../../nodes/shared/provider';
import { nextSlotStart, turnSlot } from '../../nodes/shared/transport/turns';

/** An execution of an n8n whose refresh helper does not coordinate processes, in queue mode. */
const execution = (id: string, helpers: object = {}, env: { mode: string | Error | undefined } = { mode: 'queue' }) =>
	({
		getExecutionId: () => id,
		helpers,
		evaluateExpression: () => {
			if (env.mode instanceof Error) throw env.mode;
			return env.mode;
		},
	}) as unknown as RequestContext;

const slotOf = (id: number) => turnSlot(execution(String(id)))!;

describe('turns across processes (n8n 1.x queue mode)', () => {
	it('gives executions whose ids are fewer than TURN_SLOTS apart different slots, whatever the pair', () => {
		for (let base = 5000; base < 5000 + TURN_SLOTS; base++) {
			for (let gap = 1; gap < TURN_SLOTS; gap++) expect(slotOf(base + gap)).not.toBe(slotOf(base));
		}
	});

	it('makes a slot long enough for a one-second token request and its save, so neighbouring slots never overlap', () => {
		// The pair of the issue: ids 3 apart got slots 300 ms apart.
		const gap = Math.abs(nextSlotStart(0, slotOf(5003)) - nextSlotStart(0, slotOf(5000)));
		expect(gap).toBeGreaterThanOrEqual(TURN_SLOT_MS);
		expect(TURN_SLOT_MS).toBeGreaterThanOrEqual(1_500);
	});

	it('starts a turn at the next start of its own slot on the wall clock', () => {
		const cycle = TURN_SLOT_MS * TURN_SLOTS;
		expect(nextSlotStart(0, 0)).toBe(cycle);
		expect(nextSlotStart(1, 3)).toBe(3 * TURN_SLOT_MS);
		expect(nextSlotStart(3 * TURN_SLOT_MS, 3)).toBe(3 * TURN_SLOT_MS + cycle);
	});

	it('takes no turn where nothing races: n8n coordinates refreshes itself, one process, or no execution', () => {
		expect(turnSlot(execution('7', { getSecureEgressFilter: () => undefined }))).toBeUndefined();
		expect(turnSlot(execution('exec-test'))).toBeUndefined();
		expect(turnSlot({ helpers: {} } as unknown as RequestContext)).toBeUndefined();
	});

	it.each([
		['regular', false],
		[undefined, false],
		['queue', true],
		[new Error('access to env vars denied'), true],
	])('reads queue mode from $env.EXECUTIONS_MODE once per process: %s → turns %s', (mode, takesTurns) => {
		jest.isolateModules(() => {
			// A process of its own: the mode is read once and kept.
			const { turnSlot: slotInProcess } = require('../../nodes/shared/transport/turns') as typeof import('../../nodes/shared/transport/turns');
			expect(slotInProcess(execution('42', {}, { mode })) !== undefined).toBe(takesTurns);
			expect(slotInProcess(execution('43')) !== undefined).toBe(takesTurns);
		});
	});
});
