'use strict';
// The credential's token requests ride out what API requests ride out: a token service that
// hangs is cut off at the API's default Timeout (30 s) and asked again, an overloaded one or a
// reset connection is retried with the same backoff, and when retries run out the error says the
// vendor's token service failed, not that the key or password is wrong.

const { useSandbox } = require('../harness/sandbox');
const { runNode, callsBetween, ids } = require('../harness/n8n');
const { DAY, generateCalls, generateVbotHistory } = require('../sandbox/seed');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const AUTH = '/api/auth';
const LIST = '/api/call_transaction/list';
const VBOT = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };
const GET_MANY = callsBetween(JAN_1, JAN_1 + DAY, { options: { requestsPerSecond: 0 } });
const VBOT_COUNT = { resource: 'vbotCall', operation: 'count', ...VBOT };

const apiKeyCredential = (apiKey) => api.credentials('callHistoryApiKey', apiKey);
const passwordCredential = (password) => api.credentials('vbotPassword', password);
const vbotTokenRequests = () =>
	api.sandbox.requests.filter((r) => r.platform === 'vbot' && r.path === '/token');

beforeEach(() => {
	api.sandbox.calls.replace(generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 30, seed: 71 }));
	api.sandbox.vbot.replace(generateVbotHistory({ ...VBOT, count: 4, newest: JAN_1, seed: 72 }));
});

test('a token service answering 503 is retried, then reported as the vendor’s failure', async () => {
	api.sandbox.fault({ path: AUTH, times: 100, respond: { status: 503 } });

	const { error } = await runNode({ parameters: GET_MANY, credentials: apiKeyCredential() });

	expect(error?.message).toBe(
		"The Call History API's token service failed (HTTP 503) after 4 attempts. Try again later: the credential's key or password was not refused.",
	);
	expect(api.sandbox.received(AUTH)).toHaveLength(4);
	expect(api.sandbox.received(LIST)).toEqual([]);
}, 30_000);

test('a reset connection to VBot’s token service is asked again, and the run goes on', async () => {
	api.sandbox.fault({ platform: 'vbot', path: '/token', respond: { reset: true } });

	const { json, error } = await runNode({
		parameters: VBOT_COUNT,
		credentials: passwordCredential(),
	});

	expect(error).toBeUndefined();
	expect(json).toEqual([{ count: 4 }]);
	expect(vbotTokenRequests()).toHaveLength(2);
});

test('a token service that hangs is cut off at 30 s and asked again', async () => {
	api.sandbox.fault({ path: AUTH, respond: { hang: true } });

	const { json, error } = await runNode({ parameters: GET_MANY, credentials: apiKeyCredential() });

	expect(error).toBeUndefined();
	expect(ids(json)).toEqual(ids(api.sandbox.calls.range(JAN_1, JAN_1 + DAY)));
	expect(api.sandbox.received(AUTH)).toHaveLength(2);
}, 60_000);

test('a refused key still says to check the key, at once', async () => {
	const { error } = await runNode({
		parameters: GET_MANY,
		credentials: apiKeyCredential('key_wrong'),
	});

	expect(error?.message).toMatch(/api_key_invalid.*Check API Key in the credential/);
	expect(api.sandbox.received(AUTH)).toHaveLength(1);
});

describe('the node’s Timeout and Max Retries', () => {
	test('a token service that hangs is cut off at the node’s Timeout, and the error says the token service failed', async () => {
		api.sandbox.fault({ path: AUTH, times: 10, respond: { hang: true } });
		const started = Date.now();

		const { error } = await runNode({
			parameters: { ...GET_MANY, options: { requestsPerSecond: 0, timeout: 1, maxRetries: 0 } },
			credentials: apiKeyCredential(),
		});

		expect(Date.now() - started).toBeLessThan(4000);
		expect(error?.message).toBe(
			"The Call History API's token service failed (no answer within 1 s) after 1 attempt. Try again later: the credential's key or password was not refused.",
		);
		expect(api.sandbox.received(AUTH)).toHaveLength(1);
		expect(api.sandbox.received(LIST)).toEqual([]);
	}, 40_000);

	test('a token service answering 500 is tried Max Retries times more, and the error says HTTP 500, not a timeout of the API', async () => {
		api.sandbox.fault({ platform: 'vbot', path: '/token', times: 10, respond: { status: 500 } });

		const { error } = await runNode({
			parameters: { ...VBOT_COUNT, options: { timeout: 1, maxRetries: 1 } },
			credentials: passwordCredential(),
		});

		expect(error?.message).toBe(
			"VBot's token service failed (HTTP 500) after 2 attempts. Try again later: the credential's key or password was not refused.",
		);
		expect(vbotTokenRequests()).toHaveLength(2);
	}, 40_000);

	test('the policy handed to the token request is never stored with the credential', async () => {
		const credential = apiKeyCredential();

		await runNode({
			parameters: { ...GET_MANY, options: { timeout: 5 } },
			credentials: credential,
		});

		expect(credential.sessionToken).toMatch(/^tok_/);
		expect(JSON.stringify(credential)).not.toMatch(/timeout|retr/i);
	});
});
