import { TURN_SLOT_MS, TURN_SLOTS } from '../../nodes/shared/limits';
import type { RequestContext } from '../../nodes/shared/provider';
import type { CredentialState } from '../../nodes/shared/transport/credential';
import { nextSlotStart, turnSlot } from '../../nodes/shared/transport/turns';

/** Expressions the node asked n8n to evaluate: none may read the environment (`$env`). */
let expressions: string[] = [];
beforeEach(() => {
	expressions = [];
});

/** An execution of an n8n whose refresh helper does not coordinate processes (n8n 1.x). */
const execution = (id: string, helpers: object = {}) =>
	({
		getExecutionId: () => id,
		helpers,
		evaluateExpression: (expression: string) => {
			expressions.push(expression);
			throw new Error('access to env vars denied');
		},
	}) as unknown as RequestContext;

/** A stored OAuth2 credential, with or without "Take Turns to Refresh". */
const credential = (takeTurnsToRefresh?: boolean) =>
	({ credentials: takeTurnsToRefresh === undefined ? {} : { takeTurnsToRefresh } }) as unknown as CredentialState;

const slotOf = (id: number) => turnSlot(execution(String(id)), credential(true))!;

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

	it('takes no turn where nothing races: n8n coordinates refreshes itself, or no execution', () => {
		expect(turnSlot(execution('7', { getSecureEgressFilter: () => undefined }), credential(true))).toBeUndefined();
		expect(turnSlot(execution('exec-test'), credential(true))).toBeUndefined();
		expect(turnSlot({ helpers: {} } as unknown as RequestContext, credential(true))).toBeUndefined();
	});

	it.each([
		['left at its default (not stored)', undefined, false],
		['off', false, false],
		['on', true, true],
	])(
		'takes turns as the credential says, never reading the environment: "Take Turns to Refresh" %s',
		(_label, takeTurnsToRefresh, takesTurns) => {
			// Env access blocked (N8N_BLOCK_ENV_ACCESS_IN_NODE=true): a single process must still not wait.
			expect(turnSlot(execution('42'), credential(takeTurnsToRefresh)) !== undefined).toBe(takesTurns);
			expect(turnSlot(execution('43'), credential(takeTurnsToRefresh)) !== undefined).toBe(takesTurns);
			expect(expressions).toEqual([]);
		},
	);
});
