/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];

const project = (name, testMatch, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	testMatch,
	// n8n installs for the end-to-end tests live here and are not part of this package. (This only
	// keeps jest's file map out of them; modules are still resolved from there when mapped to them.)
	modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/n8n-versions/', '<rootDir>/dist/', '<rootDir>/build/'],
	setupFiles: ['<rootDir>/test/helpers/env.js'],
	setupFilesAfterEnv: name.startsWith('integration') ? ['<rootDir>/test/helpers/teardown.ts'] : [],
	...extra,
});

module.exports = {
	projects: [
		project('unit', ['<rootDir>/test/unit/**/*.test.ts']),
		project('integration', ['<rootDir>/test/integration/**/*.test.ts']),
		// The same in-process tests against n8n 2.x's n8n-core, as real n8n 2.x runs them: n8n-core,
		// n8n-workflow and every @n8n/* package — for n8n's code, our nodes and the tests alike — come
		// from the installed n8n 2.x. It needs the Node that n8n 2.x runs on (24): scripts/test.js and
		// `npm run test:n8n2` (scripts/n8n/jest.js) start it with that Node after installing n8n 2.x.
		project('integration-n8n2', ['<rootDir>/test/integration/**/*.test.ts'], {
			resolver: '<rootDir>/test/helpers/n8n2Resolver.js',
		}),
		project('e2e', ['<rootDir>/test/e2e/**/*.e2e.test.ts']),
		// Reads what the other projects recorded; scripts/test.js runs it last.
		project('audit', ['<rootDir>/test/audit/**/*.audit.test.ts']),
	],
};
