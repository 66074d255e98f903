'use strict';
// VBot v3 through n8n-core against the sandbox: the project's call log (Get Many, Count, Get) read
// window by window and page by page from 0, every filter on the wire, a server's page cap, Call
// Type's several values, the record endpoint with the key and to the Base URL's host only,
// Simplify, the customer history with a v3 key, the key refused, and the trigger's third source.

const { useSandbox } = require('./harness/sandbox');
const { useOtherHost } = require('./harness/otherHost');
const { runNode, testCredential } = require('./harness/n8n');
const { triggerPoller } = require('./harness/trigger');
const {
	DAY,
	generateVbotHistory,
	generateVbotV3Calls,
	makeVbotV3Call,
	random,
} = require('./sandbox/seed');

const api = useSandbox();
const other = useOtherHost();
const LOG = '/m-cdr/api/call/get-all';
const COUNT = '/m-cdr/api/call/count-all';
const DETAIL = '/m-cdr/api/call/get-detail';
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const iso = (ms) => new Date(ms).toISOString();
const unpaced = { requestsPerSecond: 0 };

const log = (path = LOG) => api.sandbox.received(path, 'vbotV3');
const callsOf = (from, to) => api.sandbox.vbotCalls.range(from, to);
const transIds = (calls) => calls.map((call) => call.trans_id);

function run(parameters, credentials = api.credentials('vbotV3')) {
	return runNode({ parameters: { resource: 'vbotCallLog', ...parameters }, credentials });
}
const getMany = (from, to, extra = {}) =>
	run({
		operation: 'getMany',
		fromDate: iso(from),
		toDate: iso(to),
		returnAll: true,
		...extra,
		options: { ...unpaced, ...extra.options },
	});

beforeEach(() =>
	api.sandbox.vbotCalls.replace(
		generateVbotV3Calls({ from: JAN_1, to: JAN_1 + 10 * DAY - 1, perDay: 30, seed: 31 }),
	),
);

