'use strict';
// The credential's three ways to authenticate, through n8n-core and a credentials helper that
// runs preAuthentication as n8n's CLI does: a token is obtained on the first request and reused,
// renewed once when it expires (and the request sent once more), a refused VBot refresh token
// falls back to the password, wrong secrets fail with the vendor's reason, and no secret leaks.

const { inspect } = require('node:util');
const { useSandbox } = require('./harness/sandbox');
const { runNode, testCredential, ids, callsBetween } = require('./harness/n8n');
const { DAY, generateCalls, generateVbotHistory } = require('./sandbox/seed');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const LIST = '/api/call_transaction/list';
const AUTH = '/api/auth';
const VBOT = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };
const COUNT = { resource: 'vbotCall', operation: 'count', ...VBOT };
const GET_MANY = callsBetween(JAN_1, JAN_1 + DAY);

const apiKeyCredential = (apiKey) => api.credentials('callHistoryApiKey', apiKey);
const passwordCredential = (password) => api.credentials('vbotPassword', password);
const grants = () => api.sandbox.tokens.grants;
const tokenRequests = () =>
	api.sandbox.requests.filter((r) => ['/api/auth', '/token'].includes(r.path));

beforeEach(() => {
	api.sandbox.calls.replace(generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 60, seed: 61 }));
	api.sandbox.vbot.replace(generateVbotHistory({ ...VBOT, count: 7, newest: JAN_1, seed: 62 }));
});

describe('API Key (Call History)', () => {
	test('a token is obtained on the first request and reused on the next run', async () => {
		const credential = apiKeyCredential();

		const first = await runNode({ parameters: GET_MANY, credentials: credential });
		const second = await runNode({ parameters: GET_MANY, credentials: credential });

		expect(first.error).toBeUndefined();
		expect(ids(second.json)).toEqual(ids(api.sandbox.calls.range(JAN_1, JAN_1 + DAY)));
		expect(api.sandbox.received(AUTH)).toHaveLength(1);
		expect(api.sandbox.received(AUTH)[0].query).toEqual({ apiKey: api.sandbox.tokens.apiKey });
		expect(api.sandbox.received(LIST).every((r) => r.auth === 'ok')).toBe(true);
		expect(credential.sessionToken).toMatch(/^tok_/);
	});

	test('the token answer names no lifetime: the session ends 24 hours later, a minute early', async () => {
		const credential = apiKeyCredential();
		const before = Date.now();

		await runNode({ parameters: GET_MANY, credentials: credential });

		const [auth] = api.sandbox.received(AUTH);
		expect(auth).toBeDefined();
		const until = credential.sessionExpiresAt - before;
		expect(until).toBeGreaterThanOrEqual(DAY - 60_000);
		expect(until).toBeLessThanOrEqual(DAY - 60_000 + (Date.now() - before));
	});

	test('a token past its time is renewed once, and the request sent once more', async () => {
		const credential = apiKeyCredential();
		await runNode({ parameters: GET_MANY, credentials: credential });
		const firstToken = credential.sessionToken;
		// 24 hours on: the session has ended, and the vendor's token with it.
		credential.sessionExpiresAt = Date.now() - 1;
		api.sandbox.tokens.expireAll();
		api.sandbox.reset();

		const { json, error } = await runNode({ parameters: GET_MANY, credentials: credential });

		expect(error).toBeUndefined();
		expect(ids(json)).toEqual(ids(api.sandbox.calls.range(JAN_1, JAN_1 + DAY)));
		expect(credential.sessionToken).not.toBe(firstToken);
		expect(api.sandbox.requests.map((r) => `${r.path} ${r.auth}`).slice(0, 3)).toEqual([
			`${LIST} missing`,
			`${AUTH} missing`,
			`${LIST} ok`,
		]);
		expect(tokenRequests()).toHaveLength(1);
	});

	test('a wrong API key fails with the vendor’s reason, in a run and in the credential test', async () => {
		const { error } = await runNode({ parameters: GET_MANY, credentials: apiKeyCredential('no') });
		const tested = await testCredential(apiKeyCredential('no'));

		for (const message of [error.message, tested.message]) {
			expect(message).toMatch(/api_key_invalid.*Check API Key in the credential/);
		}
		expect(tested.status).toBe('Error');
		expect(api.sandbox.received(LIST)).toEqual([]);
	});

	test('the credential test passes with a good key', async () => {
		expect(await testCredential(apiKeyCredential())).toMatchObject({ status: 'OK' });
		expect(grants()).toEqual(['apiKey']);
	});
});

