import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_IN_FLIGHT_PER_CREDENTIAL } from '../limits';
import { waitUnless } from './wait';

/**
 * Requests in flight per credential, across every node and execution of this process, so that
 * many items (or many workflows) never flood a provider; and one pause per credential after a
 * 429, so that a rate limit slows the whole credential down instead of one request.
 */
interface CredentialLane {
	inFlight: number;
	waiting: Array<() => void>;
	pausedUntil: number;
}

const lanes = new Map<string, CredentialLane>();

function laneOf(credentialKey: string): CredentialLane {
	let lane = lanes.get(credentialKey);
	if (!lane) {
		lane = { inFlight: 0, waiting: [], pausedUntil: 0 };
		lanes.set(credentialKey, lane);
	}
	return lane;
}

/** Runs `send` when the credential has a free slot and no rate-limit pause is under way. */
export async function withCredentialSlot<T>(
	node: INode,
	credentialKey: string,
	send: () => Promise<T>,
	signal?: AbortSignal,
): Promise<T> {
	const lane = laneOf(credentialKey);
	if (lane.inFlight >= MAX_IN_FLIGHT_PER_CREDENTIAL) {
		await new Promise<void>((resolve) => lane.waiting.push(resolve));
	} else {
		lane.inFlight++;
	}
	try {
		const pause = lane.pausedUntil - Date.now();
		if (pause > 0 && !(await waitUnless(pause, () => signal?.aborted === true))) throw cancelled(node);
		return await send();
	} finally {
		// Hand the slot straight to the next waiter, or free it.
		const next = lane.waiting.shift();
		if (next) next();
		else lane.inFlight--;
		if (lane.inFlight === 0 && lane.pausedUntil < Date.now()) lanes.delete(credentialKey);
	}
}

/** The execution was cancelled while it waited for a rate limit to pass. */
export function cancelled(node: INode): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled while waiting for the rate limit to pass');
}

/** After a 429: every request of this credential waits until `untilMs` before it is sent. */
export function pauseCredential(credentialKey: string, untilMs: number): void {
	const lane = laneOf(credentialKey);
	lane.pausedUntil = Math.max(lane.pausedUntil, untilMs);
}
