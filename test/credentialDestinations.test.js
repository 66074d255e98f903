'use strict';
// Where a credential's secret may go. Switching Platform keeps the Base URL of the vendor before,
// and n8n tests a credential on every save: no key, password or token goes to a host of the other
// vendor, from an operation, the token request or the credential test. And none crosses the
// network in clear: a plain http:// Base URL is refused unless it is loopback or the credential's
// Allow Plain HTTP is switched on. The "other host" below answers under names such as
// `vbot.localhost`, so what reaches it is recorded.

const { useSandbox } = require('./harness/sandbox');
const { useOtherHost } = require('./harness/otherHost');
const { runNode, testCredential, callsBetween } = require('./harness/n8n');
const { CallHistoryApi } = require('../dist/credentials/CallHistoryApi.credentials.js');

const api = useSandbox();
const other = useOtherHost();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const DAY = 24 * 3600 * 1000;
const RANGE = {
	fromDate: new Date(JAN_1).toISOString(),
	toDate: new Date(JAN_1 + DAY).toISOString(),
};
const CALLS = callsBetween(JAN_1, JAN_1 + DAY);
const VBOT_COUNT = {
	resource: 'vbotCall',
	operation: 'count',
	vbotId: 'VB1',
	projectCode: 'P1',
	phone: '0912345678',
};
const CALL_LOG_COUNT = { resource: 'vbotCallLog', operation: 'count', ...RANGE };

const SECRETS = { apiKey: 'omi-key-secret', password: 'vbot-password-secret', key: 'vbk-secret' };
const omicallKey = (baseUrl, more) => ({
	authentication: 'apiKey',
	apiKey: SECRETS.apiKey,
	baseUrl,
	...more,
});
const vbotPassword = (baseUrl, more) => ({
	platform: 'vbot',
	authentication: 'usernamePassword',
	username: 'tongdai',
	password: SECRETS.password,
	baseUrl,
	...more,
});
const vbotV3Key = (baseUrl, more) => ({
	platform: 'vbotV3',
	authentication: 'vbotApiKey',
	vbotApiKey: SECRETS.key,
	baseUrl,
	...more,
});

describe('no secret goes to a host of the other vendor', () => {
	const trusted = { allowPlainHttp: true };
	const OMICALL_HOST = () => other.named('public.omicall.localhost');
	const VBOT_HOST = () => other.named('open-api.vbot.localhost');

	test('a VBot password is not sent to an OMICall host: the token request is refused, in a run and in the credential test', async () => {
		const credential = vbotPassword(`${OMICALL_HOST()}/v2.0`, trusted);

		const { error } = await runNode({ parameters: VBOT_COUNT, credentials: credential });
		const tested = await testCredential(credential);

		const refusal =
			"This credential is for VBot v2, but its Base URL is OMICall's: set Base URL to https://open-api-h01.vbot.vn/v2.0";
		expect(error?.message).toBe(refusal);
		expect(tested).toEqual({ status: 'Error', message: refusal });
		expect(other.received).toEqual([]);
	});

	test('an OMICall API-key credential with a VBot Base URL reads as OMICall, and is refused before its key goes anywhere', async () => {
		const credential = omicallKey(`${VBOT_HOST()}/v2.0`, trusted);

		const calls = await runNode({ parameters: CALLS, credentials: credential });
		const vbot = await runNode({ parameters: VBOT_COUNT, credentials: credential });
		const tested = await testCredential(credential);

		const refusal =
			"This credential is for OMICall, but its Base URL is VBot's: set Base URL to https://public-v1.omicall.com";
		expect(calls.error?.message).toBe(refusal);
		expect(vbot.error?.message).toBe(refusal);
		expect(tested).toEqual({ status: 'Error', message: refusal });
		expect(other.received).toEqual([]);
	});

	test('a VBot v3 key is not sent to an OMICall host by the credential test', async () => {
		const tested = await testCredential(vbotV3Key(`${OMICALL_HOST()}/v3.0`, trusted));

		expect(tested).toEqual({
			status: 'Error',
			message:
				"This credential is for VBot v3, but its Base URL is OMICall's: set Base URL to https://open-api-h01.vbot.vn/v3.0",
		});
		expect(other.received).toEqual([]);
	});

	test('a pasted token is not sent to the other vendor by the credential test, whichever the Platform', async () => {
		const tested = [
			await testCredential({
				platform: 'vbot',
				accessToken: 'tok-secret',
				baseUrl: OMICALL_HOST(),
			}),
			await testCredential({
				platform: 'callHistory',
				authentication: 'apiKey',
				apiKey: SECRETS.apiKey,
				sessionToken: 'tok-secret',
				sessionExpiresAt: Date.now() + 60_000,
				baseUrl: VBOT_HOST(),
				...trusted,
			}),
		];

		expect(tested.map((t) => t.status)).toEqual(['Error', 'Error']);
		expect(other.received).toEqual([]);
	});

	test('authenticate() attaches no secret to a request whose host is the other vendor’s', async () => {
		const credential = new CallHistoryApi();
		const toOmicall = {
			baseURL: 'https://public-v1.omicall.com',
			url: '/api/call_transaction/list',
		};
		const toVbot = { url: 'https://open-api-h01.vbot.vn/v2.0/api/crm/historycall/countAll' };

		await expect(
			credential.authenticate(vbotV3Key('https://open-api-h01.vbot.vn/v3.0'), toOmicall),
		).rejects.toThrow("This credential is for VBot v3, but its Base URL is OMICall's");
		await expect(
			credential.authenticate(
				{ accessToken: 't', baseUrl: 'https://public-v1.omicall.com' },
				toVbot,
			),
		).rejects.toThrow("This credential is for OMICall, but its Base URL is VBot's");
		await expect(
			credential.authenticate(vbotV3Key('https://open-api-h01.vbot.vn/v3.0'), {
				baseURL: 'https://open-api-h01.vbot.vn/v3.0',
				url: '/api/x',
			}),
		).resolves.toMatchObject({ headers: { 'X-API-Key': SECRETS.key } });
	});
});