describe('Username and Password (VBot)', () => {
	test('a token is obtained with the password on the first request and reused', async () => {
		const credential = passwordCredential();

		const first = await runNode({ parameters: COUNT, credentials: credential });
		const second = await runNode({ parameters: COUNT, credentials: credential });

		expect(first.json).toEqual([{ count: 7 }]);
		expect(second.json).toEqual([{ count: 7 }]);
		expect(grants()).toEqual(['password']);
		const [form] = api.sandbox.received('/token');
		expect(form.contentType).toMatch(/^application\/x-www-form-urlencoded/);
		expect(form.body).toEqual({
			grant_type: 'password',
			username: api.sandbox.tokens.username,
			password: api.sandbox.tokens.password,
		});
		expect(credential.refreshToken).toMatch(/^ref_/);
	});

	test('an expired token is renewed with the refresh token, once, and the request sent once more', async () => {
		const credential = passwordCredential();
		await runNode({ parameters: COUNT, credentials: credential });
		api.sandbox.tokens.expireAll();
		api.sandbox.requests.length = 0;

		const { json, error } = await runNode({ parameters: COUNT, credentials: credential });

		expect(error).toBeUndefined();
		expect(json).toEqual([{ count: 7 }]);
		expect(grants()).toEqual(['password', 'refresh_token']);
		expect(api.sandbox.requests.map((r) => `${r.path} ${r.auth}`)).toEqual([
			'/api/crm/historycall/countAll expired',
			'/token missing',
			'/api/crm/historycall/countAll ok',
		]);
	});

	test('a refused refresh token falls back to the password', async () => {
		const credential = passwordCredential();
		await runNode({ parameters: COUNT, credentials: credential });
		api.sandbox.tokens.expireAll();
		api.sandbox.tokens.revokeRefreshTokens();

		const { json, error } = await runNode({ parameters: COUNT, credentials: credential });

		expect(error).toBeUndefined();
		expect(json).toEqual([{ count: 7 }]);
		expect(grants()).toEqual(['password', 'password']);
		expect(api.sandbox.received('/token').map((r) => r.body.grant_type)).toEqual([
			'password',
			'refresh_token',
			'password',
		]);
	});

	test('a wrong password fails with the vendor’s reason, in a run and in the credential test', async () => {
		const { error } = await runNode({ parameters: COUNT, credentials: passwordCredential('x') });
		const tested = await testCredential(passwordCredential('x'));

		for (const message of [error.message, tested.message]) {
			expect(message).toMatch(
				/invalid_grant: Sai tên đăng nhập hoặc mật khẩu.*Check Username and Password/,
			);
		}
		expect(api.sandbox.received('/api/crm/historycall/countAll')).toEqual([]);
	});
});

test('Access Token, the default, is unchanged: no token request, the pasted token sent', async () => {
	const { json } = await runNode({ parameters: GET_MANY, credentials: api.credentials() });

	expect(json.length).toBeGreaterThan(0);
	expect(tokenRequests()).toEqual([]);
	expect(api.sandbox.received(LIST).every((r) => r.auth === 'ok')).toBe(true);
});

test('no secret appears in an error, an output item or what was printed', async () => {
	const key = apiKeyCredential();
	await runNode({ parameters: GET_MANY, credentials: key });
	const vbot = passwordCredential();
	await runNode({ parameters: COUNT, credentials: vbot });
	const secrets = [
		key.apiKey,
		key.sessionToken,
		vbot.password,
		vbot.sessionToken,
		vbot.refreshToken,
	];
	api.sandbox.fault({ path: LIST, times: 10, respond: { status: 500 } });
	api.sandbox.fault({ path: '/api/crm/historycall/countAll', times: 10, respond: { status: 403 } });

	const results = [
		await runNode({ parameters: GET_MANY, credentials: key }),
		await runNode({ parameters: GET_MANY, credentials: key, continueOnFail: true }),
		await runNode({ parameters: COUNT, credentials: vbot }),
		await runNode({ parameters: COUNT, credentials: passwordCredential('wrong') }),
		await runNode({ parameters: GET_MANY, credentials: apiKeyCredential('wrong') }),
	];

	for (const result of results) {
		const everything = [
			JSON.stringify(result.run),
			JSON.stringify(result.items),
			inspect(result.error, { depth: 12, showHidden: true }),
			result.printed,
		].join('\n');
		expect(secrets.filter((secret) => everything.includes(secret))).toEqual([]);
	}
});
