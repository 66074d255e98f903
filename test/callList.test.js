'use strict';
// Call › Get Many through n8n-core against the sandbox: windows, pages, limit, filters and dates.

const { useSandbox } = require('./harness/sandbox');
const { runNode, ids } = require('./harness/n8n');
const { DAY, generateCalls, makeCall, random } = require('./sandbox/seed');
const { fewestListRequests: fewestRequests } = require('../bench/lib/minimum');

const api = useSandbox();
const LIST = '/api/call_transaction/list';
const JAN_1 = Date.UTC(2025, 11, 31, 17); // 2026-01-01 00:00 in Vietnam (UTC+7)

function getMany(parameters, extra = {}) {
	return runNode({
		parameters: { resource: 'call', operation: 'getMany', ...parameters },
		credentials: api.credentials(),
		...extra,
	});
}

const iso = (ms) => new Date(ms).toISOString();
const callAt = (ms, seed) => makeCall(random(seed), ms, api.sandbox.url);
const listRequests = () => api.sandbox.received(LIST);
const windowsAsked = () => [
	...new Map(
		listRequests().map((r) => [
			r.query.from_date,
			{ from: Number(r.query.from_date), to: Number(r.query.to_date) },
		]),
	).values(),
];

describe('Call › Get Many', () => {
	test('Return All over 10 days returns every call in range exactly once, with calls on every window edge', async () => {
		const from = JAN_1;
		const to = from + 10 * DAY - 1;
		const calls = generateCalls({
			from: from - 2 * DAY,
			to: to + 2 * DAY,
			perDay: 40,
			seed: 11,
			recordingBase: api.sandbox.url,
		});
		// The node cuts 3-day windows back from To Date; put calls on, and 1 ms around, every edge.
		const edges = [from, to + 1, to - 3 * DAY + 1, to - 6 * DAY + 1, to - 9 * DAY + 1];
		edges.forEach((edge, i) =>
			calls.push(callAt(edge - 1, 100 + i), callAt(edge, 200 + i), callAt(edge + 1, 300 + i)),
		);
		api.sandbox.calls.replace(calls);

		const { json, error } = await getMany({
			fromDate: iso(from),
			toDate: iso(to),
			returnAll: true,
		});

		expect(error).toBeUndefined();
		const expected = api.sandbox.calls.range(from, to);
		expect(ids(json)).toEqual(ids(expected));
		expect(new Set(ids(json)).size).toBe(json.length);
		expect(json.length).toBeGreaterThan(400);
		for (const edge of edges.slice(2)) {
			expect(
				json.filter((c) => c.created_date === edge || c.created_date === edge - 1),
			).toHaveLength(2);
		}
		expect(json.some((c) => c.created_date === from - 1 || c.created_date === to + 1)).toBe(false);

		const windows = windowsAsked().sort((a, b) => a.from - b.from);
		expect(windows).toHaveLength(4);
		expect(windows[0].from).toBe(from);
		expect(windows.at(-1).to).toBe(to);
		windows.slice(1).forEach((w, i) => expect(w.from).toBe(windows[i].to + 1));
		windows.forEach((w) => expect(w.to - w.from + 1).toBeLessThanOrEqual(3 * DAY));
		// Newest window first.
		expect(Number(listRequests()[0].query.to_date)).toBe(to);
	});

	test('outputs each call as the API returns it', async () => {
		const call = callAt(JAN_1 + 5000, 7);
		api.sandbox.calls.replace([call]);

		const { json } = await getMany({
			fromDate: iso(JAN_1),
			toDate: iso(JAN_1 + DAY),
			returnAll: true,
		});

		expect(json).toEqual([call]);
	});

	test('a range inside one window costs one request', async () => {
		api.sandbox.calls.replace(
			generateCalls({ from: JAN_1, to: JAN_1 + 2 * DAY, perDay: 10, seed: 3 }),
		);

		const { json } = await getMany({
			fromDate: iso(JAN_1),
			toDate: iso(JAN_1 + 2 * DAY),
			returnAll: true,
		});

		expect(json).toHaveLength(20);
		expect(listRequests()).toHaveLength(1);
	});

	test.each([10, 120, 350, 1000])(
		'Limit %i stops asking as soon as it holds Limit calls',
		async (limit) => {
			const from = JAN_1;
			const to = from + 9 * DAY - 1;
			api.sandbox.calls.replace(generateCalls({ from, to, perDay: 100, seed: 5 }));

			const { json } = await getMany({
				fromDate: iso(from),
				toDate: iso(to),
				returnAll: false,
				limit,
			});

			const all = api.sandbox.calls.range(from, to);
			expect(ids(json)).toEqual(ids(all.slice(0, limit)));
			const counts = [2, 1, 0].map(
				(k) => api.sandbox.calls.range(from + k * 3 * DAY, from + (k + 1) * 3 * DAY - 1).length,
			);
			const size = Math.min(50, limit);
			expect(listRequests()).toHaveLength(fewestRequests(counts, limit, size));
			listRequests().forEach((r) => expect(r.query.size).toBe(String(size)));
		},
	);

	test('follows the paging block when the server caps the page size below the size asked for', async () => {
		api.sandbox.settings.maxPageSize = 20;
		api.sandbox.calls.replace(
			generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 130, seed: 9 }),
		);

		const { json } = await getMany({
			fromDate: iso(JAN_1),
			toDate: iso(JAN_1 + DAY),
			returnAll: true,
		});

		expect(ids(json)).toEqual(ids(api.sandbox.calls.range(JAN_1, JAN_1 + DAY)));
		expect(listRequests().map((r) => r.query.page)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
		listRequests().forEach((r) => expect(r.query.size).toBe('50'));
	});

	test('calls arriving at the top while it pages: the pushed-down duplicates dropped, the arrivals read', async () => {
		const to = JAN_1 + DAY;
		api.sandbox.calls.replace(generateCalls({ from: JAN_1, to, perDay: 120, seed: 21 }));
		const before = ids(api.sandbox.calls.range(JAN_1, to));
		api.sandbox.fault({
			path: LIST,
			match: (query) => query.page === '2',
			respond: {
				before: (sandbox) => sandbox.calls.add([1, 2, 3].map((i) => callAt(to - i, 500 + i))),
			},
		});

		const { json } = await getMany({ fromDate: iso(JAN_1), toDate: iso(to), returnAll: true });

		expect(new Set(ids(json)).size).toBe(json.length);
		expect(ids(json).sort()).toEqual(ids(api.sandbox.calls.range(JAN_1, to)).sort());
		expect(json).toHaveLength(before.length + 3);
	});

	test('Days per Request sets the window length', async () => {
		api.sandbox.calls.replace(
			generateCalls({ from: JAN_1, to: JAN_1 + 3 * DAY - 1, perDay: 5, seed: 4 }),
		);

		const { json } = await getMany({
			fromDate: iso(JAN_1),
			toDate: iso(JAN_1 + 3 * DAY - 1),
			returnAll: true,
			options: { windowDays: 1, pageSize: 10 },
		});

		expect(json).toHaveLength(15);
		expect(windowsAsked()).toEqual([
			{ from: JAN_1 + 2 * DAY, to: JAN_1 + 3 * DAY - 1 },
			{ from: JAN_1 + DAY, to: JAN_1 + 2 * DAY - 1 },
			{ from: JAN_1, to: JAN_1 + DAY - 1 },
		]);
		listRequests().forEach((r) => expect(r.query.size).toBe('10'));
	});

	describe('filters reach the wire', () => {
		beforeEach(() =>
			api.sandbox.calls.replace(
				generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 200, seed: 8 }),
			),
		);

		const range = { fromDate: iso(JAN_1), toDate: iso(JAN_1 + DAY), returnAll: true };

		test('agents from comma-separated text, as agents[]', async () => {
			const { json } = await getMany({
				...range,
				filters: { agents: ' lan.nguyen@sieuthi-abc.vn , minh.tran@sieuthi-abc.vn,' },
			});

			const [request] = listRequests();
			expect(request.rawQuery).toContain(
				'agents%5B%5D=lan.nguyen%40sieuthi-abc.vn&agents%5B%5D=minh.tran%40sieuthi-abc.vn',
			);
			expect(request.query.agents).toEqual([
				'lan.nguyen@sieuthi-abc.vn',
				'minh.tran@sieuthi-abc.vn',
			]);
			expect(json.length).toBeGreaterThan(0);
			json.forEach((c) =>
				expect(['lan.nguyen@sieuthi-abc.vn', 'minh.tran@sieuthi-abc.vn']).toContain(
					c.user[0].email,
				),
			);
		});

		test('agents from an expression giving an array', async () => {
			await getMany({ ...range, filters: { agents: '={{ ["ha.pham@sieuthi-abc.vn"] }}' } });

			expect(listRequests()[0].query.agents).toEqual(['ha.pham@sieuthi-abc.vn']);
		});

		test('direction, as direction[]', async () => {
			const { json } = await getMany({ ...range, filters: { direction: ['inbound', 'local'] } });

			expect(listRequests()[0].rawQuery).toContain('direction%5B%5D=inbound&direction%5B%5D=local');
			expect(new Set(json.map((c) => c.direction))).toEqual(new Set(['inbound', 'local']));
		});

		test.each([
			['disposition', 'cancelled', 'disposition', 'cancelled'],
			['isAutoCall', true, 'is_auto_call', 'true'],
			['isAutoCall', false, 'is_auto_call', 'false'],
			['keyword', ' Nguyễn ', 'keyword', 'Nguyễn'],
			['sipUser', '103', 'sip_user', '103'],
			['sourceNumber', '842873001234', 'source_number', '842873001234'],
			['destinationNumber', '842473005678', 'destination_number', '842473005678'],
		])('%s = %j is sent as %s=%s', async (filter, value, wireName, wireValue) => {
			await getMany({ ...range, filters: { [filter]: value } });

			const { query } = listRequests()[0];
			expect(query[wireName]).toBe(wireValue);
			expect(Object.keys(query).sort()).toEqual(
				['from_date', 'page', 'size', 'to_date', wireName].sort(),
			);
		});

		test('a blank text filter is not sent', async () => {
			await getMany({ ...range, filters: { keyword: '   ', sipUser: '' } });

			expect(Object.keys(listRequests()[0].query).sort()).toEqual([
				'from_date',
				'page',
				'size',
				'to_date',
			]);
		});

		test('combined filters narrow the answer', async () => {
			const { json } = await getMany({
				...range,
				filters: { direction: ['outbound'], disposition: 'answered', sipUser: '101' },
			});

			expect(json.length).toBeGreaterThan(0);
			json.forEach((c) =>
				expect([c.direction, c.disposition, c.sip_user]).toEqual(['outbound', 'answered', '101']),
			);
		});
	});

	describe('dates', () => {
		beforeEach(() => api.sandbox.calls.replace([]));

		const asked = () => ({
			from: Number(listRequests()[0].query.from_date),
			to: Number(listRequests()[0].query.to_date),
		});

		test("a date-time from the date picker is read in the workflow's time zone", async () => {
			const range = {
				fromDate: '2026-01-05T00:00:00',
				toDate: '2026-01-05T23:59:59',
				returnAll: true,
			};

			await getMany(range, { timezone: 'Asia/Ho_Chi_Minh' });
			expect(asked()).toEqual({
				from: Date.UTC(2026, 0, 4, 17),
				to: Date.UTC(2026, 0, 5, 16, 59, 59),
			});

			api.sandbox.reset();
			await getMany(range, { timezone: 'America/New_York' });
			expect(asked()).toEqual({
				from: Date.UTC(2026, 0, 5, 5),
				to: Date.UTC(2026, 0, 6, 4, 59, 59),
			});
		});

		test('an ISO date-time with an offset keeps its offset', async () => {
			await getMany(
				{
					fromDate: '2026-01-05T08:30:00.250+07:00',
					toDate: '2026-01-05T09:00:00Z',
					returnAll: true,
				},
				{ timezone: 'Europe/Berlin' },
			);

			expect(asked()).toEqual({
				from: Date.UTC(2026, 0, 5, 1, 30, 0, 250),
				to: Date.UTC(2026, 0, 5, 9),
			});
		});

		test('epoch milliseconds and a Luxon DateTime from expressions', async () => {
			await getMany({
				fromDate: `={{ ${Date.UTC(2026, 0, 5)} }}`,
				toDate: '={{ DateTime.fromISO("2026-01-06T00:00:00.999+07:00") }}',
				returnAll: true,
			});

			expect(asked()).toEqual({
				from: Date.UTC(2026, 0, 5),
				to: Date.UTC(2026, 0, 5, 17, 0, 0, 999),
			});
		});

		test('both bounds are inclusive to the millisecond', async () => {
			const from = JAN_1 + 1234;
			const to = JAN_1 + DAY + 5678;
			api.sandbox.calls.replace([from - 1, from, to, to + 1].map((ms, i) => callAt(ms, 40 + i)));

			const { json } = await getMany({ fromDate: iso(from), toDate: iso(to), returnAll: true });

			expect(json.map((c) => c.created_date)).toEqual([to, from]);
		});
	});
});
