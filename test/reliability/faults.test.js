'use strict';
// The faults a scheduled sync must ride out, each scripted in the sandbox: every test asserts the
// exact calls in the output (none lost, none twice) and what reached the sandbox, or the exact error.

const { useSandbox } = require('../harness/sandbox');
const { runNode, ids, callsBetween } = require('../harness/n8n');
const { DAY, generateCalls, makeCall, random } = require('../sandbox/seed');

const api = useSandbox();
const LIST = '/api/call_transaction/list';
const REPORT = '/api/call_transaction/report';
const JAN_1 = Date.UTC(2025, 11, 31, 17); // 2026-01-01 00:00 in Vietnam (UTC+7)
const FROM = JAN_1;
const TO = JAN_1 + 6 * DAY - 1;
const RATE_FIX =
	'the vendor rate-limited this account. Wait before running the workflow again, or run it less often.';

const iso = (ms) => new Date(ms).toISOString();
const getMany = (options = {}, parameters = {}) =>
	runNode({
		parameters: callsBetween(FROM, TO, {
			options: { requestsPerSecond: 0, ...options },
			...parameters,
		}),
		credentials: api.credentials(),
	});
/** The calls the sandbox holds in the range, newest first, as the node should output them. */
const expected = () => ids(api.sandbox.calls.range(FROM, TO));
/** The list requests, as "from/page" strings in the order they arrived. */
const asked = () => api.sandbox.received(LIST).map((r) => `${r.query.from_date}/${r.query.page}`);
const gapsMs = (requests) => requests.slice(1).map((r, i) => r.at - requests[i].at);

beforeEach(() =>
	api.sandbox.calls.replace(
		generateCalls({ from: FROM - DAY, to: TO + DAY, perDay: 40, seed: 31, recordingBase: 'x' }),
	),
);

describe('retried: the same request again, so no page is skipped or counted twice', () => {
	const SECOND_PAGE_OF_NEWEST = (q) => q.page === '2' && Number(q.to_date) === TO;
	const now = { 'retry-after': '0' };

	test.each([
		['HTTP 429, twice', { status: 429, body: { message: 'slow down' }, headers: now }, 2],
		['HTTP 502, twice', { status: 502, body: '<html>bad gateway</html>', headers: now }, 2],
		['HTTP 503, twice', { status: 503, body: { message: 'down' }, headers: now }, 2],
		['HTTP 504, twice', { status: 504, body: '', headers: now }, 2],
		['a connection reset, twice', { reset: true }, 2],
		['rate_limit_exceeded in an HTTP 200 envelope', { vendorError: 'rate_limit_exceeded' }, 1],
	])('%s', async (_name, respond, times) => {
		api.sandbox.fault({ path: LIST, match: SECOND_PAGE_OF_NEWEST, times, respond });

		const { json, error } = await getMany();

		expect(error).toBeUndefined();
		expect(ids(json)).toEqual(expected());
		const tries = api.sandbox.received(LIST).filter((r) => SECOND_PAGE_OF_NEWEST(r.query));
		expect(tries).toHaveLength(times + 1);
		expect(new Set(tries.map((r) => r.rawQuery)).size).toBe(1);
		// Every other request went out once.
		expect(new Set(asked()).size).toBe(asked().length - times);
	});

	test('a request that hangs is cut off after Timeout and sent again', async () => {
		api.sandbox.fault({ path: LIST, match: SECOND_PAGE_OF_NEWEST, respond: { hang: true } });

		const { json, error } = await getMany({ timeout: 1 });

		expect(error).toBeUndefined();
		expect(ids(json)).toEqual(expected());
		const [hung, again] = api.sandbox.received(LIST).filter((r) => SECOND_PAGE_OF_NEWEST(r.query));
		expect(again.at - hung.at).toBeGreaterThanOrEqual(1000);
	});

	test('a VBot rate limit (error 429 in the envelope)', async () => {
		api.sandbox.vbot.replace([]);
		api.sandbox.fault({
			path: '/api/crm/historycall/countAll',
			respond: { vendorError: 'rate_limit_exceeded' },
		});

		const { json, error } = await runNode({
			parameters: {
				resource: 'vbotCall',
				operation: 'count',
				vbotId: 'v',
				projectCode: 'p',
				phone: '0900000000',
			},
			credentials: api.credentials('vbot'),
		});

		expect(error).toBeUndefined();
		expect(json).toEqual([{ count: 0 }]);
		expect(api.sandbox.received('/api/crm/historycall/countAll')).toHaveLength(2);
	});

	test('waits grow exponentially, with jitter, when the vendor names no wait', async () => {
		api.sandbox.fault({
			path: LIST,
			match: SECOND_PAGE_OF_NEWEST,
			times: 2,
			respond: { status: 503 },
		});

		const { error } = await getMany();

		expect(error).toBeUndefined();
		const [first, second] = gapsMs(
			api.sandbox.received(LIST).filter((r) => SECOND_PAGE_OF_NEWEST(r.query)),
		);
		expect(first).toBeGreaterThanOrEqual(500);
		expect(first).toBeLessThan(1500);
		expect(second).toBeGreaterThanOrEqual(1000);
	});

	test.each([
		['in seconds', () => '1'],
		['as an HTTP date', () => new Date(Date.now() + 2000).toUTCString()],
	])('Retry-After %s is honoured', async (_name, retryAfter) => {
		api.sandbox.fault({
			path: LIST,
			match: SECOND_PAGE_OF_NEWEST,
			respond: { status: 429, headers: { 'retry-after': retryAfter() } },
		});

		const { json, error } = await getMany();

		expect(error).toBeUndefined();
		expect(ids(json)).toEqual(expected());
		const [gap] = gapsMs(api.sandbox.received(LIST).filter((r) => SECOND_PAGE_OF_NEWEST(r.query)));
		expect(gap).toBeGreaterThanOrEqual(900);
	});
});

