'use strict';
// Every request to OMICall's Call History API carries Content-Type: application/json (issue 23):
// the action node's list, detail, change and report, the trigger's list, the credential test and
// the token request. VBot's token request keeps its form body.

const { useSandbox } = require('./harness/sandbox');
const { runNode, testCredential, callsBetween } = require('./harness/n8n');
const { pollTrigger } = require('./harness/trigger');
const { DAY, generateCalls } = require('./sandbox/seed');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const iso = (ms) => new Date(ms).toISOString();

beforeEach(() => {
	api.sandbox.calls.replace(generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 20, seed: 23 }));
});

test('every OMICall request carries content-type: application/json', async () => {
	const [call] = api.sandbox.calls.range(JAN_1, JAN_1 + DAY);
	const id = call.transaction_id;
	const run = async (parameters) => {
		// A fresh API-key credential each time: each run asks the token endpoint too.
		const { error } = await runNode({
			parameters: { resource: 'call', ...parameters },
			credentials: api.credentials('callHistoryApiKey'),
		});
		expect(error).toBeUndefined();
	};

	await run(callsBetween(JAN_1, JAN_1 + DAY));
	await run({ operation: 'get', transactionId: id });
	await run({ operation: 'update', transactionId: id, note: 'Gọi lại' });
	await run({ operation: 'getReport', fromDate: iso(JAN_1), toDate: iso(JAN_1 + DAY) });
	const polled = await pollTrigger({
		parameters: { source: 'callHistory', settleMinutes: 0, options: { requestsPerSecond: 0 } },
		credentials: api.credentials('callHistoryApiKey'),
	});
	expect(polled.error).toBeUndefined();
	expect(await testCredential(api.credentials('callHistoryApiKey'))).toMatchObject({
		status: 'OK',
	});

	const requests = api.sandbox.received(undefined, 'callHistory');
	const kinds = new Set(
		requests.map((r) => r.path.replace(/\/[^/]*$/, (tail) => (tail.includes(id) ? '/:id' : tail))),
	);
	expect([...kinds].sort()).toEqual([
		'/api/auth',
		'/api/call_transaction/change/:id',
		'/api/call_transaction/detail/:id',
		'/api/call_transaction/list',
		'/api/call_transaction/report',
	]);
	const without = requests.filter((r) => !/^application\/json\b/.test(r.contentType ?? ''));
	expect(without.map((r) => `${r.method} ${r.path}`)).toEqual([]);
});

test("VBot's token request keeps its form body", async () => {
	const { error } = await runNode({
		parameters: {
			resource: 'vbotCall',
			operation: 'count',
			vbotId: 'VB1',
			projectCode: 'P1',
			phone: '0912345678',
		},
		credentials: api.credentials('vbotPassword'),
	});

	expect(error).toBeUndefined();
	const [token] = api.sandbox.received('/token', 'vbot');
	expect(token.contentType).toMatch(/^application\/x-www-form-urlencoded/);
});
