'use strict';
// The credential knows its vendor: each operation and trigger source refuses, before any request,
// a credential of a platform it does not read, in one sentence naming both. Credentials saved
// before Platform existed keep working, told by their Base URL and authentication.

const { useSandbox } = require('./harness/sandbox');
const { runNode, callsBetween, testCredential } = require('./harness/n8n');
const { pollTrigger } = require('./harness/trigger');
const { DAY, generateCalls, generateVbotHistory } = require('./sandbox/seed');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const VBOT = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };
const RANGE = {
	fromDate: new Date(JAN_1).toISOString(),
	toDate: new Date(JAN_1 + DAY).toISOString(),
};

beforeEach(() => {
	api.sandbox.calls.replace(generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 10, seed: 3 }));
	api.sandbox.vbot.replace(generateVbotHistory({ ...VBOT, count: 3, newest: JAN_1, seed: 4 }));
});

const omicall = () => ({ platform: 'callHistory', ...api.credentials('callHistory') });
const vbotV2 = () => ({ platform: 'vbot', ...api.credentials('vbot') });
const vbotV3 = () => ({
	platform: 'vbotV3',
	authentication: 'vbotApiKey',
	baseUrl: `${api.sandbox.url}/vbot/v3.0`,
	vbotApiKey: 'key-not-used',
});

const OPERATIONS = {
	'Call › Get Many': callsBetween(JAN_1, JAN_1 + DAY),
	'Call › Get Report': { resource: 'call', operation: 'getReport', ...RANGE },
	'VBot Call › Get Many': { resource: 'vbotCall', operation: 'getMany', ...VBOT, returnAll: true },
	'VBot Call Log › Count': { resource: 'vbotCallLog', operation: 'count', ...RANGE },
};

test.each([
	[
		'Call › Get Many',
		vbotV2,
		'This credential is for VBot v2; Call operations read OMICall: pick or create an OMICall credential',
	],
	[
		'Call › Get Report',
		vbotV3,
		'This credential is for VBot v3; Call operations read OMICall: pick or create an OMICall credential',
	],
	[
		'VBot Call › Get Many',
		omicall,
		'This credential is for OMICall; VBot Call operations read VBot v2 or VBot v3: pick or create a VBot v2 or VBot v3 credential',
	],
	[
		'VBot Call Log › Count',
		vbotV2,
		'This credential is for VBot v2; VBot Call Log operations read VBot v3: pick or create a VBot v3 credential',
	],
])(
	'%s with a credential of another platform is refused before any request',
	async (name, credentials, message) => {
		const { error } = await runNode({ parameters: OPERATIONS[name], credentials: credentials() });

		expect(error?.message).toBe(message);
		expect(api.sandbox.requests).toEqual([]);
	},
);

test('a trigger source with a credential of another platform is refused before any request', async () => {
	const polled = await pollTrigger({
		parameters: { source: 'vbotCallLog', startFrom: 'date', startDate: RANGE.fromDate },
		credentials: omicall(),
	});

	expect(polled.error?.message).toBe(
		'This credential is for OMICall; the VBot Call Log (Whole Project) source reads VBot v3: pick or create a VBot v3 credential',
	);
	expect(api.sandbox.requests).toEqual([]);
});

test('a credential whose Base URL is another platform’s is refused before any request, with the URL to set', async () => {
	const { error } = await runNode({
		parameters: OPERATIONS['VBot Call Log › Count'],
		credentials: { ...vbotV3(), baseUrl: 'https://public-v1.omicall.com/' },
	});

	expect(error?.message).toBe(
		"This credential is for VBot v3, but its Base URL is OMICall's: set Base URL to https://open-api-h01.vbot.vn/v3.0",
	);
	expect(api.sandbox.requests).toEqual([]);
});

describe('credentials saved before Platform existed', () => {
	test.each([
		['a pasted token with an OMICall Base URL', () => api.credentials('callHistory'), 'call'],
		['a pasted token with a VBot Base URL', () => api.credentials('vbot'), 'vbotCall'],
		['a VBot username and password', () => api.credentials('vbotPassword'), 'vbotCall'],
	])('%s keeps working', async (_, credentials, resource) => {
		const parameters =
			resource === 'call' ? OPERATIONS['Call › Get Many'] : OPERATIONS['VBot Call › Get Many'];

		const { json, error } = await runNode({ parameters, credentials: credentials() });

		expect(error).toBeUndefined();
		expect(json.length).toBeGreaterThan(0);
	});

	test('the credential test asks each platform’s own read-only request', async () => {
		await testCredential(api.credentials('callHistory'));
		await testCredential(api.credentials('vbot'));

		expect(api.sandbox.requests.map((r) => [r.platform, r.path])).toEqual([
			['callHistory', '/api/call_transaction/report'],
			['vbot', '/api/crm/historycall/countAll'],
		]);
	});
});
