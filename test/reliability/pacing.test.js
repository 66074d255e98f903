'use strict';
// Requests per Second: one node never sends more than that to the vendor, across all windows,
// pages and input items of one run. Checked on the times the sandbox received the requests.

const { useSandbox } = require('../harness/sandbox');
const { runNode, ids, callsBetween } = require('../harness/n8n');
const { DAY, generateCalls } = require('../sandbox/seed');

// The vendor takes 6-day windows here, so that one window is one request per page.
const api = useSandbox({ maxWindowMs: 30 * 86_400_000 });
const LIST = '/api/call_transaction/list';
const JAN_1 = Date.UTC(2025, 11, 31, 17);

beforeEach(() =>
	api.sandbox.calls.replace(
		generateCalls({ from: JAN_1, to: JAN_1 + 6 * DAY, perDay: 40, seed: 41, recordingBase: 'x' }),
	),
);

/**
 * The most requests the sandbox received within any `spanMs`. The node keeps the pace when it
 * hands a request to n8n; what n8n does before the request reaches the wire (credentials, a new
 * connection: more on a loaded machine) shifts each arrival by up to tens of milliseconds. So the
 * per-second count is taken over a second less 100 ms, and the run's first request (late by the
 * run's one-off setup) is left out; the span below bounds the average rate without any slack.
 */
function mostWithin(requests, spanMs) {
	const times = requests
		.map((r) => r.at)
		.sort((a, b) => a - b)
		.slice(1);
	let most = 0;
	for (let first = 0, last = 0; last < times.length; last++) {
		while (times[last] - times[first] >= spanMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

/**
 * The time from the first request to the last. With several items in flight, each item's first
 * request arrives late by its own setup, so the one-second count above is the wrong yardstick
 * there; the span is not: n requests under one pace of r per second take at least (n - 1) / r.
 */
const spanMs = (requests) => requests.at(-1).at - requests[0].at;

const getMany = (options, extra = {}) =>
	runNode({
		parameters: callsBetween(JAN_1, JAN_1 + 6 * DAY - 1, { options: { pageSize: 10, ...options } }),
		credentials: api.credentials(),
		...extra,
	});

test('5 per second across windows and pages: never 6 within a second, and every call', async () => {
	const { json, error } = await getMany({ requestsPerSecond: 5 });

	expect(error).toBeUndefined();
	expect(ids(json)).toEqual(ids(api.sandbox.calls.range(JAN_1, JAN_1 + 6 * DAY - 1)));
	const requests = api.sandbox.received(LIST);
	expect(requests.length).toBeGreaterThan(20);
	expect(mostWithin(requests, 900)).toBeLessThanOrEqual(5);
	expect(spanMs(requests)).toBeGreaterThanOrEqual((requests.length - 1) * 200);
});

test('one pace for all input items of a run', async () => {
	const { json, error } = await getMany(
		{ requestsPerSecond: 4, windowDays: 6, pageSize: 50 },
		{ items: [{ json: {} }, { json: {} }, { json: {} }] },
	);

	expect(error).toBeUndefined();
	expect(json).toHaveLength(3 * 240);
	const requests = api.sandbox.received(LIST);
	expect(requests).toHaveLength(3 * 5);
	// One pace per item would take (5 - 1) / 4 s; one for the run takes 14 / 4 s, less the jitter.
	expect(spanMs(requests)).toBeGreaterThanOrEqual(13 * 250);
});

test('retries count against the pace too', async () => {
	api.sandbox.fault({
		path: LIST,
		times: 3,
		respond: { status: 503, headers: { 'retry-after': '0' } },
	});

	const { error } = await getMany({ requestsPerSecond: 2, windowDays: 6, pageSize: 50 });

	expect(error).toBeUndefined();
	const requests = api.sandbox.received(LIST);
	expect(requests).toHaveLength(3 + 5);
	// Unpaced retries would take (5 - 1) / 2 s; paced ones 7 / 2 s, less the jitter.
	expect(spanMs(requests)).toBeGreaterThanOrEqual(6.5 * 500);
});

test('0 turns pacing off: requests follow each other closer than any pace would keep them', async () => {
	const { error } = await getMany({ requestsPerSecond: 0 });

	expect(error).toBeUndefined();
	const times = api.sandbox.received(LIST).map((r) => r.at);
	const gaps = times.slice(1).map((at, i) => at - times[i]);
	// The default pace (10 per second) keeps every gap at 105 ms or more.
	expect(Math.min(...gaps)).toBeLessThan(100);
});
