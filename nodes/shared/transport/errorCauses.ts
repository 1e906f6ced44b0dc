import type { ProviderErrorDetails } from '../provider';

/**
 * Reading what a caught error or an error body carries. Nothing is guaranteed: n8n, axios, Node and
 * every provider shape errors their own way, so every field is checked before use.
 */

export interface ErrorLike {
	message?: unknown;
	messages?: unknown;
	code?: unknown;
	description?: unknown;
	body?: { error?: unknown };
	response?: { status?: unknown; headers?: unknown; data?: unknown };
	cause?: unknown;
	error?: unknown;
	reason?: unknown;
}

/** Walks an error's `cause` chain (n8n wraps errors up to three times). */
export function findInCauses<T>(error: unknown, pick: (candidate: ErrorLike) => T | undefined): T | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as ErrorLike;
		const picked = pick(candidate);
		if (picked !== undefined) return picked;
		current = candidate.cause ?? candidate.error ?? candidate.reason;
	}
	return undefined;
}

/** The first string found under any of `keys` in a JSON error body, searched one level deep. */
export function pickErrorDetails(
	body: unknown,
	messageKeys: string[],
	codeKeys: string[],
): ProviderErrorDetails {
	if (typeof body === 'string') return { message: body.slice(0, 300) };
	if (!body || typeof body !== 'object') return {};
	const layers = [body as Record<string, unknown>];
	for (const value of Object.values(body as Record<string, unknown>)) {
		if (value && typeof value === 'object' && !Array.isArray(value)) layers.push(value as Record<string, unknown>);
	}
	const pick = (keys: string[]) => {
		for (const layer of layers) {
			for (const key of keys) {
				const value = layer[key];
				if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 500);
				if (typeof value === 'number') return String(value);
			}
		}
		return undefined;
	};
	return { message: pick(messageKeys), code: pick(codeKeys) };
}
