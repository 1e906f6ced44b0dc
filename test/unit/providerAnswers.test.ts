import type { IHttpRequestHelper } from 'n8n-workflow';

import { PRE_AUTHENTICATION_FAILED, PRE_AUTHENTICATION_REFUSED } from '../../nodes/shared/provider';
import { exchangeToken } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/transport/tokenExchange';
import { unwrapEnvelope } from '../../packages/n8n-nodes-taptouch/nodes/Taptouch/transport';

// The zod schemas that decide whether a provider's answer is usable: each refuses what the
// hand-written checks before them refused, accepts what they accepted, and hands on what it accepts
// unchanged (no field of a record is stripped).

describe('Taptouch envelope schema', () => {
	const notAnEnvelope = { error: { message: 'the answer was not a Taptouch response (no "status" envelope)' } };

	it('refuses answers whose "status" is not an object, and answers that are not objects', () => {
		for (const answer of [null, 'ok', 42, [{ status: { ack: 200 } }], {}, { status: null }, { status: 'ok' }, { status: [200] }]) {
			expect(unwrapEnvelope(answer)).toEqual(notAnEnvelope);
		}
	});

	it('accepts an envelope with fields it does not know, and hands on its data as sent', () => {
		const data = [{ id: 'a', unknownField: { nested: [1, 2] } }];
		const answer = { status: { timestamp: 1767610800, ack: 200, traceId: 't-1' }, data, paging: { total: 1 } };
		const unwrapped = unwrapEnvelope(answer) as { data: unknown };
		expect(unwrapped).toEqual({ data });
		expect(unwrapped.data).toBe(data);
	});
});

describe('Tapkey token-exchange answer schemas', () => {
	const payload = Buffer.from(JSON.stringify({ exp: 4_102_444_800, sub: 'alice' })).toString('base64url');
	const subjectToken = `eyJhbGciOiJSUzI1NiJ9.${payload}.c2lnbmF0dXJl`;
	const credentials = { subjectToken, clientId: 'tapkey-token-exchange', identityProvider: 'idp', scope: 'read:owner' };

	/** n8n's HTTP helper answering one fixed response: the schemas judge only what comes back. */
	const answering = (statusCode: number, body: string) =>
		({ helpers: { httpRequest: async () => ({ statusCode, body, headers: {} }) } }) as unknown as IHttpRequestHelper;

	const exchange = async (statusCode: number, body: string) => await exchangeToken.call(answering(statusCode, body), credentials);

	it('accepts a token answer with fields beside the token', async () => {
		const body = JSON.stringify({ access_token: 'tapkey-token', token_type: 'Bearer', expires_in: 3600, scope: 'read:owner' });
		await expect(exchange(200, body)).resolves.toEqual({ accessToken: 'tapkey-token' });
	});

	it('refuses a 2xx answer without a usable access token, as the check before it did', async () => {
		for (const body of ['{"access_token":""}', '{"access_token":42}', '{"token":"x"}', '[{"access_token":"x"}]', 'not json']) {
			await expect(exchange(200, body)).rejects.toThrow(
				`${PRE_AUTHENTICATION_FAILED} Tapkey's token endpoint answered HTTP 200 without an access token.`,
			);
		}
	});

	it('refuses a 2xx answer of JSON null with the same error, not a TypeError', async () => {
		await expect(exchange(200, 'null')).rejects.toThrow(
			`${PRE_AUTHENTICATION_FAILED} Tapkey's token endpoint answered HTTP 200 without an access token.`,
		);
	});

	it('reads an OAuth error, leaving out a description that is not text', async () => {
		await expect(exchange(400, JSON.stringify({ error: 'invalid_grant', error_description: 'signature invalid' }))).rejects.toThrow(
			`${PRE_AUTHENTICATION_REFUSED} Tapkey did not accept the external token: invalid_grant (signature invalid).`,
		);
		await expect(exchange(400, JSON.stringify({ error: 'invalid_grant', error_description: { text: 'x' } }))).rejects.toThrow(
			`${PRE_AUTHENTICATION_REFUSED} Tapkey did not accept the external token: invalid_grant.`,
		);
	});

	it('refuses an error answer whose "error" is not a code, as the check before it did', async () => {
		for (const body of ['{"error":""}', '{"error":{"code":"invalid_grant"}}', '{"message":"no"}']) {
			await expect(exchange(400, body)).rejects.toThrow(
				`${PRE_AUTHENTICATION_FAILED} Tapkey's token endpoint answered HTTP 400 without an access token.`,
			);
		}
	});

	it('never echoes the external token from an answer', async () => {
		const error = await exchange(400, JSON.stringify({ error: 'invalid_request', error_description: `bad token ${subjectToken}` })).catch(
			(caught: Error) => caught,
		);
		expect(String((error as Error).message)).not.toContain(subjectToken);
	});
});
