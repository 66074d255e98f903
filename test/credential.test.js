'use strict';
// The credential: its properties, the Bearer header on every request, and its test run the way
// n8n's credential tester runs it (RoutingNode, then the test's rules), for both platforms.

const { useSandbox } = require('./harness/sandbox');
const { testCredential, runNode } = require('./harness/n8n');
const { CallHistoryApi } = require('../dist/credentials/CallHistoryApi.credentials.js');

const api = useSandbox();
const TOKEN_FIX = 'Get a new access token from the vendor and paste it into Access Token.';
const REFUSED =
	/^The vendor refused the credential \(HTTP 401\)\. Access Token: paste a new token\./;

describe('the credential', () => {
	test('asks the platform first (OMICall by default), then that platform’s Base URL and ways to authenticate, and keeps its secrets as password fields', async () => {
		const credential = new CallHistoryApi();
		const { properties } = credential;
		const shownFor = (platform) =>
			properties.filter((p) => p.displayOptions?.show?.platform?.includes(platform));

		expect(properties[0]).toMatchObject({ name: 'platform', default: 'callHistory' });
		expect(properties[0].options.map((o) => [o.value, o.name])).toEqual([
			['callHistory', 'OMICall (Call History API)'],
			['vbot', 'VBot V2'],
			['vbotV3', 'VBot V3'],
		]);
		const byPlatform = Object.fromEntries(
			['callHistory', 'vbot', 'vbotV3'].map((platform) => {
				const [baseUrl, authentication] = shownFor(platform);
				return [
					platform,
					{
						baseUrl: baseUrl.default,
						methods: authentication.options.map((o) => o.value),
						default: authentication.default,
					},
				];
			}),
		);
		expect(byPlatform).toEqual({
			callHistory: {
				baseUrl: 'https://public-v1.omicall.com',
				methods: ['accessToken', 'apiKey'],
				default: 'accessToken',
			},
			vbot: {
				baseUrl: 'https://open-api-h01.vbot.vn/v2.0',
				methods: ['accessToken', 'usernamePassword'],
				default: 'accessToken',
			},
			vbotV3: {
				baseUrl: 'https://open-api-h01.vbot.vn/v3.0',
				methods: ['vbotApiKey'],
				default: 'vbotApiKey',
			},
		});
		const byName = Object.fromEntries(properties.map((p) => [p.name, p]));
		for (const secret of [
			'accessToken',
			'apiKey',
			'password',
			'vbotApiKey',
			'sessionToken',
			'refreshToken',
		]) {
			expect(byName[secret].typeOptions).toMatchObject({ password: true });
		}
		expect(byName.sessionToken).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		const headerOf = async (data) =>
			(await credential.authenticate(data, { url: '/x', headers: { Accept: 'a' } })).headers;
		// OMICall's API takes JSON: every request to it says so (issue 23); VBot's are left as they are.
		expect(await headerOf({ accessToken: 'pasted' })).toEqual({
			Accept: 'a',
			Authorization: 'Bearer pasted',
			'Content-Type': 'application/json',
		});
		expect(await headerOf({ platform: 'vbot', accessToken: 'pasted' })).toEqual({
			Accept: 'a',
			Authorization: 'Bearer pasted',
		});
		const obtained = { authentication: 'apiKey', accessToken: 'pasted', sessionToken: 'got' };
		expect(await headerOf({ ...obtained, sessionExpiresAt: Date.now() + 60_000 })).toMatchObject({
			Authorization: 'Bearer got',
		});
		// Past its time it is not sent, so that the vendor's 401 makes n8n renew it.
		expect(await headerOf({ ...obtained, sessionExpiresAt: Date.now() - 1 })).toMatchObject({
			Authorization: 'Bearer ',
		});
		expect(await headerOf({ authentication: 'vbotApiKey', vbotApiKey: 'vbk_1' })).toEqual({
			Accept: 'a',
			'X-API-Key': 'vbk_1',
		});
	});

	test('every request of the node carries Authorization: Bearer <accessToken>', async () => {
		await runNode({
			parameters: { resource: 'call', operation: 'get', transactionId: 'x' },
			credentials: api.credentials(),
		});
		await runNode({
			parameters: {
				resource: 'vbotCall',
				operation: 'count',
				vbotId: 'v',
				projectCode: 'p',
				phone: '1',
			},
			credentials: api.credentials('vbot'),
		});

		expect(api.sandbox.requests.map((r) => [r.platform, r.auth])).toEqual([
			['callHistory', 'ok'],
			['vbot', 'ok'],
		]);
	});
});