describe('a plain http:// Base URL', () => {
	// Not loopback by its name: a name is not an address, wherever this machine resolves it.
	const PLAIN = () => other.named('calls.localhost');
	const refused =
		/^Base URL http:\/\/calls\.localhost:\d+ is plain http:\/\/.*https:\/\/calls\.localhost:\d+.*Allow Plain HTTP/;

	test.each([
		['an OMICall API key', () => omicallKey(PLAIN()), CALLS],
		['a pasted OMICall token', () => ({ accessToken: 'tok-secret', baseUrl: PLAIN() }), CALLS],
		['a VBot password', () => vbotPassword(`${PLAIN()}/v2.0`), VBOT_COUNT],
		['a VBot v3 key', () => vbotV3Key(`${PLAIN()}/v3.0`), CALL_LOG_COUNT],
	])(
		'with %s: the run and the credential test are refused, naming Base URL and the fix, and nothing is sent',
		async (_, credential, parameters) => {
			const { error } = await runNode({ parameters, credentials: credential() });
			const tested = await testCredential(credential());

			expect(error?.message).toMatch(refused);
			expect(tested.status).toBe('Error');
			expect(tested.message).toMatch(refused);
			expect(other.received).toEqual([]);
		},
	);

	test('authenticate() attaches no secret to a plain http:// request to a host that is not loopback', async () => {
		await expect(
			new CallHistoryApi().authenticate(
				{ accessToken: 'tok-secret', baseUrl: 'http://calls.example.com' },
				{ baseURL: 'http://calls.example.com', url: '/api/x' },
			),
		).rejects.toThrow(/^Base URL http:\/\/calls\.example\.com is plain http:\/\//);
	});

	test('is sent when Allow Plain HTTP is switched on knowingly', async () => {
		const tested = await testCredential({
			accessToken: 'tok-secret',
			baseUrl: PLAIN(),
			allowPlainHttp: true,
		});

		expect(tested.status).toBe('OK');
		expect(other.received.map((r) => r.headers.authorization)).toEqual(['Bearer tok-secret']);
	});

	test('on loopback (127.0.0.1, localhost) stays allowed', async () => {
		const onLocalhost = api.sandbox.url.replace('127.0.0.1', 'localhost');

		expect(await testCredential(api.credentials())).toMatchObject({ status: 'OK' });
		expect(await testCredential({ ...api.credentials(), baseUrl: onLocalhost })).toMatchObject({
			status: 'OK',
		});
		expect(api.sandbox.requests).toHaveLength(2);
	});

	test('Allow Plain HTTP is a credential switch, off by default, its hint naming the risk', () => {
		const field = new CallHistoryApi().properties.find((p) => p.name === 'allowPlainHttp');

		expect(field).toMatchObject({ type: 'boolean', default: false });
		expect(field.hint).toMatch(/unencrypted/);
	});
});
