/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }];

const project = (name, testMatch, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	testMatch,
	...extra,
});

module.exports = {
	projects: [
		project('unit', ['<rootDir>/test/unit/**/*.test.ts']),
		project('integration', ['<rootDir>/test/integration/**/*.test.ts']),
		project('e2e', ['<rootDir>/test/e2e/**/*.e2e.test.ts']),
	],
};
