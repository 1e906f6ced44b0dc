import { redact, secretValues } from '../../nodes/shared/transport/redact';
import { redactedBody, retryAfterMs } from '../../nodes/shared/transport/response';

describe('redact', () => {
	it('removes the credential\'s own secrets wherever they appear', () => {
		const secrets = secretValues(
			{
				clientSecret: 'client-secret-value',
				oauthTokenData: { access_token: 'at_abcdef123456', refresh_token: 'rt_zyx987654321' },
				notASecret: 'plain-value-1234',
			},
			[],
		);
		expect(secrets).toEqual(['client-secret-value', 'at_abcdef123456', 'rt_zyx987654321']);
		expect(redact('echo: at_abcdef123456 and rt_zyx987654321 / client-secret-value', secrets)).toBe(
			'echo: [redacted] and [redacted] / [redacted]',
		);
	});

	it('takes the fields a provider declares secret, besides n8n\'s OAuth2 ones', () => {
		expect(secretValues({ apiKey: 'key-of-the-provider', label: 'not secret at all' }, ['apiKey'])).toEqual(['key-of-the-provider']);
	});

	it('removes token-shaped values it was not told about', () => {
		expect(redact('Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload')).toBe('Authorization: Bearer [redacted]');
		expect(redact('{"refresh_token":"abc123456789","x":1}')).toBe('{"refresh_token":"[redacted]","x":1}');
		expect(redact('client_secret=s3cr3t&grant_type=x')).toBe('client_secret=[redacted]&grant_type=x');
	});

	it('leaves ordinary text alone', () => {
		expect(redact('Owner account 42 was not found.')).toBe('Owner account 42 was not found.');
	});
});

describe('redact: every spelling of a secret', () => {
	it('finds a secret stored with surrounding spaces, as it was sent: trimmed', () => {
		const secrets = secretValues({ apiToken: '  tok_with_spaces_123  ' }, ['apiToken']);
		expect(redact('the token tok_with_spaces_123 is not valid', secrets)).toBe('the token [redacted] is not valid');
	});

	it('finds a secret escaped inside JSON text: \\/ (PHP) and \\u escapes', () => {
		const secret = 'abc/def+ghi"jk';
		const php = JSON.stringify({ message: `token ${secret}` }).replace(/\//g, '\\/');
		expect(php).toContain('abc\\/def');
		expect(redact(php, [secret])).not.toContain('def+ghi');
		expect(redact(JSON.stringify({ message: secret }), [secret])).toBe('{"message":"[redacted]"}');
	});
});

describe('redactedBody: parsed, then redacted again before anything is cut', () => {
	it('redacts a secret that only JSON escaping hid from the raw text', () => {
		const secret = 'xyz/123/secret';
		const raw = `{"error":{"message":"${'x'.repeat(480)} bad token xyz\\/123\\/secret"}}`;
		const body = redactedBody(raw, [secret]) as { error: { message: string } };
		expect(body.error.message).not.toContain('xyz/123');
		expect(body.error.message.endsWith('bad token [redacted]')).toBe(true);
	});
});

describe('Retry-After', () => {
	const ms = (value: string) => retryAfterMs({ 'Retry-After': value });

	it('reads whole seconds and HTTP dates', () => {
		expect(ms('5')).toBe(5000);
		expect(ms(' 2 ')).toBe(2000);
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		expect(ms(inTenSeconds)).toBeGreaterThan(8000);
	});

	it.each(['', ' ', '5,5', '-5', '1.5', '0', 'soon', 'Mon, 01 Jan 2001 00:00:00 GMT'])(
		'takes %j as nothing usable, so the back-off applies instead of a retry at once',
		(value) => expect(ms(value)).toBeUndefined(),
	);
});