describe('VBot Call Log › Get Many', () => {
	test('every call of the range once, window by window, pages from 0, with the key and has_hotline=1', async () => {
		const from = JAN_1;
		const to = JAN_1 + 10 * DAY - 1;

		const { json, error } = await getMany(from, to, { options: { windowDays: 3, pageSize: 20 } });

		expect(error).toBeUndefined();
		expect(transIds(json)).toEqual(transIds(callsOf(from, to)));
		expect(json.some((call) => !call.hotline)).toBe(true);
		const windows = new Set(log().map((r) => `${r.query.from}-${r.query.to}`));
		expect(windows.size).toBe(4);
		for (const request of log()) {
			expect(request.auth).toBe('ok');
			expect(request.query.has_hotline).toBe('1');
		}
		const firstOfWindow = log().filter((r) => r.query.page === '0');
		expect(firstOfWindow).toHaveLength(4);
		expect(log().every((r) => Number(r.query.page) >= 0)).toBe(true);
	});

	test('a server that serves fewer per page than asked: one count tells, and nothing is lost', async () => {
		api.sandbox.settings.vbotV3MaxPageSize = 17;
		const from = JAN_1;
		const to = JAN_1 + 3 * DAY - 1;

		const { json, error } = await getMany(from, to, { options: { pageSize: 50 } });

		expect(error).toBeUndefined();
		expect(transIds(json)).toEqual(transIds(callsOf(from, to)));
		expect(log(COUNT)).toHaveLength(1);
		expect(log().length).toBe(Math.ceil(json.length / 17) + (json.length % 17 === 0 ? 1 : 0));
	});

	test.each([
		['its bounds called a bad parameter', 'Tham số from không hợp lệ'],
		['an English message that happens to contain "to"', 'Failed to connect to the database'],
	])(
		'a bad parameter (error -1, %s) fails with advice, and no window is halved',
		async (_, message) => {
			api.sandbox.fault({
				platform: 'vbotV3',
				path: LOG,
				times: Infinity,
				respond: { status: 200, body: { error: -1, message, data: null } },
			});

			const { error } = await getMany(JAN_1, JAN_1 + 10 * DAY - 1, { options: { windowDays: 10 } });

			expect(error?.message).toBe(
				'error -1: VBot refused a parameter of the request. Check From Date, To Date and the filters. If VBot refuses long date ranges, lower "Days per Request" under Options.',
			);
			expect(log()).toHaveLength(1);
		},
	);

	test.each([
		['withHotline', '-1', (call) => Boolean(call.hotline)],
		['withoutHotline', '0', (call) => !call.hotline],
		['all', '1', () => true],
	])(
		'Hotline Calls %s is sent as has_hotline=%s, on every page and count, and VBot answers those calls',
		async (hotlineScope, sent, wanted) => {
			const from = JAN_1;
			const to = JAN_1 + 3 * DAY - 1;

			const listed = await getMany(from, to, { filters: { hotlineScope } });
			const counted = await run({
				operation: 'count',
				fromDate: iso(from),
				toDate: iso(to),
				filters: { hotlineScope },
			});

			const expected = callsOf(from, to).filter(wanted);
			expect(expected.length).toBeGreaterThan(0);
			expect(transIds(listed.json)).toEqual(transIds(expected));
			expect(counted.json).toEqual([{ count: expected.length }]);
			const asked = [...log(), ...log(COUNT)];
			expect(asked.every((request) => request.query.has_hotline === sent)).toBe(true);
		},
	);

	test('Limit stops at the page that completes it', async () => {
		const { json } = await getMany(JAN_1, JAN_1 + 10 * DAY - 1, {
			returnAll: false,
			limit: 25,
			options: { pageSize: 20 },
		});

		expect(json).toHaveLength(25);
		expect(log()).toHaveLength(2);
	});

	test('each filter reaches the wire as VBot names it', async () => {
		await getMany(JAN_1, JAN_1 + DAY - 1, {
			filters: {
				keyword: '0912',
				memberNo: '1001',
				groupMemberNo: 'mem_10001',
				hotline: '02873001234',
				disposition: 'ANSWER',
				customerCode: 'KH001',
				minCost: 0,
				maxCost: 5000,
				callType: ['outbound'],
			},
		});

		expect(log()[0].query).toMatchObject({
			key_search: '0912',
			member_no: '1001',
			group_member_no: 'mem_10001',
			hotline: '02873001234',
			disposition: 'ANSWER',
			customer_code: 'KH001',
			min_postage: '0',
			max_postage: '5000',
			type_call: '2',
		});
	});

	test('two call types: every type is read and only those two kept; all three: no filter', async () => {
		const from = JAN_1;
		const to = JAN_1 + 3 * DAY - 1;

		const two = await getMany(from, to, { filters: { callType: ['inbound', 'missed'] } });
		const asked = log().map((r) => r.query.type_call);
		api.sandbox.reset();
		const all = await getMany(from, to, {
			filters: { callType: ['inbound', 'missed', 'outbound'] },
		});

		const expected = callsOf(from, to).filter((call) => [1, 3].includes(call.type_call));
		expect(transIds(two.json)).toEqual(transIds(expected));
		expect(asked.every((type) => type === undefined)).toBe(true);
		expect(transIds(all.json)).toEqual(transIds(callsOf(from, to)));
		expect(log().every((r) => r.query.type_call === undefined)).toBe(true);
	});

	test('Simplify: a call of the log, field by field', async () => {
		const call = {
			...makeVbotV3Call(random(5), JAN_1 + 3_600_000),
			trans_id: 'tr-1',
			group_id: 'gr-1',
			hotline: '02873001234',
			customer_code: 'KH-0042',
			external_call_id: 'crm-778899',
			create_at: JAN_1 + 3_600_000,
			call_at: JAN_1 + 3_610_000,
			type_call: 1,
			disposition: 'ANSWERED',
			duration: 130,
			time_call: 120,
			postage: 0,
			is_record: true,
			caller_info: { member_no: '', number: '0912000111', name: 'Trần Văn Hùng', type: 'Phone' },
			callee_info: { member_no: '1001', number: '1001', name: 'Nguyễn Thị Lan', type: 'USER' },
		};
		api.sandbox.vbotCalls.replace([call]);

		const { json, error } = await getMany(JAN_1, JAN_1 + DAY - 1, { simplify: true });

		expect(error).toBeUndefined();
		expect(json).toEqual([
			{
				platform: 'vbot',
				id: 'tr-1',
				groupId: 'gr-1',
				externalCallId: 'crm-778899',
				hotline: '02873001234',
				customerCode: 'KH-0042',
				direction: 'inbound',
				vendorDirection: '1',
				status: 'answered',
				vendorStatus: 'ANSWERED',
				from: '0912000111',
				to: '1001',
				startedAt: '2026-01-01T01:00:00.000+07:00',
				answeredAt: '2026-01-01T01:00:10.000+07:00',
				endedAt: '2026-01-01T01:02:10.000+07:00',
				durationSec: 130,
				billSec: 120,
				recordingUrls: [`${api.sandbox.vbotV3Url}/api/crm/historycall/record/tr-1`],
				agent: { name: 'Nguyễn Thị Lan', extension: '1001', email: null },
				customer: { name: 'Trần Văn Hùng' },
				tags: [],
				note: '',
				cost: 0,
			},
		]);
	});

	test.each([
		[2, 'NOANSWER', 'outbound', 'missed'],
		[3, 'NOANSWER', 'inbound', 'missed'],
		[1, 'BUSY', 'inbound', 'busy'],
		[2, 'CANCEL', 'outbound', 'cancelled'],
		[1, 'OUT_OF_MONEY', 'inbound', 'failed'],
	])('type_call %i with %s is %s, %s', async (type, disposition, direction, status) => {
		api.sandbox.vbotCalls.replace([
			{ ...makeVbotV3Call(random(6), JAN_1 + 1000), type_call: type, disposition },
		]);

		const { json } = await getMany(JAN_1, JAN_1 + DAY - 1, { simplify: true });

		expect(json[0]).toMatchObject({ direction, status });
	});

	test('recordings come from the record endpoint, with the key, from the Base URL’s host only', async () => {
		const recorded = callsOf(JAN_1, JAN_1 + DAY - 1).filter((call) => call.is_record);
		expect(recorded.length).toBeGreaterThan(0);

		const { items, error } = await getMany(JAN_1, JAN_1 + DAY - 1, {
			options: { downloadRecordings: true },
		});

		expect(error).toBeUndefined();
		const downloads = api.sandbox.requests.filter((r) =>
			r.path.startsWith('/api/crm/historycall/record/'),
		);
		expect(downloads.map((r) => r.path)).toEqual(
			recorded.map((call) => `/api/crm/historycall/record/${call.trans_id}`),
		);
		expect(downloads.every((r) => r.auth === 'ok')).toBe(true);
		for (const call of recorded) {
			const { binary } = items.find((i) => i.json.trans_id === call.trans_id);
			expect(binary.data.fileName).toBe(`${call.trans_id}.wav`);
			expect(Buffer.from(binary.data.data, 'base64').subarray(0, 4).toString()).toBe('RIFF');
		}
		expect(items.filter((i) => !i.json.is_record).every((i) => !i.binary)).toBe(true);
	});

	test('a recording the endpoint says it has not (error 404) passes through without one', async () => {
		const [call] = callsOf(JAN_1, JAN_1 + DAY - 1).filter((c) => c.is_record);
		api.sandbox.brokenRecordings.add(call.trans_id);

		const { items, error } = await getMany(JAN_1, JAN_1 + DAY - 1, {
			options: { downloadRecordings: true },
		});

		expect(error).toBeUndefined();
		expect(items.find((i) => i.json.trans_id === call.trans_id).binary).toBeUndefined();
	});

	/** A day of the log with Download Recordings, a failing download that call's error. */
	const downloadingWithContinueOnFail = () =>
		runNode({
			parameters: {
				resource: 'vbotCallLog',
				operation: 'getMany',
				fromDate: iso(JAN_1),
				toDate: iso(JAN_1 + DAY - 1),
				returnAll: true,
				options: { ...unpaced, downloadRecordings: true },
			},
			credentials: api.credentials('vbotV3'),
			continueOnFail: true,
		});

	test('a record endpoint failing in its envelope (error 500, HTTP 200) is that call’s error, never a file of JSON', async () => {
		const [call] = callsOf(JAN_1, JAN_1 + DAY - 1).filter((c) => c.is_record);
		api.sandbox.fault({
			platform: 'vbotV3',
			path: `/api/crm/historycall/record/${call.trans_id}`,
			respond: { status: 200, body: { error: 500, message: 'Lỗi hệ thống', data: null } },
		});

		const { items, error } = await downloadingWithContinueOnFail();

		expect(error).toBeUndefined();
		const failed = items.find((i) => i.json.trans_id === call.trans_id);
		expect(failed.binary).toBeUndefined();
		expect(failed.json.error).toBe(
			`The recording of call ${call.trans_id} could not be downloaded: the vendor answered JSON instead of a recording (error 500: "Lỗi hệ thống")`,
		);
	});

	test('a redirect of the record endpoint is not followed: the key never reaches another host', async () => {
		const [call] = callsOf(JAN_1, JAN_1 + DAY - 1).filter((c) => c.is_record);
		api.sandbox.fault({
			platform: 'vbotV3',
			path: `/api/crm/historycall/record/${call.trans_id}`,
			respond: { status: 302, headers: { location: `${other.url}/steal` } },
		});

		const { items, error } = await downloadingWithContinueOnFail();

		expect(error).toBeUndefined();
		expect(other.received).toEqual([]);
		expect(items.find((i) => i.json.trans_id === call.trans_id).json.error).toMatch(
			/could not be downloaded: HTTP 302/,
		);
	});
});

