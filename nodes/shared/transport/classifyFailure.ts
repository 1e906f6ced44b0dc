import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { findInCauses } from './errorCauses';

/**
 * What went wrong with a request or a token renewal, recognised in one place from the error that
 * was caught (the errors a user reads are built in requestErrors.ts and nodeErrors.ts). n8n 1.x wraps errors in a NodeApiError
 * whose `cause` is dropped, keeping only texts (`message`, `messages`, `httpCode`); 2.x keeps
 * causes. So failures are recognised by what every layer of the error says.
 */
export type Failure =
	/** The token endpoint refused the client (ID/secret, authentication method or scopes). */
	| { kind: 'clientRejected'; reason: string }
	/**
	 * The grant cannot renew the token: OAuth `invalid_grant`, n8n 2.x's "reconnect" error, or an
	 * authorization-code credential without a refresh token.
	 */
	| { kind: 'grantRejected' }
	/** No answer: refused or dropped connection, timeout. */
	| { kind: 'network'; code: string }
	/** The execution was cancelled by the user or n8n. */
	| { kind: 'cancelled' }
	| { kind: 'other' };

const TRANSIENT_NETWORK_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
];
const NETWORK_CODE = new RegExp(`\\b(${TRANSIENT_NETWORK_CODES.join('|')})\\b`);

const GRANT_REJECTED = /invalid_grant|needs to be reconnected|or refresh token is invalid, expired, revoked|No refresh token/i;

const CLIENT_REJECTED: Array<[RegExp, string]> = [
	[/invalid_client|Client authentication failed/i, 'invalid_client (client authentication failed)'],
	[
		/unauthorized_client|client is not authorized to request/i,
		'unauthorized_client (this grant type is not enabled for the client)',
	],
	[/invalid_scope|requested scope is invalid/i, 'invalid_scope (a requested scope is not allowed for the client)'],
];

const CANCELLED = /ManualExecutionCancelledError|ExecutionCancelledError|CanceledError|ERR_CANCELED|AbortError/;

/** Everything an error says about itself, on every layer of its causes. */
function errorTexts(error: unknown): string {
	const texts: string[] = [];
	findInCauses(error, (candidate) => {
		for (const value of [candidate?.message, candidate?.code, candidate?.description, candidate?.body?.error]) {
			if (typeof value === 'string') texts.push(value);
		}
		const name = (candidate as { name?: unknown }).name;
		if (typeof name === 'string') texts.push(name);
		if (Array.isArray(candidate?.messages)) {
			texts.push(...candidate.messages.filter((m: unknown): m is string => typeof m === 'string'));
		}
		return undefined;
	});
	return texts.join('\n');
}

export function classifyFailure(error: unknown): Failure {
	const texts = errorTexts(error);
	const client = CLIENT_REJECTED.find(([pattern]) => pattern.test(texts));
	if (client) return { kind: 'clientRejected', reason: client[1] };
	if (GRANT_REJECTED.test(texts)) return { kind: 'grantRejected' };
	// A timeout says so in its text; its code (ECONNABORTED from axios) names no cause a user knows.
	if (/timeout of \d+ms exceeded|timed out|\bE(SOCKET)?TIMEDOUT\b/i.test(texts)) return { kind: 'network', code: 'ETIMEDOUT' };
	const code = NETWORK_CODE.exec(texts)?.[1];
	if (code) return { kind: 'network', code };
	if (/socket hang up|connection was closed|ERR_STREAM_PREMATURE_CLOSE/i.test(texts)) {
		return { kind: 'network', code: 'ECONNRESET' };
	}
	if (CANCELLED.test(texts)) return { kind: 'cancelled' };
	return { kind: 'other' };
}

/** An HTTP error that n8n threw (after its own refresh), turned back into a response. */
export function responseFromError(error: unknown): IN8nHttpFullResponse | undefined {
	return findInCauses(error, (candidate) => {
		const response = candidate?.response;
		if (response && typeof response.status === 'number') {
			return {
				statusCode: response.status,
				headers: (response.headers ?? {}) as IN8nHttpFullResponse['headers'],
				body: response.data,
			} as IN8nHttpFullResponse;
		}
		return undefined;
	});
}

/**
 * An error no server caused: a programming error (a TypeError, ReferenceError, …), or a helper n8n
 * does not offer, thrown by this package's own code. It is looked for on the error itself only:
 * n8n wraps what fails inside its helpers, and Node's own errors of these types carry a `code`
 * (an invalid URL is a TypeError with ERR_INVALID_URL) and are about the input, not the code.
 */
export function isProgrammingError(error: unknown): boolean {
	const programming = [TypeError, ReferenceError, SyntaxError, RangeError].some((type) => error instanceof type);
	return programming && (error as { code?: unknown }).code === undefined && (error as { cause?: unknown }).cause === undefined;
}
