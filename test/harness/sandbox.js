'use strict';
// One API sandbox per test file: started before the file's tests, its log and faults cleared
// before each test, closed after the file.

const { startSandbox } = require('../sandbox/server');

function useSandbox(settings = {}) {
	const handle = { sandbox: undefined };
	beforeAll(async () => {
		handle.sandbox = await startSandbox({ settings });
	});
	beforeEach(() => {
		handle.sandbox.reset();
		Object.assign(handle.sandbox.settings, {
			maxWindowMs: 3 * 86_400_000,
			maxPageSize: 50,
			vbotMaxPageSize: 50,
			vbotEnvelope: 'status',
			latencyMs: 0,
			listOrder: 'newest',
			vbotOrder: 'newest',
			recordingContentType: 'audio/wav',
			...settings,
		});
	});
	afterAll(async () => {
		await handle.sandbox.close();
	});
	return {
		get sandbox() {
			return handle.sandbox;
		},
		/** Credential data for the Call History API (default) or VBot. */
		credentials(platform = 'callHistory', token = handle.sandbox.token) {
			return {
				baseUrl: platform === 'vbot' ? handle.sandbox.vbotUrl : handle.sandbox.url,
				accessToken: token,
			};
		},
	};
}

module.exports = { useSandbox };
