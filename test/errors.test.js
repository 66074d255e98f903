'use strict';
// Vendor failures through n8n-core: every documented error code, HTTP failures and broken answers
// become NodeApiErrors that name the code and say what to do, and the token appears nowhere.
// Retries are off here (Max Retries 0), to see each failure as it is mapped; test/reliability/
// covers retrying, pacing and shorter windows.

const { inspect } = require('node:util');
const { useSandbox } = require('./harness/sandbox');
const { runNode } = require('./harness/n8n');
const { printedSince } = require('./harness/output');
const { DAY, generateCalls, makeCall, random } = require('./sandbox/seed');

const api = useSandbox();
const LIST = '/api/call_transaction/list';
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const VBOT_COUNT = {
	resource: 'vbotCall',
	operation: 'count',
	vbotId: 'v',
	projectCode: 'p',
	phone: '0900000000',
};
const RANGE = {
	fromDate: new Date(JAN_1).toISOString(),
	toDate: new Date(JAN_1 + DAY).toISOString(),
	returnAll: true,
	options: { maxRetries: 0 },
};
const TOKEN_FIX =
	"Get a new token from the vendor and paste it into the credential's Access Token.";
const RATE_FIX =
	'the vendor rate-limited this account. Wait before running the workflow again, or run it less often.';

beforeEach(() =>
	api.sandbox.calls.replace(generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 120, seed: 6 })),
);

const getMany = (extra = {}, parameters = {}) =>
	runNode({
		parameters: { resource: 'call', operation: 'getMany', ...RANGE, ...parameters },
		credentials: api.credentials(),
		...extra,
	});

describe('documented vendor error codes, in HTTP 200 envelopes', () => {
	test.each([
		['token_expired', `token_expired: the access token has expired or is wrong. ${TOKEN_FIX}`],
		[
			'permission_denied',
			'permission_denied: the token is not allowed to do this. Check the API permissions of the account in the vendor console.',
		],
		[
			'resource_not_found',
			'resource_not_found: no call has this transaction ID. Check Transaction ID, e.g. take it from the output of Get Many.',
		],
		['rate_limit_exceeded', `rate_limit_exceeded: ${RATE_FIX}`],
		[
			'limit_request_30_minute',
			'limit_request_30_minute: the account has used up its requests for this 30 minutes. Run the workflow again in 30 minutes, and lower Requests per Second under Options or run it less often. The node did not retry: a retry now would spend more of the budget.',
		],
		[
			'date_invalid',
			'date_invalid: the vendor refused the date range. Check From Date and To Date.',
		],
		[
			'from_date_is_required',
			'from_date_is_required: the vendor refused the date range. Check From Date and To Date.',
		],
		[
			'to_date_is_required',
			'to_date_is_required: the vendor refused the date range. Check From Date and To Date.',
		],
		[
			'some_new_code',
			'some_new_code: the vendor refused the request. Check the parameters of the node.',
		],
	])('%s', async (code, message) => {
		api.sandbox.fault({ path: LIST, match: (q) => q.page === '2', respond: { vendorError: code } });

		const { error, json } = await getMany();

		expect(json).toEqual([]);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(message);
		expect(error.description).toMatch(
			new RegExp(
				`^The Call History API answered ${code} to Call › Get Many, window 2026-01-01T00:00:00\\.000\\+07:00 – 2026-01-02T00:00:00\\.000\\+07:00, page 2\\.$`,
			),
		);
	});

	test('date_is_too_long for every window, down to one hour', async () => {
		api.sandbox.fault({ path: LIST, times: 100, respond: { vendorError: 'date_is_too_long' } });

		const { error } = await getMany();

		expect(error.message).toBe(
			'date_is_too_long: the date window is longer than the vendor allows. Lower "Days per Request" under Options. The vendor refused even a one-hour window, so the node stopped.',
		);
		expect(error.description).toMatch(
			/^The Call History API answered date_is_too_long to Call › Get Many, window 2026-01-01T23:\d\d:\d\d\.\d{3}\+07:00 – 2026-01-02T00:00:00\.000\+07:00, page 1\.$/,
		);
	});

	test('an expired token as the vendor answers it', async () => {
		api.sandbox.expiredTokens.add('yesterdays-token');

		const { error } = await runNode({
			parameters: { resource: 'call', operation: 'getMany', ...RANGE },
			credentials: api.credentials('callHistory', 'yesterdays-token'),
		});

		expect(error.message).toBe(
			`token_expired: the access token has expired or is wrong. ${TOKEN_FIX}`,
		);
	});

	test('resource_not_found as the vendor answers an unknown ID', async () => {
		const { error } = await runNode({
			parameters: { resource: 'call', operation: 'get', transactionId: 'no-such-call' },
			credentials: api.credentials(),
		});

		expect(error.message).toMatch(/^resource_not_found: /);
		expect(error.description).toBe(
			'The Call History API answered resource_not_found to Call › Get.',
		);
	});
});

