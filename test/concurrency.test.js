'use strict';
// Options › Concurrency: Get Many and Get Report read several date windows at once, and their
// output is the very output of reading the windows one by one.

const { useSandbox } = require('./harness/sandbox');
const { runNode, ids, callsBetween } = require('./harness/n8n');
const { DAY, generateCalls, makeCall, random } = require('./sandbox/seed');

// Every answer takes 30 ms, so that windows read at once overlap at the sandbox.
const api = useSandbox({ latencyMs: 30 });
const LIST = '/api/call_transaction/list';
const REPORT = '/api/call_transaction/report';
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const FROM = JAN_1;
const TO = JAN_1 + 12 * DAY - 1;
// 2-day windows over 12 days: six windows, cut back from To Date.
const WINDOW_STARTS = [0, 1, 2, 3, 4, 5].map((i) => TO - (i + 1) * 2 * DAY + 1);

beforeEach(() => {
	const calls = generateCalls({ from: FROM, to: TO, perDay: 30, seed: 51, recordingBase: 'x' });
	// A call on, and 1 ms either side of, every window edge.
	WINDOW_STARTS.forEach((edge, i) => {
		for (const [offset, seed] of [
			[-1, 500],
			[0, 600],
			[1, 700],
		]) {
			if (edge + offset >= FROM) calls.push(makeCall(random(seed + i), edge + offset, 'x'));
		}
	});
	api.sandbox.calls.replace(calls);
});

const listOptions = (options) => ({
	windowDays: 2,
	pageSize: 10,
	requestsPerSecond: 0,
	...options,
});

async function getMany(options, extra = {}) {
	api.sandbox.reset();
	const run = await runNode({
		parameters: callsBetween(FROM, TO, { options: listOptions(options), ...extra }),
		credentials: api.credentials(),
	});
	return { ...run, requests: api.sandbox.received(LIST), most: api.sandbox.mostInFlight };
}

describe('Concurrency', () => {
	test('1, 2, 4 and 8 windows at once: the same calls in the same order, the same requests', async () => {
		const inRange = ids(api.sandbox.calls.range(FROM, TO));
		const one = await getMany({ concurrency: 1 });
		expect(one.error).toBeUndefined();
		expect(ids(one.json)).toEqual(inRange);
		expect(one.most).toBe(1);

		for (const concurrency of [2, 4, 8]) {
			const run = await getMany({ concurrency });
			expect(run.error).toBeUndefined();
			expect(ids(run.json)).toEqual(inRange);
			expect(run.requests).toHaveLength(one.requests.length);
			// The sandbox saw windows read side by side, never more than Concurrency of them.
			expect(run.most).toBeGreaterThan(1);
			expect(run.most).toBeLessThanOrEqual(concurrency);
			const asked = (requests) => requests.map((r) => r.rawQuery).sort();
			expect(asked(run.requests)).toEqual(asked(one.requests));
		}
	});

	test('with a Limit, the first Limit calls of the one-by-one output', async () => {
		const one = await getMany({ concurrency: 1 }, { returnAll: false, limit: 95 });
		const four = await getMany({ concurrency: 4 }, { returnAll: false, limit: 95 });
		expect(four.error).toBeUndefined();
		expect(ids(four.json)).toEqual(ids(one.json));
		expect(ids(four.json)).toEqual(ids(api.sandbox.calls.range(FROM, TO)).slice(0, 95));
		// Nothing is still being read once the node has answered.
		expect(api.sandbox.inFlight).toBe(0);
	});

	test('a failing window fails the run once every newer window is output; not when the Limit is met first', async () => {
		const failFourth = () =>
			api.sandbox.fault({
				path: LIST,
				match: (query) => query.from_date === String(WINDOW_STARTS[3]),
				respond: { status: 503, body: { message: 'busy' } },
				times: 100,
			});
		api.sandbox.reset();
		failFourth();
		const all = await runNode({
			parameters: callsBetween(FROM, TO, {
				options: listOptions({ concurrency: 4, maxRetries: 0 }),
			}),
			credentials: api.credentials(),
			continueOnFail: true,
		});
		expect(all.items).toHaveLength(1);
		expect(all.items[0].json.error).toMatch(/^HTTP 503/);
		// The newer windows were read before the failure was reported, the older ones not started.
		const asked = new Set(api.sandbox.received(LIST).map((r) => Number(r.query.from_date)));
		expect(WINDOW_STARTS.slice(0, 3).every((start) => asked.has(start))).toBe(true);
		expect(asked.has(WINDOW_STARTS[5])).toBe(false);

		api.sandbox.reset();
		failFourth();
		const limited = await runNode({
			parameters: callsBetween(FROM, TO, {
				returnAll: false,
				limit: 30,
				options: listOptions({ concurrency: 4, maxRetries: 0 }),
			}),
			credentials: api.credentials(),
		});
		expect(limited.error).toBeUndefined();
		expect(ids(limited.json)).toEqual(ids(api.sandbox.calls.range(FROM, TO)).slice(0, 30));
	});

	test('windows the vendor finds too long are halved, side by side too', async () => {
		api.sandbox.settings.maxWindowMs = DAY;
		const run = await getMany({ concurrency: 4, windowDays: 3 });
		expect(run.error).toBeUndefined();
		expect(ids(run.json)).toEqual(ids(api.sandbox.calls.range(FROM, TO)));
		expect(run.most).toBeLessThanOrEqual(4);
	});

	test('Get Report: one request per window, merged to the one-by-one report', async () => {
		const report = async (concurrency) => {
			api.sandbox.reset();
			const run = await runNode({
				parameters: {
					resource: 'call',
					operation: 'getReport',
					fromDate: new Date(FROM).toISOString(),
					toDate: new Date(TO).toISOString(),
					options: { windowDays: 2, concurrency, requestsPerSecond: 0 },
				},
				credentials: api.credentials(),
			});
			return { ...run, requests: api.sandbox.received(REPORT).length };
		};
		const one = await report(1);
		const four = await report(4);
		expect(one.error).toBeUndefined();
		expect(four.error).toBeUndefined();
		expect(four.json).toEqual(one.json);
		expect(one.requests).toBe(6);
		expect(four.requests).toBe(6);
		expect(api.sandbox.mostInFlight).toBeGreaterThan(1);
	});
});
