'use strict';
// Call › Get Report through n8n-core against the sandbox: one request per window, merged answers.

const { useSandbox } = require('./harness/sandbox');
const { runNode } = require('./harness/n8n');
const { DAY, generateCalls } = require('./sandbox/seed');
const { envelope } = require('./sandbox/callHistoryApi');

const api = useSandbox();
const REPORT = '/api/call_transaction/report';
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const iso = (ms) => new Date(ms).toISOString();

function getReport(parameters) {
	return runNode({
		parameters: { resource: 'call', operation: 'getReport', ...parameters },
		credentials: api.credentials(),
	});
}

/** The sandbox's own report for [from, to] in one request, as if the vendor allowed any window. */
async function reportInOneRequest(from, to) {
	const { settings } = api.sandbox;
	const saved = settings.maxWindowMs;
	settings.maxWindowMs = Infinity;
	const response = await fetch(`${api.sandbox.url}${REPORT}?from_date=${from}&to_date=${to}`, {
		headers: { Authorization: `Bearer ${api.sandbox.token}` },
	});
	settings.maxWindowMs = saved;
	return (await response.json()).payload;
}

const byId = (entries) => [...entries].sort((a, b) => a._id.localeCompare(b._id));

describe('Call › Get Report', () => {
	test('a range inside one window is one request, answered as the API answers it', async () => {
		api.sandbox.calls.replace(
			generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 300, seed: 1 }),
		);

		const { json, error } = await getReport({ fromDate: iso(JAN_1), toDate: iso(JAN_1 + DAY) });

		expect(error).toBeUndefined();
		expect(api.sandbox.received(REPORT)).toHaveLength(1);
		expect(json).toEqual([await reportInOneRequest(JAN_1, JAN_1 + DAY)]);
	});

	test('over 10 days it asks per window and merges the answers into the report of the whole range', async () => {
		const from = JAN_1;
		const to = from + 10 * DAY - 1;
		api.sandbox.calls.replace(
			generateCalls({ from: from - DAY, to: to + DAY, perDay: 150, seed: 2 }),
		);

		const { json } = await getReport({ fromDate: iso(from), toDate: iso(to) });

		const requests = api.sandbox.received(REPORT);
		expect(requests).toHaveLength(4);
		const windows = requests
			.map((r) => [Number(r.query.from_date), Number(r.query.to_date)])
			.sort((a, b) => a[0] - b[0]);
		expect(windows[0][0]).toBe(from);
		expect(windows.at(-1)[1]).toBe(to);
		windows.slice(1).forEach((w, i) => expect(w[0]).toBe(windows[i][1] + 1));

		const whole = await reportInOneRequest(from, to);
		expect(json).toHaveLength(1);
		const [merged] = json;
		expect(Object.keys(merged).sort()).toEqual(Object.keys(whole).sort());
		expect(byId(merged.categorized_by_direction)).toEqual(byId(whole.categorized_by_direction));
		expect(byId(merged.categorized_by_disposition)).toEqual(byId(whole.categorized_by_disposition));
		expect(merged.categorized_by_local_direction).toEqual(whole.categorized_by_local_direction);
	});

	test('sums per _id, keeps an _id seen in one window, and keeps null only where every window says null', async () => {
		const windows = [
			{
				categorized_by_direction: [{ _id: 'inbound', total_count: 3, total_time: 100 }],
				categorized_by_disposition: [
					{ _id: 'answered', total_count: 2, total_outbound: 0, total_inbound: 2 },
				],
				categorized_by_local_direction: { total_call: null, total_call_answer: null },
			},
			{
				categorized_by_direction: [
					{ _id: 'outbound', total_count: 4, total_time: 50 },
					{ _id: 'inbound', total_count: 1, total_time: 7 },
				],
				categorized_by_disposition: [
					{ _id: 'answered', total_count: 5, total_outbound: 4, total_inbound: 1 },
				],
				categorized_by_local_direction: { total_call: 2, total_call_answer: null },
			},
		];
		for (const payload of windows)
			api.sandbox.fault({ path: REPORT, respond: { status: 200, body: envelope(payload) } });

		const { json } = await getReport({ fromDate: iso(JAN_1), toDate: iso(JAN_1 + 6 * DAY - 1) });

		expect(api.sandbox.received(REPORT)).toHaveLength(2);
		expect(json).toEqual([
			{
				categorized_by_direction: [
					{ _id: 'inbound', total_count: 4, total_time: 107 },
					{ _id: 'outbound', total_count: 4, total_time: 50 },
				],
				categorized_by_disposition: [
					{ _id: 'answered', total_count: 7, total_outbound: 4, total_inbound: 3 },
				],
				categorized_by_local_direction: { total_call: 2, total_call_answer: null },
			},
		]);
	});

	test('filters reach the wire: numbers[] and sip_user', async () => {
		api.sandbox.calls.replace(generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 50, seed: 3 }));

		await getReport({
			fromDate: iso(JAN_1),
			toDate: iso(JAN_1 + DAY),
			filters: { numbers: '842873001234, 842473005678', sipUser: '102' },
		});

		const [request] = api.sandbox.received(REPORT);
		expect(request.rawQuery).toContain('numbers%5B%5D=842873001234&numbers%5B%5D=842473005678');
		expect(request.query.sip_user).toBe('102');
	});

	test('Days per Request sets the report windows too', async () => {
		api.sandbox.calls.replace([]);

		await getReport({
			fromDate: iso(JAN_1),
			toDate: iso(JAN_1 + 2 * DAY - 1),
			options: { windowDays: 1 },
		});

		expect(api.sandbox.received(REPORT).map((r) => Number(r.query.from_date))).toEqual([
			JAN_1 + DAY,
			JAN_1,
		]);
	});
});
