import type { ApiRequest, ProviderApi } from '../provider';

/**
 * What a user must be told about a write that failed: that it was not applied (safe to run again),
 * or that it may have been. The one wording of it; every error about a write takes it from here.
 * A write whose outcome is not known for sure is never reported as not applied.
 */

/** `no`: the provider never processed it; `maybe`: its outcome is unknown. */
export type WriteOutcome = 'no' | 'maybe';

/** Whether sending the request again could change something twice. */
export const isWrite = (request: ApiRequest) =>
	!(request.safe ?? (request.method === 'GET' || request.method === 'HEAD'));

/** Errors of requests the provider refused before processing them (a 401 whose refresh failed). */
const notAppliedErrors = new WeakSet<object>();

export function markNotApplied<T>(error: T): T {
	if (typeof error === 'object' && error !== null) notAppliedErrors.add(error);
	return error;
}

export function wasNotApplied(error: unknown): boolean {
	return typeof error === 'object' && error !== null && notAppliedErrors.has(error);
}

/** The sentence for a failed write, or `undefined` for a read or an outcome that needs no word. */
export function writeOutcomeHint(api: ProviderApi, request: ApiRequest, applied: WriteOutcome | undefined): string | undefined {
	if (!isWrite(request) || !applied) return undefined;
	return applied === 'no'
		? `The change was not applied: ${api.displayName} refused the request before processing it. It is safe to run this again.`
		: `The change may or may not have been applied by ${api.displayName}; check before running this again.`;
}
