/** @type {import('jest').Config} The in-process memory bench (`npm run bench:memory`); not part of `npm test`. */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testMatch: ['<rootDir>/bench/**/*.bench.ts'],
	modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/packages/[^/]+/dist/', '<rootDir>/build/'],
	setupFiles: ['<rootDir>/test/helpers/env.js'],
};
