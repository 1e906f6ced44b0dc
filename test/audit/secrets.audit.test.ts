import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { SANDBOX_CLIENTS } from '../../sandbox';

/**
 * Runs after every other test project (scripts/test.js): no client secret, access token or
 * refresh token that was in play anywhere in the run may appear in anything a user could read.
 */
const dir = process.env.SECRET_AUDIT_DIR;

const readLines = (prefix: string) =>
	dir && existsSync(dir)
		? readdirSync(dir)
				.filter((file) => file.startsWith(prefix))
				.flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean))
		: [];

describe('secret hygiene across the whole test run', () => {
	const issued = readLines('secrets-').map((line) => JSON.parse(line) as string);
	const clientSecrets = Object.values(SANDBOX_CLIENTS)
		.flat()
		.map((client) => client.clientSecret)
		.filter((secret): secret is string => !!secret);
	const secrets = [...new Set([...issued, ...clientSecrets])];
	const artifacts = readLines('artifacts-');

	it('saw the tokens and outputs of the run (the audit is not empty)', () => {
		expect(dir).toBeTruthy();
		expect(issued.length).toBeGreaterThan(10);
		expect(artifacts.length).toBeGreaterThan(20);
	});

	it('finds no secret in any output, error or log', () => {
		const leaks: string[] = [];
		for (const line of artifacts) {
			for (const secret of secrets) {
				if (line.includes(secret)) {
					leaks.push(`${JSON.parse(line).label}: contains a secret starting ${secret.slice(0, 6)}…`);
				}
			}
		}
		expect(leaks).toEqual([]);
	});
});
