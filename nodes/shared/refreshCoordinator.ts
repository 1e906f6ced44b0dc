import { createHash } from 'crypto';

/**
 * One token refresh per credential at a time, in this process.
 *
 * n8n 1.x refreshes an OAuth2 token inside `httpRequestWithAuthentication` whenever a request
 * gets a 401, with no lock: ten concurrent requests with an expired token spend the same
 * single-use refresh token ten times, and all but the first break the credential. n8n 2.x locks,
 * but neither version de-duplicates the very first client-credentials token fetch. So the
 * transport lets only one request per credential trigger n8n's refresh; the others wait for it
 * and then go on with the token it stored.
 *
 * Only fingerprints of tokens are kept here, never tokens.
 */
const flights = new Map<string, Promise<void>>();

export function tokenFingerprint(token: unknown): string {
	if (typeof token !== 'string' || token === '') return '';
	return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/** Resolves once no refresh of this credential is under way (immediately if none is). */
export async function refreshSettled(credentialKey: string): Promise<void> {
	await flights.get(credentialKey);
}

/**
 * Runs `leader` when no refresh of this credential is under way; otherwise waits for the running
 * one and runs `follower`, which retries with whatever token the leader stored. The check and the
 * claim happen in one synchronous step, so two requests can never both lead.
 */
export async function coordinateRefresh<T>(
	credentialKey: string,
	leader: () => Promise<T>,
	follower: () => Promise<T>,
): Promise<T> {
	const running = flights.get(credentialKey);
	if (running) {
		await running;
		return await follower();
	}
	let settle!: () => void;
	const flight = new Promise<void>((resolve) => (settle = resolve));
	flights.set(credentialKey, flight);
	try {
		return await leader();
	} finally {
		flights.delete(credentialKey);
		settle();
	}
}