describe('the credential test', () => {
	test('passes for a good token on the Call History API, asking its report for the last hour', async () => {
		const before = Date.now();

		expect(await testCredential(api.credentials())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});

		const [request] = api.sandbox.requests;
		expect([request.platform, request.path, request.auth]).toEqual([
			'callHistory',
			'/api/call_transaction/report',
			'ok',
		]);
		expect(Number(request.query.to_date)).toBeGreaterThanOrEqual(before);
		const asked = Number(request.query.to_date) - Number(request.query.from_date);
		expect(asked).toBeGreaterThanOrEqual(3_600_000);
		expect(asked).toBeLessThan(3_660_000);
	});

	test('passes for a good token on VBot, asking its count endpoint', async () => {
		expect(await testCredential(api.credentials('vbot'))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});

		expect(api.sandbox.requests.map((r) => [r.platform, r.path])).toEqual([
			['vbot', '/api/crm/historycall/countAll'],
		]);
	});

	test.each(['callHistory', 'vbot'])(
		'fails with a clear message for a wrong token (%s)',
		async (platform) => {
			expect(await testCredential(api.credentials(platform, 'wrong-token'))).toEqual({
				status: 'Error',
				message: expect.stringMatching(REFUSED),
			});
		},
	);

	test('fails with a clear message for an expired token the vendor reports in an HTTP 200 envelope', async () => {
		api.sandbox.expiredTokens.add('old-token');

		expect(await testCredential(api.credentials('callHistory', 'old-token'))).toEqual({
			status: 'Error',
			message: `The access token has expired (token_expired). ${TOKEN_FIX}`,
		});
	});

	test('fails with a clear message when the token may not read call history', async () => {
		api.sandbox.fault({
			path: '/api/call_transaction/report',
			respond: { vendorError: 'permission_denied' },
		});

		expect((await testCredential(api.credentials())).message).toBe(
			'The token may not read call history (permission_denied). Check its API permissions in the vendor console.',
		);
	});

	test('fails with a clear message for a Base URL with no API behind it', async () => {
		const result = await testCredential({
			baseUrl: `${api.sandbox.url}/nothing-here`,
			accessToken: api.sandbox.token,
		});

		expect(result).toEqual({
			status: 'Error',
			message: 'No call-history API at this Base URL (HTTP 404). Check Base URL.',
		});
	});
});

describe('the credential test says what the vendors say (issue 23)', () => {
	const testedWith = async (platform, path, body) => {
		api.sandbox.fault({ path, respond: { status: 200, body } });
		return await testCredential(api.credentials(platform));
	};

	test.each(['token_expired', 'permission_denied', 'api_key_invalid', 'api_key_is_required'])(
		'OMICall: an HTTP 200 answer with %s in payload.error fails, naming the code',
		async (code) => {
			const result = await testedWith('callHistory', '/api/call_transaction/report', {
				status_code: -9999,
				payload: { error: code, message: 'Please check the information sent and try again.' },
			});

			expect(result).toEqual({ status: 'Error', message: expect.stringContaining(`(${code})`) });
		},
	);

	test('OMICall: the same codes in the top-level message fail alike', async () => {
		const result = await testedWith('callHistory', '/api/call_transaction/report', {
			status_code: -9999,
			message: 'api_key_invalid',
			payload: null,
		});

		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining('(api_key_invalid)'),
		});
	});

	test('OMICall: any other status_code -9999 fails, after the specific codes', async () => {
		const result = await testedWith('callHistory', '/api/call_transaction/report', {
			status_code: -9999,
			payload: { error: 'data_is_required', message: 'Please check…' },
		});

		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining('status_code -9999'),
		});
	});

	const VBOT_COUNTS = {
		vbot: '/api/crm/historycall/countAll',
		vbotV3: '/m-cdr/api/call/count-all',
	};
	test.each(
		['vbot', 'vbotV3'].flatMap((platform) =>
			[-1, 401, 403, 404, 409, 500].map((error) => [platform, error]),
		),
	)('VBot %s: an HTTP 200 answer with error %i fails, naming it', async (platform, error) => {
		const result = await testedWith(platform, VBOT_COUNTS[platform], {
			error,
			message: 'Lỗi',
			data: null,
		});

		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining(`error ${error}`),
		});
	});

	test('VBot v2: the test sends what countAll requires, placeholders that name no customer, and passes', async () => {
		expect(await testCredential(api.credentials('vbot'))).toMatchObject({ status: 'OK' });

		const [count] = api.sandbox.received('/api/crm/historycall/countAll');
		expect(count.query).toMatchObject({ vbot_id: '0', project_code: '0', phone: '0' });
	});

	test.each([
		['callHistory', '/api/call_transaction/report'],
		['vbotV3', '/m-cdr/api/call/count-all'],
	])('%s: the test sends no VBot v2 customer placeholders', async (platform, path) => {
		expect(await testCredential(api.credentials(platform))).toMatchObject({ status: 'OK' });

		const [request] = api.sandbox.received(path);
		for (const name of ['vbot_id', 'project_code', 'phone'])
			expect(request.query).not.toHaveProperty(name);
	});

	test("OMICall's token request: a refused key reports the code in payload.error, not the HTTP status", async () => {
		api.sandbox.settings.callHistoryErrorShape = 'payload';

		const result = await testCredential(api.credentials('callHistoryApiKey', 'wrong-key'));

		expect(result.status).toBe('Error');
		expect(result.message).toContain('(api_key_invalid)');
		expect(result.message).not.toContain('HTTP 200');
	});
});
