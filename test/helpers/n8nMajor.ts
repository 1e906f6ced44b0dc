/**
 * Which n8n major's n8n-core the in-process tests run on: 1 in the `integration` project (this
 * package's own n8n-core 1.x), 2 in `integration-n8n2` (n8n 2.x's, see jest.config.js). A test that
 * holds for one major only says so by name, e.g.
 *   (n8nCoreMajor() === 1 ? it : it.skip)('… (n8n 1.x only: why)', …)
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('n8n-core/package.json') as { version: string };

export function n8nCoreMajor(): number {
	return Number(version.split('.')[0]);
}

/** The loaded n8n-core's full version, e.g. for a test's name or a failure message. */
export function n8nCoreVersion(): string {
	return version;
}
