'use strict';
// A refused credential is advised by the way it authenticates: a pasted token is pasted again; an
// OMICall API key or a VBot username and password, from which n8n gets its own token, is checked;
// a VBot v3 key, which has no Access Token to paste into, is checked or made anew in the VBot
// console. In a run (the vendor answering HTTP 401 even after n8n renewed the token) and in the
// credential test.

const { useSandbox } = require('./harness/sandbox');
const { runNode, testCredential, callsBetween } = require('./harness/n8n');
const { DAY } = require('./sandbox/seed');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const NO_RETRIES = { maxRetries: 0, requestsPerSecond: 0 };
const CALLS = callsBetween(JAN_1, JAN_1 + DAY, { options: NO_RETRIES });
const VBOT_COUNT = {
	resource: 'vbotCall',
	operation: 'count',
	vbotId: 'VB1',
	projectCode: 'P1',
	phone: '0912345678',
	options: NO_RETRIES,
};
const CALL_LOG_COUNT = {
	resource: 'vbotCallLog',
	operation: 'count',
	fromDate: new Date(JAN_1).toISOString(),
	toDate: new Date(JAN_1 + DAY).toISOString(),
	options: NO_RETRIES,
};
const REFUSED = { times: 10, respond: { status: 401 } };

test.each([
	[
		'a pasted token',
		() => api.credentials('callHistory'),
		CALLS,
		{ path: '/api/call_transaction/list' },
		/paste it into the credential's Access Token/,
	],
	[
		'an OMICall API key',
		() => api.credentials('callHistoryApiKey'),
		CALLS,
		{ path: '/api/call_transaction/list' },
		/Check API Key in the credential.*OMICall console under API management/,
	],
	[
		'a VBot username and password',
		() => api.credentials('vbotPassword'),
		VBOT_COUNT,
		{ path: '/api/crm/historycall/countAll' },
		/Check Username and Password in the credential/,
	],
	[
		'a VBot v3 API key',
		() => api.credentials('vbotV3'),
		CALL_LOG_COUNT,
		{ platform: 'vbotV3' },
		/Check API Key in the credential, or make a new key in the VBot console under Team settings → API Key/,
	],
])('HTTP 401 with %s: the advice fits it', async (way, credentials, parameters, where, advice) => {
	api.sandbox.fault({ ...where, ...REFUSED });

	const { error } = await runNode({ parameters, credentials: credentials() });

	expect(error?.message).toMatch(/^HTTP 401: /);
	expect(error.message).toMatch(advice);
	if (way !== 'a pasted token') expect(error.message).not.toMatch(/Access Token/);
});

test('the credential test’s HTTP 401 advises each way to authenticate, VBot v3’s key included', async () => {
	api.sandbox.fault({ platform: 'vbotV3', ...REFUSED });

	const { status, message } = await testCredential(api.credentials('vbotV3'));

	expect(status).toBe('Error');
	expect(message).toMatch(/^The vendor refused the credential \(HTTP 401\)/);
	expect(message).toMatch(
		/VBot v3: check API Key, or make a new key in the VBot console under Team settings → API Key/,
	);
	expect(message).toMatch(/Access Token: paste a new token/);
});