describe('VBot Call Log › Count and › Get', () => {
	test('Count: the range’s calls, window by window, as { count }', async () => {
		const from = JAN_1;
		const to = JAN_1 + 10 * DAY - 1;

		const { json } = await run({
			operation: 'count',
			fromDate: iso(from),
			toDate: iso(to),
			options: { ...unpaced, windowDays: 5 },
		});

		expect(json).toEqual([{ count: callsOf(from, to).length }]);
		expect(log(COUNT)).toHaveLength(2);
	});

	test('Count with two call types: each type counted, summed', async () => {
		const from = JAN_1;
		const to = JAN_1 + 3 * DAY - 1;

		const { json } = await run({
			operation: 'count',
			fromDate: iso(from),
			toDate: iso(to),
			filters: { callType: ['outbound', 'missed'] },
			options: unpaced,
		});

		const expected = callsOf(from, to).filter((call) => [2, 3].includes(call.type_call));
		expect(json).toEqual([{ count: expected.length }]);
		expect(
			log(COUNT)
				.map((r) => r.query.type_call)
				.sort(),
		).toEqual(['2', '3']);
	});

	test('Get: the legs of one call, one item per leg', async () => {
		const [call] = callsOf(JAN_1, JAN_1 + DAY - 1);
		const { legs } = api.sandbox.vbotCalls.group(call.group_id);

		const { json, error } = await run({ operation: 'get', groupId: call.group_id });

		expect(error).toBeUndefined();
		expect(json).toEqual(legs);
		expect(log(DETAIL)[0].query).toEqual({ group_id: call.group_id });
	});

	test('Get of a Group ID VBot does not have: "no call with this Group ID", not "check Base URL"', async () => {
		const { error } = await run({ operation: 'get', groupId: 'no-such-group' });

		expect(error?.message).toBe(
			'error 404: VBot has no call with this Group ID. Check Group ID, e.g. take it from the output of Get Many (groupId when simplified).',
		);
	});

	test('Get after a simplified Get Many: the groupId it outputs is what Get takes', async () => {
		const listed = await getMany(JAN_1, JAN_1 + DAY - 1, { simplify: true });
		const [first] = listed.json;

		const { json, error } = await run({ operation: 'get', groupId: first.groupId });

		expect(error).toBeUndefined();
		expect(first.groupId).toEqual(expect.any(String));
		expect(json.map((leg) => leg.group_id)).toContain(first.groupId);
		expect(json.map((leg) => leg.trans_id)).toContain(first.id);
	});
});