describe('retries are bounded', () => {
	test('by Max Retries: the error says how often the node tried and how long it waited', async () => {
		api.sandbox.fault({
			path: LIST,
			times: 100,
			respond: { status: 503, headers: { 'retry-after': '0' } },
		});

		const { json, error } = await getMany({ maxRetries: 2 });

		expect(json).toEqual([]);
		expect(error.message).toBe(
			"HTTP 503: the vendor's server failed. Try again later. Gave up after 3 attempts and 0.0 s of waiting.",
		);
		expect(asked()).toEqual([
			`${TO - 3 * DAY + 1}/1`,
			`${TO - 3 * DAY + 1}/1`,
			`${TO - 3 * DAY + 1}/1`,
		]);
	});

	test('rate limits that outlast the retries: the vendor rate-limited the account, and the wait', async () => {
		api.sandbox.fault({
			path: LIST,
			times: 100,
			respond: { vendorError: 'rate_limit_exceeded' },
		});

		const { error } = await getMany({ maxRetries: 1 });

		expect(error.message).toMatch(
			new RegExp(
				`^rate_limit_exceeded: ${RATE_FIX.replace(/\./g, '\\.')} Gave up after 2 attempts and (0\\.[5-9]|1\\.0) s of waiting\\.$`,
			),
		);
		expect(asked()).toHaveLength(2);
	});

	test('limit_request_30_minute, a 30-minute budget, is not retried: the run stops at once and says when to run again', async () => {
		api.sandbox.fault({ path: LIST, respond: { vendorError: 'limit_request_30_minute' } });

		const { error } = await getMany({ maxRetries: 3 });

		expect(error.message).toBe(
			'limit_request_30_minute: the account has used up its requests for this 30 minutes. Run the workflow again in 30 minutes, and lower Requests per Second under Options or run it less often. The node did not retry: a retry now would spend more of the budget.',
		);
		expect(asked()).toHaveLength(1);
	});

	test('by Max Total Retry Wait: a Retry-After beyond it fails at once', async () => {
		api.sandbox.fault({ path: LIST, respond: { status: 429, headers: { 'retry-after': '120' } } });

		const { error } = await getMany({ maxRetryWait: 5 });

		expect(error.message).toBe(
			`HTTP 429: ${RATE_FIX} The vendor asked to wait 120.0 s, which would pass Max Total Retry Wait (5.0 s); gave up after 1 attempt and 0.0 s of waiting.`,
		);
		expect(asked()).toHaveLength(1);
	});

	test('Max Retries 0 turns retrying off', async () => {
		api.sandbox.fault({ path: LIST, respond: { status: 502, headers: { 'retry-after': '0' } } });

		const { error } = await getMany({ maxRetries: 0 });

		expect(error.message).toBe("HTTP 502: the vendor's server failed. Try again later.");
		expect(asked()).toHaveLength(1);
	});
});

