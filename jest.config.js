/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];

const project = (name, testMatch, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	testMatch,
	// n8n installs for the end-to-end tests live here and are not part of this package. (That only
	// keeps them out of jest's file map: integration-n8n2 still loads n8n 2.x's packages from there.)
	modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/n8n-versions/', '<rootDir>/packages/[^/]+/dist/', '<rootDir>/build/'],
	setupFiles: ['<rootDir>/test/helpers/env.js'],
	setupFilesAfterEnv: name.startsWith('integration') ? ['<rootDir>/test/helpers/teardown.ts'] : [],
	...extra,
});

/**
 * For the `*-n8n2` projects, which run the same tests against n8n 2.x as real n8n 2.x runs our
 * package: n8n-core, n8n-workflow and every @n8n/* package our nodes and tests import come from the
 * installed n8n 2.x. They need the Node that n8n 2.x runs on (24): scripts/test.js and
 * `npm run test:n8n2` (scripts/n8n/jest2.js) start them with that Node after installing n8n 2.x.
 */
const onN8n2 = {
	resolver: '<rootDir>/test/helpers/n8n2Resolver.js',
	setupFiles: ['<rootDir>/test/helpers/env.js', '<rootDir>/test/helpers/n8n2Env.js'],
};

module.exports = {
	projects: [
		project('unit', ['<rootDir>/test/unit/**/*.test.ts']),
		project('integration', ['<rootDir>/test/integration/**/*.test.ts']),
		// The same tests once more against n8n 2.x (see onN8n2).
		project('unit-n8n2', ['<rootDir>/test/unit/**/*.test.ts'], onN8n2),
		project('integration-n8n2', ['<rootDir>/test/integration/**/*.test.ts'], onN8n2),
		project('e2e', ['<rootDir>/test/e2e/**/*.e2e.test.ts']),
		// Reads what the other projects recorded; scripts/test.js runs it last.
		project('audit', ['<rootDir>/test/audit/**/*.audit.test.ts']),
	],
};