describe('the v3 key', () => {
	test('a wrong key: error 409 says to make one in the console, and the credential test says so', async () => {
		const refused = await run(
			{ operation: 'count', fromDate: iso(JAN_1), toDate: iso(JAN_1 + DAY - 1) },
			api.credentials('vbotV3', 'vbk_wrong'),
		);
		const tested = await testCredential(api.credentials('vbotV3', 'vbk_wrong'));

		expect(refused.error?.message).toBe(
			'error 409: the API key is invalid or has no access. Make one in the VBot console under Team settings → API Key, and paste it into the credential.',
		);
		expect(tested).toEqual({
			status: 'Error',
			message:
				'The API key is invalid or has no access (error 409): make one in the VBot console under Team settings → API Key.',
		});
		expect(await testCredential(api.credentials('vbotV3'))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	test('VBot Call (a customer’s history) with a v3 key: no VBot ID or project code asked or sent', async () => {
		const customer = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };
		api.sandbox.vbot.replace(
			generateVbotHistory({ ...customer, count: 7, newest: JAN_1, seed: 8 }),
		);

		const { json, error } = await runNode({
			parameters: {
				resource: 'vbotCall',
				operation: 'getMany',
				phone: customer.phone,
				returnAll: true,
			},
			credentials: api.credentials('vbotV3'),
		});

		expect(error).toBeUndefined();
		expect(json).toHaveLength(7);
		const [request] = api.sandbox.received('/api/crm/historycall/getAll', 'vbotV3');
		expect(request.query).toEqual({ phone: customer.phone, page: '1', size: '50' });
		expect(request.auth).toBe('ok');
	});

	test('a VBot ID and project code filled in (a workflow moved from v2) are not sent with a v3 key', async () => {
		const customer = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };
		api.sandbox.vbot.replace(
			generateVbotHistory({ ...customer, count: 3, newest: Date.now() - 60_000, seed: 9 }),
		);
		const asV3 = api.credentials('vbotV3');

		const many = await runNode({
			parameters: { resource: 'vbotCall', operation: 'getMany', ...customer, returnAll: true },
			credentials: asV3,
		});
		const counted = await runNode({
			parameters: { resource: 'vbotCall', operation: 'count', ...customer },
			credentials: asV3,
		});
		const polled = await triggerPoller(
			{ source: 'vbot', ...customer, startFrom: 'date', startDate: iso(Date.now() - DAY) },
			() => asV3,
		).poll();

		expect([many.error, counted.error, polled.error]).toEqual([undefined, undefined, undefined]);
		expect(many.json).toHaveLength(3);
		expect(counted.json).toEqual([{ count: 3 }]);
		expect(polled.json.length).toBeGreaterThan(0);
		const sent = api.sandbox.requests.filter((r) => r.path.startsWith('/api/crm/historycall/'));
		expect(sent.length).toBeGreaterThanOrEqual(3);
		for (const request of sent) {
			expect(Object.keys(request.query)).not.toContain('vbot_id');
			expect(Object.keys(request.query)).not.toContain('project_code');
		}
	});
});

describe('the trigger’s VBot Call Log source', () => {
	test('each call of the project once by trans_id, across polls and calls written late', async () => {
		const start = Date.now() - 60 * 60_000;
		api.sandbox.vbotCalls.replace([]);
		let seed = 100;
		const write = (ms) => {
			const call = makeVbotV3Call(random(seed++), Math.round(ms));
			api.sandbox.vbotCalls.add(call);
			return call.trans_id;
		};
		const trigger = triggerPoller(
			{
				source: 'vbotCallLog',
				startFrom: 'date',
				startDate: iso(start),
				settleMinutes: 0,
				lookBackMinutes: 10,
				options: unpaced,
			},
			() => api.credentials('vbotV3'),
		);
		const first = [write(start + 60_000), write(start + 120_000)];
		const polledFirst = await trigger.poll();
		const late = write(Date.now() - 5 * 60_000);
		const fresh = write(Date.now() - 1000);
		const polledSecond = await trigger.poll();
		const polledThird = await trigger.poll();

		expect([polledFirst.error, polledSecond.error]).toEqual([undefined, undefined]);
		expect(transIds(polledFirst.json)).toEqual(first);
		expect(transIds(polledSecond.json)).toEqual([late, fresh]);
		expect(polledThird.json).toEqual([]);
	});
});

describe('bounds of the call log', () => {
	test('with Limit, Concurrency and a server cap, a window read beside others keeps its page size', async () => {
		api.sandbox.settings.vbotV3MaxPageSize = 20;
		const from = JAN_1;
		const to = JAN_1 + 10 * DAY - 1;
		const expected = callsOf(from, to).filter((call) => [1, 3].includes(call.type_call));

		const { json, error } = await getMany(from, to, {
			returnAll: false,
			limit: 150,
			filters: { callType: ['inbound', 'missed'] },
			options: { concurrency: 2, windowDays: 2, pageSize: 50 },
		});

		expect(error).toBeUndefined();
		expect(transIds(json)).toEqual(transIds(expected.slice(0, 150)));
	});

	test('the trigger reads a backlog of the log in parts of at most about 10,000 calls a poll', async () => {
		const start = Date.now() - 20 * DAY;
		api.sandbox.vbotCalls.replace(
			generateVbotV3Calls({ from: start + 1, to: Date.now() - 60_000, perDay: 1250, seed: 33 }),
		);
		const trigger = triggerPoller(
			{
				source: 'vbotCallLog',
				startFrom: 'date',
				startDate: iso(start),
				settleMinutes: 0,
				lookBackMinutes: 10,
				options: unpaced,
			},
			() => api.credentials('vbotV3'),
		);

		const sizes = [];
		const emitted = [];
		for (let poll = 0; poll < 5; poll++) {
			const polled = await trigger.poll();
			expect(polled.error).toBeUndefined();
			sizes.push(polled.json.length);
			emitted.push(...transIds(polled.json));
		}

		expect(sizes.every((size) => size <= 10_000)).toBe(true);
		expect(sizes.at(-1)).toBe(0);
		expect(emitted.sort()).toEqual(transIds(callsOf(start, Date.now())).sort());
	}, 120_000);
});
