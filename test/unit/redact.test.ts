import { redact, secretValues } from '../../nodes/shared/transport/redact';

describe('redact', () => {
	it('removes the credential\'s own secrets wherever they appear', () => {
		const secrets = secretValues({
			clientSecret: 'client-secret-value',
			oauthTokenData: { access_token: 'at_abcdef123456', refresh_token: 'rt_zyx987654321' },
		});
		expect(secrets).toEqual(['client-secret-value', 'at_abcdef123456', 'rt_zyx987654321']);
		expect(redact('echo: at_abcdef123456 and rt_zyx987654321 / client-secret-value', secrets)).toBe(
			'echo: [redacted] and [redacted] / [redacted]',
		);
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
