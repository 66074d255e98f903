'use strict';
// `npm run test:e2e:queue`: the suite that drives n8n in queue mode (main, two workers, Postgres,
// Redis), started once for the run by lib/globalSetup.js.

module.exports = {
	rootDir: __dirname,
	testMatch: ['<rootDir>/tests/**/*.test.js'],
	globalSetup: '<rootDir>/lib/globalSetup.js',
	globalTeardown: '<rootDir>/lib/globalTeardown.js',
	testTimeout: 300_000,
	maxWorkers: 1,
};
