'use strict';
// `npm run test:e2e`: the suite that drives a real n8n (started once for the run by globalSetup).

module.exports = {
	rootDir: __dirname,
	testMatch: ['<rootDir>/tests/**/*.test.js'],
	globalSetup: '<rootDir>/lib/globalSetup.js',
	globalTeardown: '<rootDir>/lib/globalTeardown.js',
	testTimeout: 180_000,
	maxWorkers: 1,
};
