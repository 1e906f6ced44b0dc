/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];

const project = (name, testMatch, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	testMatch,
	// n8n installs for the end-to-end tests live here and are not part of this package.
	modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/n8n-versions/', '<rootDir>/dist/', '<rootDir>/build/'],
	setupFiles: ['<rootDir>/test/helpers/env.js'],
	setupFilesAfterEnv: name === 'integration' ? ['<rootDir>/test/helpers/teardown.ts'] : [],
	...extra,
});

module.exports = {
	projects: [
		project('unit', ['<rootDir>/test/unit/**/*.test.ts']),
		project('integration', ['<rootDir>/test/integration/**/*.test.ts']),
		project('e2e', ['<rootDir>/test/e2e/**/*.e2e.test.ts']),
		// Reads what the other projects recorded; scripts/test.js runs it last.
		project('audit', ['<rootDir>/test/audit/**/*.audit.test.ts']),
	],
};
