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
		 * Credential data, as saved before Platform existed: a pasted token for the Call History API
		 * ('callHistory', the default) or VBot v2 ('vbot'), the API key of 'callHistoryApiKey', the
		 * username and password of 'vbotPassword'; or VBot v3's API key ('vbotV3'). `secret` replaces
		 * the token, key or password.
		 */
		credentials(platform = 'callHistory', secret) {
			const { sandbox } = handle;
			const { tokens } = sandbox;
			if (platform === 'callHistoryApiKey') {
				return { authentication: 'apiKey', baseUrl: sandbox.url, apiKey: secret ?? tokens.apiKey };
			}
			if (platform === 'vbotPassword') {
				return {
					authentication: 'usernamePassword',
					baseUrl: sandbox.vbotUrl,
					username: tokens.username,
					password: secret ?? tokens.password,
				};
			}
			if (platform === 'vbotV3') {
				return {
					platform: 'vbotV3',
					baseUrl: sandbox.vbotV3Url,
					authentication: 'vbotApiKey',
					vbotApiKey: secret ?? sandbox.vbotApiKey,
				};
			}
			return {
				baseUrl: platform === 'vbot' ? sandbox.vbotUrl : sandbox.url,
				accessToken: secret ?? sandbox.token,
			};
		},
	};
}

module.exports = { useSandbox };
