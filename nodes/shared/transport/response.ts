import type { IDataObject } from 'n8n-workflow';

import { redact } from './redact';

/** A response header by its lower-case name, whatever case the server used. */
export function headerOf(headers: IDataObject | undefined, name: string): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
	return entry === undefined ? undefined : String(entry[1]);
}

/** How long a `Retry-After` header asks to wait, in milliseconds (seconds or an HTTP date). */
export function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const raw = headerOf(headers, 'retry-after');
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** A body as received: text (we ask n8n for text), or whatever a helper already parsed. */
export function parseBody(raw: unknown): { ok: true; value: unknown } | { ok: false } {
	if (raw === undefined || raw === null) return { ok: true, value: undefined };
	if (typeof raw !== 'string') return { ok: true, value: raw };
	const text = raw.trim();
	if (text === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/**
 * An error body with every secret taken out before anything reads, cuts or shows a part of it:
 * a provider that echoes the token it was sent must not leave a prefix of it in a message.
 */
export function redactedBody(raw: unknown, secrets: string[]): unknown {
	if (typeof raw === 'string') return redact(raw, secrets);
	if (raw === undefined || raw === null) return raw;
	try {
		return JSON.parse(redact(JSON.stringify(raw), secrets));
	} catch {
		return undefined;
	}
}

export function describeUnparseable(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (/^<(!doctype|html)/i.test(text)) return 'the answer was an HTML page instead of JSON';
	return 'the answer was not valid JSON';
}