describe('HTTP failures', () => {
	test('401: the token is wrong', async () => {
		const { error } = await runNode({
			parameters: { resource: 'call', operation: 'getMany', ...RANGE },
			credentials: api.credentials('callHistory', 'not-a-token'),
		});

		expect(error.message).toBe(`HTTP 401: the access token has expired or is wrong. ${TOKEN_FIX}`);
		expect(error.httpCode).toBe('401');
	});

	test('401 with token_expired in the body', async () => {
		// n8n's own request helper retries a 401 once (for credentials that can renew their token).
		api.sandbox.fault({
			path: LIST,
			times: 2,
			respond: { status: 401, body: { status_code: -9999, message: 'token_expired' } },
		});

		const { error } = await getMany();

		expect(error.message).toBe(`HTTP 401: the access token has expired or is wrong. ${TOKEN_FIX}`);
		expect(error.description).toContain('("token_expired")');
	});

	test.each([
		[403, 'HTTP 403: the token is not allowed to do this.'],
		[404, 'HTTP 404: the API was not found at this address. Check Base URL in the credential'],
		[429, `HTTP 429: ${RATE_FIX}`],
		[500, "HTTP 500: the vendor's server failed. Try again later."],
		[502, "HTTP 502: the vendor's server failed. Try again later."],
		[503, "HTTP 503: the vendor's server failed. Try again later."],
		[400, 'HTTP 400: the vendor refused the request. Check the parameters of the node.'],
	])('%i', async (status, message) => {
		api.sandbox.fault({ path: LIST, respond: { status, body: '<html>busy</html>' } });

		const { error } = await getMany();

		expect(error.message.startsWith(message)).toBe(true);
		expect(error.httpCode).toBe(String(status));
		expect(error.description).toContain('Call › Get Many, window');
	});

	test('a VBot 401', async () => {
		const { error } = await runNode({
			parameters: VBOT_COUNT,
			credentials: api.credentials('vbot', 'not-a-token'),
		});

		expect(error.message).toBe(`HTTP 401: the access token has expired or is wrong. ${TOKEN_FIX}`);
		expect(error.description).toContain('VBot API');
	});

	test('connection refused', async () => {
		const { error } = await runNode({
			parameters: { resource: 'call', operation: 'getMany', ...RANGE },
			credentials: { baseUrl: 'http://127.0.0.1:1', accessToken: api.sandbox.token },
		});

		expect(error.message).toBe(
			'ECONNREFUSED: could not reach the Call History API. Check Base URL in the credential and that this machine can reach it.',
		);
	});

	test('connection reset', async () => {
		api.sandbox.fault({ path: LIST, respond: { reset: true } });

		const { error } = await getMany();

		expect(error.message).toMatch(/^ECONNRESET: could not reach the Call History API/);
	});
});

