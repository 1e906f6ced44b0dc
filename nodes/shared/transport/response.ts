import type { IDataObject } from 'n8n-workflow';

import { redact, redactDeep } from './redact';

/** A response header by its lower-case name, whatever case the server used. */
export function headerOf(headers: IDataObject | undefined, name: string): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
	return entry === undefined ? undefined : String(entry[1]);
}

/** An HTTP date as `Retry-After` carries it (RFC 9110: IMF-fixdate, or the obsolete forms). */
const HTTP_DATE = /^[A-Za-z]{3},? ?\d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$|^[A-Za-z]{3} [A-Za-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * How long a `Retry-After` header asks to wait, in milliseconds: whole seconds, or an HTTP date.
 * Anything else (empty, negative, "5,5", a date already past) asks for nothing usable, so the
 * caller's back-off applies rather than a retry at once.
 */
export function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const raw = headerOf(headers, 'retry-after')?.trim();
	if (!raw) return undefined;
	if (/^\d+$/.test(raw)) {
		const seconds = Number(raw);
		return seconds > 0 ? seconds * 1000 : undefined;
	}
	if (!HTTP_DATE.test(raw)) return undefined;
	const wait = Date.parse(raw) - Date.now();
	return Number.isFinite(wait) && wait > 0 ? wait : undefined;
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
 * An error body with every secret taken out before anything reads, cuts or shows a part of it: in
 * the raw text (a provider that echoes the token it was sent must not leave a prefix of it in a
 * message) and again in every string once parsed, since JSON escapes (`\/`, `\u…`) hide a secret
 * from the raw text.
 */
export function redactedBody(raw: unknown, secrets: string[]): unknown {
	if (raw === undefined || raw === null) return raw;
	const text = redact(typeof raw === 'string' ? raw : JSON.stringify(raw), secrets);
	try {
		return redactDeep(JSON.parse(text), secrets);
	} catch {
		return typeof raw === 'string' ? text : undefined;
	}
}

export function describeUnparseable(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (/^<(!doctype|html)/i.test(text)) return 'the answer was an HTML page instead of JSON';
	return 'the answer was not valid JSON';
}
