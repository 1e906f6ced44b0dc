/**
 * The secret audit: every test process appends what a user could see (node outputs, error
 * messages and descriptions, logs) and every secret in play (client secrets, issued tokens) to
 * files in SECRET_AUDIT_DIR; `test/audit/secrets.audit.test.ts` then checks the whole run.
 */
import { appendFileSync, mkdirSync } from 'fs';
import { join } from 'path';

const dir = process.env.SECRET_AUDIT_DIR;
if (dir) mkdirSync(dir, { recursive: true });

function append(kind: 'artifacts' | 'secrets', record: unknown) {
	if (!dir) return;
	appendFileSync(join(dir, `${kind}-${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
}

export function recordSecret(secret: string | undefined) {
	if (secret) append('secrets', secret);
}

/** Anything a user or an operator could read: outputs, errors, log text. */
export function recordArtifact(label: string, value: unknown) {
	append('artifacts', { label, value: typeof value === 'string' ? value : safeStringify(value) });
}

/** An error as n8n would show it: message, description, and the details panel's JSON. */
export function recordError(label: string, error: unknown) {
	if (error && typeof error === 'object') {
		const e = error as Record<string, unknown>;
		recordArtifact(label, {
			message: e.message,
			description: e.description,
			context: e.context,
			errorResponse: e.errorResponse,
			cause: e.cause instanceof Error ? { message: e.cause.message } : e.cause,
			stack: e.stack,
			json: safeStringify(error),
		});
	} else {
		recordArtifact(label, String(error));
	}
}

function safeStringify(value: unknown): string {
	const seen = new WeakSet();
	try {
		return JSON.stringify(value, (_key, v) => {
			if (v && typeof v === 'object') {
				if (seen.has(v)) return '[circular]';
				seen.add(v);
			}
			return v;
		});
	} catch {
		return String(value);
	}
}