describe('answers that break the API contract', () => {
	test.each([
		['a body that is not JSON', { status: 200, body: '<html>maintenance</html>' }, 'is not JSON'],
		['a truncated body', { truncate: true }, 'is not JSON'],
		[
			'an envelope without status_code',
			{ status: 200, body: { payload: { items: [] } } },
			'is not a Call History API envelope (no status_code)',
		],
		['an envelope without payload', { status: 200, body: { status_code: 9999 } }, 'has no payload'],
		[
			'a payload without items',
			{ status: 200, body: { status_code: 9999, payload: { total_items: 3 } } },
			'has no list of items in its payload',
		],
		[
			'items that are not calls',
			{ status: 200, body: { status_code: 9999, payload: { items: [1, 2] } } },
			'lists items that are not calls',
		],
		['a JSON array', { status: 200, body: [{ status_code: 9999 }, {}] }, 'is not a JSON object'],
	])(
		'%s is a NodeApiError naming the operation, window and page',
		async (_name, respond, problem) => {
			api.sandbox.fault({ path: LIST, match: (q) => q.page === '2', respond });

			const { error } = await getMany();

			expect(error.name).toBe('NodeApiError');
			expect(error.message).toBe(`The Call History API sent an answer that ${problem}`);
			expect(error.description).toMatch(
				/^At Call › Get Many, window 2026-01-01T00:00:00\.000\+07:00 – .*, page 2\./,
			);
		},
	);

	test('a VBot count that is not a number', async () => {
		api.sandbox.fault({
			path: '/api/crm/historycall/countAll',
			respond: { status: 200, body: { status: 1, error: 0, data: 'many' } },
		});

		const { error } = await runNode({
			parameters: VBOT_COUNT,
			credentials: api.credentials('vbot'),
		});

		expect(error.message).toBe(
			'The VBot API sent an answer that has a count that is not a whole number ("many")',
		);
	});
});

describe('Continue On Fail', () => {
	test('outputs an error item for the failing input and carries on', async () => {
		const call = makeCall(random(9), JAN_1 + 1000, api.sandbox.url);
		api.sandbox.calls.add(call);

		const { items, error } = await runNode({
			parameters: { resource: 'call', operation: 'get', transactionId: '={{ $json.id }}' },
			credentials: api.credentials(),
			continueOnFail: true,
			items: [
				{ json: { id: 'missing' } },
				{ json: { id: call.transaction_id } },
				{ json: { id: ' ' } },
			],
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.error).toMatch(/^resource_not_found: /);
		expect(items[1].json).toEqual(call);
		expect(items[2].json.error).toBe('Transaction ID is empty');
	});
});

describe('the access token appears nowhere', () => {
	const leaks = ({ run, error, printed }, token = api.sandbox.token) =>
		[JSON.stringify(run), inspect(error, { depth: 12, showHidden: true }), printed].filter((text) =>
			text.includes(token),
		);

	test.each([
		['HTTP 503', { path: LIST, respond: { status: 503, body: { message: 'down' } } }],
		['HTTP 500', { path: LIST, respond: { status: 500, body: 'boom' } }],
		['connection reset', { path: LIST, respond: { reset: true } }],
		['a vendor error envelope', { path: LIST, respond: { vendorError: 'permission_denied' } }],
		['a truncated answer', { path: LIST, respond: { truncate: true } }],
	])('when the request fails with %s', async (_name, fault) => {
		api.sandbox.fault(fault);

		const result = await getMany();

		expect(result.error).toBeDefined();
		expect(leaks(result)).toEqual([]);
	});

	test('when a request with Continue On Fail fails', async () => {
		api.sandbox.fault({ path: LIST, respond: { status: 502, body: 'bad gateway' } });

		const result = await getMany({ continueOnFail: true });

		expect(result.items[0].json.error).toMatch(/^HTTP 502/);
		expect(leaks(result)).toEqual([]);
	});

	test.each([
		['expired', 'token_expired'],
		['wrong', 'HTTP 401'],
	])('when the token is %s', async (kind, code) => {
		const token = `${kind}-token-6f1c2d9e8a7b`;
		api.sandbox.expiredTokens.add('expired-token-6f1c2d9e8a7b');

		const result = await runNode({
			parameters: { resource: 'call', operation: 'getMany', ...RANGE },
			credentials: api.credentials('callHistory', token),
		});

		expect(result.error.message.startsWith(code)).toBe(true);
		expect(leaks(result, token)).toEqual([]);
	});

	test('when the input is bad', async () => {
		const result = await getMany({}, { fromDate: 'yesterday' });

		expect(result.error.message).toMatch(/^From Date is not a valid date/);
		expect(leaks(result)).toEqual([]);
	});

	test('nothing that n8n or the node printed during this file holds a token', () => {
		const everything = printedSince(0);

		// n8n logs each failed execution's error; the record is not empty.
		expect(everything).toContain("HTTP 503: the vendor's server failed.");
		for (const token of [
			api.sandbox.token,
			'expired-token-6f1c2d9e8a7b',
			'wrong-token-6f1c2d9e8a7b',
			'yesterdays-token',
			'not-a-token',
		]) {
			expect(everything.includes(token)).toBe(false);
		}
	});
});