describe('not retried', () => {
	test('an expired token in an envelope: one request, one error that says to renew the token', async () => {
		api.sandbox.expiredTokens.add('yesterdays-token');

		const { error } = await runNode({
			parameters: callsBetween(FROM, TO),
			credentials: api.credentials('callHistory', 'yesterdays-token'),
		});

		expect(error.message).toBe(
			"token_expired: the access token has expired or is wrong. Get a new token from the vendor and paste it into the credential's Access Token.",
		);
		expect(api.sandbox.requests).toHaveLength(1);
	});

	test('HTTP 401: only n8n’s own renew-and-resend, then one error', async () => {
		const { error } = await runNode({
			parameters: { resource: 'call', operation: 'get', transactionId: 'x' },
			credentials: api.credentials('callHistory', 'wrong-token'),
		});

		expect(error.message).toMatch(
			/^HTTP 401: the access token has expired or is wrong\. Get a new token/,
		);
		expect(error.message).not.toMatch(/Gave up/);
		// n8n's request helper sends a 401 once more after asking the credential to renew itself.
		expect(api.sandbox.requests).toHaveLength(2);
	});

	test.each([
		['a truncated body', { truncate: true }, 'is not JSON'],
		['a body that is not JSON', { status: 200, body: 'Service Unavailable' }, 'is not JSON'],
		['an envelope without payload', { status: 200, body: { status_code: 9999 } }, 'has no payload'],
		[
			'a payload without items',
			{ status: 200, body: { status_code: 9999, payload: {} } },
			'has no list of items in its payload',
		],
	])('%s: a NodeApiError naming operation, window and page', async (_name, respond, problem) => {
		api.sandbox.fault({ path: LIST, match: (q) => q.page === '2', respond });

		const { error, json } = await getMany();

		expect(json).toEqual([]);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`The Call History API sent an answer that ${problem}`);
		expect(error.description).toBe(
			"At Call › Get Many, window 2026-01-04T00:00:00.000+07:00 – 2026-01-06T23:59:59.999+07:00, page 2. Run the node again; if it keeps happening, the vendor's API has changed.",
		);
	});
});

describe('date_is_too_long within the documented limit: shorter windows', () => {
	test('the vendor allows one day: 3-day windows are halved until they pass, nothing lost or repeated', async () => {
		api.sandbox.settings.maxWindowMs = DAY;

		const { json, error } = await getMany({ pageSize: 20 });

		expect(error).toBeUndefined();
		expect(ids(json)).toEqual(expected());
		const accepted = [
			...new Map(
				api.sandbox.requests
					.filter(
						(r) =>
							r.query.page === '2' || Number(r.query.to_date) - Number(r.query.from_date) < DAY,
					)
					.map((r) => [r.query.from_date, [Number(r.query.from_date), Number(r.query.to_date)]]),
			).values(),
		];
		// Consecutive, newest first, each within the day the vendor allows, covering the range.
		expect(accepted[0][1]).toBe(TO);
		expect(accepted.at(-1)[0]).toBe(FROM);
		accepted.slice(1).forEach(([, to], i) => expect(to).toBe(accepted[i][0] - 1));
		accepted.forEach(([from, to]) => expect(to - from).toBeLessThan(DAY));
		// Refused: the first 3-day window, then its 1.5-day half; later windows are cut short at once.
		const refused = api.sandbox.requests.filter(
			(r) => Number(r.query.to_date) - Number(r.query.from_date) >= DAY,
		);
		expect(refused).toHaveLength(2);
	});

	test('Get Report adds up the shorter windows into the report of the whole range', async () => {
		const report = (options) =>
			runNode({
				parameters: {
					resource: 'call',
					operation: 'getReport',
					fromDate: iso(FROM),
					toDate: iso(TO),
					options,
				},
				credentials: api.credentials(),
			});
		api.sandbox.settings.maxWindowMs = 30 * DAY;
		const whole = await report({ windowDays: 30 });
		api.sandbox.settings.maxWindowMs = DAY;
		api.sandbox.reset();

		const { json, error } = await report({});

		expect(error).toBeUndefined();
		expect(whole.json).toHaveLength(1);
		expect(json).toEqual(whole.json);
		expect(api.sandbox.received(REPORT).length).toBeGreaterThan(6);
	});
});

describe('data moving while the node pages', () => {
	test('calls arriving at the top of the list between two pages: every call in range, once', async () => {
		const arrivals = [1, 2, 3, 4].map((i) => makeCall(random(900 + i), TO - i * 1000, 'x'));
		let arrived = false;
		api.sandbox.fault({
			path: LIST,
			match: (q) => q.page === '2' && Number(q.to_date) === TO,
			respond: {
				before: (sandbox) => {
					sandbox.calls.add(arrivals);
					arrived = true;
				},
			},
		});

		const { json, error } = await getMany({ pageSize: 25 });

		expect(arrived).toBe(true);
		expect(error).toBeUndefined();
		expect(new Set(ids(json)).size).toBe(json.length);
		expect(ids(json).sort()).toEqual(expected().sort());
		expect(ids(json)).toEqual(expect.arrayContaining(ids(arrivals)));
	});
});
