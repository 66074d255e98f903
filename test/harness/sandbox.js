'use strict';
// One API sandbox per test file: started before the file's tests, its log and faults cleared
// before each test, closed after the file.

const { startSandbox, DEFAULT_SETTINGS } = require('../sandbox/server');

function useSandbox(settings = {}) {
	const handle = { sandbox: undefined };
	beforeAll(async () => {
		handle.sandbox = await startSandbox({ settings });
	});
	beforeEach(() => {
		handle.sandbox.reset();
		Object.assign(handle.sandbox.settings, DEFAULT_SETTINGS, settings);
	});
	afterAll(async () => {
		await handle.sandbox.close();
	});
	return {
		get sandbox() {
			return handle.sandbox;
		},
		/**
		 * Credential data for the Call History API (default) or VBot v2, as saved before Platform
		 * existed (a pasted token), or for VBot v3 (its API key; `token` replaces it).
		 */
		credentials(platform = 'callHistory', token) {
			const { sandbox } = handle;
			if (platform === 'vbotV3') {
				return {
					platform: 'vbotV3',
					baseUrl: sandbox.vbotV3Url,
					authentication: 'vbotApiKey',
					vbotApiKey: token ?? sandbox.vbotApiKey,
				};
			}
			return {
				baseUrl: platform === 'vbot' ? sandbox.vbotUrl : sandbox.url,
				accessToken: token ?? sandbox.token,
			};
		},
	};
}

module.exports = { useSandbox };
