import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_IN_FLIGHT_PER_CREDENTIAL, MAX_IN_FLIGHT_PER_LANE_USER } from '../limits';
import type { RequestContext } from '../provider';
import { waitUnless } from './wait';

/**
 * Requests in flight per credential, across every node and execution of this process, so that
 * many items (or many workflows) never flood a provider; and one pause per credential after a
 * 429, so that a rate limit slows the whole credential down instead of one request.
 *
 * The slots are shared between the lane's users (an execution, a trigger's polls, the editor's
 * list searches): a freed slot goes to the next user in turn, not to the oldest request, and no
 * user holds more than its share. So one execution whose requests hang holds up only itself.
 */
interface Waiter {
	grant: () => void;
	withdraw: () => void;
	signal?: AbortSignal;
}

/**
 * One user's waiting requests, in arrival order. A cancel withdraws them all with one listener
 * per signal (an execution has one), not one per request: Node warns of more than 10 on a signal.
 */
interface UserQueue {
	waiters: Waiter[];
	listeners: Map<AbortSignal, () => void>;
}

interface CredentialLane {
	inFlight: number;
	/** Slots held per user. */
	held: Map<string, number>;
	/** Requests waiting per user; the users in the order of their turns. */
	waiting: Map<string, UserQueue>;
	pausedUntil: number;
}

const lanes = new Map<string, CredentialLane>();

function laneOf(credentialKey: string): CredentialLane {
	let lane = lanes.get(credentialKey);
	if (!lane) {
		lane = { inFlight: 0, held: new Map(), waiting: new Map(), pausedUntil: 0 };
		lanes.set(credentialKey, lane);
	}
	return lane;
}

/**
 * Who a request counts for. List searches run outside any execution (their execution id is empty
 * or borrowed), so the editor is one user of its own; a poll without an execution id counts for
 * its trigger.
 */
function laneUserOf(ctx: RequestContext): string {
	if ('getCurrentNodeParameter' in ctx) return 'editor';
	const executionId = ctx.getExecutionId();
	if (executionId) return `execution ${executionId}`;
	return `workflow ${ctx.getWorkflow().id ?? ''} node ${ctx.getNode().name}`;
}

function mayTake(lane: CredentialLane, user: string): boolean {
	return lane.inFlight < MAX_IN_FLIGHT_PER_CREDENTIAL && (lane.held.get(user) ?? 0) < MAX_IN_FLIGHT_PER_LANE_USER;
}

function take(lane: CredentialLane, user: string): void {
	lane.inFlight++;
	lane.held.set(user, (lane.held.get(user) ?? 0) + 1);
}

/** Gives free slots to waiting users in turn; a user served goes to the back of the turns. */
function handOut(lane: CredentialLane): void {
	while (lane.inFlight < MAX_IN_FLIGHT_PER_CREDENTIAL) {
		const user = [...lane.waiting.keys()].find((candidate) => mayTake(lane, candidate));
		if (user === undefined) return;
		const queue = lane.waiting.get(user)!;
		const waiter = queue.waiters.shift()!;
		lane.waiting.delete(user);
		if (queue.waiters.length > 0) lane.waiting.set(user, queue);
		else stopListening(queue);
		take(lane, user);
		waiter.grant();
	}
}

function stopListening(queue: UserQueue): void {
	for (const [signal, listener] of queue.listeners) signal.removeEventListener('abort', listener);
	queue.listeners.clear();
}

/** A cancel ends the waits of its signal; waiters already granted own their slots and go on. */
function withdrawOnCancel(credentialKey: string, lane: CredentialLane, user: string, queue: UserQueue, signal: AbortSignal): void {
	if (queue.listeners.has(signal)) return;
	const listener = () => {
		queue.listeners.delete(signal);
		const cancelledWaiters = queue.waiters.filter((waiter) => waiter.signal === signal);
		queue.waiters = queue.waiters.filter((waiter) => waiter.signal !== signal);
		if (queue.waiters.length === 0 && lane.waiting.get(user) === queue) {
			lane.waiting.delete(user);
			stopListening(queue);
		}
		for (const waiter of cancelledWaiters) waiter.withdraw();
		forgetIfIdle(credentialKey, lane);
	};
	queue.listeners.set(signal, listener);
	signal.addEventListener('abort', listener, { once: true });
}

function release(lane: CredentialLane, credentialKey: string, user: string): void {
	lane.inFlight--;
	const held = (lane.held.get(user) ?? 1) - 1;
	if (held > 0) lane.held.set(user, held);
	else lane.held.delete(user);
	handOut(lane);
	forgetIfIdle(credentialKey, lane);
}

/** A lane with nothing in flight, nothing waiting and no pause is dropped: credentials come and go. */
function forgetIfIdle(credentialKey: string, lane: CredentialLane): void {
	const idle = lane.inFlight === 0 && lane.waiting.size === 0 && lane.pausedUntil < Date.now();
	if (idle && lanes.get(credentialKey) === lane) lanes.delete(credentialKey);
}

/** Waits for a slot of `user`; a cancelled execution stops waiting at once. */
async function acquire(credentialKey: string, lane: CredentialLane, user: string, node: INode, signal?: AbortSignal): Promise<void> {
	if (!lane.waiting.has(user) && mayTake(lane, user)) {
		take(lane, user);
		return;
	}
	await new Promise<void>((resolve, reject) => {
		let queue = lane.waiting.get(user);
		if (!queue) {
			queue = { waiters: [], listeners: new Map() };
			lane.waiting.set(user, queue);
		}
		queue.waiters.push({
			grant: resolve,
			withdraw: () => reject(cancelled(node, 'waiting for a free request slot of the credential')),
			signal,
		});
		if (signal) withdrawOnCancel(credentialKey, lane, user, queue, signal);
	});
}

/** Runs `send` when the credential has a free slot for this user and no rate-limit pause is under way. */
export async function withCredentialSlot<T>(
	ctx: RequestContext,
	credentialKey: string,
	send: () => Promise<T>,
	signal?: AbortSignal,
): Promise<T> {
	const node = ctx.getNode();
	if (signal?.aborted) throw cancelled(node, 'waiting for a free request slot of the credential');
	const user = laneUserOf(ctx);
	const lane = laneOf(credentialKey);
	await acquire(credentialKey, lane, user, node, signal);
	try {
		const pause = lane.pausedUntil - Date.now();
		if (pause > 0 && !(await waitUnless(pause, () => signal?.aborted === true))) throw cancelled(node);
		return await send();
	} finally {
		// Whatever `send` did (answered, threw, was cancelled), the slot goes back.
		release(lane, credentialKey, user);
	}
}

/** The execution was cancelled while it waited (by default, for a rate limit to pass). */
export function cancelled(node: INode, waitingFor = 'waiting for the rate limit to pass'): NodeOperationError {
	return new NodeOperationError(node, `The execution was cancelled while ${waitingFor}`);
}

/** After a 429: every request of this credential waits until `untilMs` before it is sent. */
export function pauseCredential(credentialKey: string, untilMs: number): void {
	const lane = laneOf(credentialKey);
	lane.pausedUntil = Math.max(lane.pausedUntil, untilMs);
}

/** Slots taken and requests waiting, over every credential of the process: none once all is done. */
export function lanesInUse(): { inFlight: number; waiting: number } {
	let inFlight = 0;
	let waiting = 0;
	for (const lane of lanes.values()) {
		inFlight += lane.inFlight;
		for (const queue of lane.waiting.values()) waiting += queue.waiters.length;
	}
	return { inFlight, waiting };
}
