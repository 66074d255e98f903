'use strict';
// The sandbox itself, over HTTP as a client sees it (no node involved): VBot v3 as
// ../shared/api/UPDATES-2026.md § C documents it, and the 2026 shapes of OMICall (§ A) and
// VBot v2 (§ B), each against the seeds and settings that produce them.

const { startSandbox, DEFAULT_SETTINGS } = require('./sandbox/server');
const {
	DAY,
	V3_STATUSES,
	generateCalls,
	generateVbotHistory,
	generateVbotV3Calls,
	makeVbotV3Call,
	random,
} = require('./sandbox/seed');

const OCT_1 = Date.UTC(2026, 9, 1);
const FROM = OCT_1;
const TO = OCT_1 + 7 * DAY - 1;
const CALL_FIELDS = [
	'trans_id',
	'group_id',
	'create_at',
	'call_at',
	'caller_info',
	'callee_info',
	'hotline',
	'type_call',
	'end_call',
	'postage',
	'time_call',
	'duration',
	'disposition',
	'is_record',
	'customer_code',
	'payment_channel',
	'group_member_no',
	'external_call_id',
	'auto_dial_service_charge',
];
const PARTY_FIELDS = ['member_no', 'number', 'name', 'channel', 'type', 'telco_code'];

let sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ vbotApiKey: 'vbk_test_key' });
});
beforeEach(() => {
	sandbox.reset();
	Object.assign(sandbox.settings, DEFAULT_SETTINGS);
	sandbox.vbotCalls.replace(generateVbotV3Calls({ from: FROM, to: TO, perDay: 40, seed: 3 }));
});
afterAll(() => sandbox.close());

/** GET below `base` with `query`; the key goes in X-API-Key unless it is null. */
async function get(base, path, query = {}, headers = { 'x-api-key': sandbox.vbotApiKey }) {
	const url = new URL(`${base}${path}`);
	for (const [name, value] of Object.entries(query)) url.searchParams.append(name, String(value));
	const res = await fetch(url, { headers });
	const type = res.headers.get('content-type') ?? '';
	const body = type.startsWith('application/json')
		? await res.json()
		: Buffer.from(await res.arrayBuffer());
	return { status: res.status, type, body, headers: res.headers };
}
const v3 = (path, query, headers) => get(sandbox.vbotV3Url, path, query, headers);
const getAll = async (query) => (await v3('/m-cdr/api/call/get-all', query)).body;
const countAll = async (query) => (await v3('/m-cdr/api/call/count-all', query)).body.data;
const ids = (calls) => calls.map((call) => call.trans_id);

/** Every page from 0 until an empty one, as the rows served. */
async function everyPage(query, size = 20) {
	const rows = [];
	for (let page = 0; ; page++) {
		const { data } = await getAll({ ...query, page, size });
		if (data.length === 0) return rows;
		rows.push(...data);
	}
}

const stored = () => sandbox.vbotCalls.range(-Infinity, Infinity);
const withHotline = () => stored().filter((call) => call.hotline !== '');

describe('VBot v3 seed', () => {
	test('every call carries every field the docs list, and its legs', () => {
		const calls = generateVbotV3Calls({ from: FROM, to: TO, perDay: 40, seed: 3 });
		expect(calls).toHaveLength(280);
		for (const call of calls) {
			expect(Object.keys(call)).toEqual([...CALL_FIELDS, 'legs']);
			expect(Object.keys(call.caller_info)).toEqual(PARTY_FIELDS);
			expect(Object.keys(call.callee_info)).toEqual(PARTY_FIELDS);
			expect(call.create_at).toBeGreaterThanOrEqual(FROM);
			expect(call.create_at).toBeLessThanOrEqual(TO);
			expect(call.legs.length).toBeGreaterThanOrEqual(2);
			expect(call.duration).toBeGreaterThanOrEqual(call.time_call);
			expect(call.call_at === null).toBe(call.time_call === 0);
		}
		const dispositions = new Set(calls.map((call) => call.disposition));
		for (const d of ['ANSWERED', 'ANSWER', 'NOANSWER', 'BUSY', 'CANCEL'])
			expect(dispositions).toContain(d);
		expect([...dispositions].every((d) => d in V3_STATUSES)).toBe(true);
		expect(dispositions.size).toBeGreaterThan(6);
		expect(new Set(calls.map((call) => call.type_call))).toEqual(new Set([1, 2, 3]));
		expect(calls.some((call) => call.hotline === '')).toBe(true);
		expect(calls.some((call) => call.legs.length > 2)).toBe(true);
		expect(new Set(ids(calls)).size).toBe(calls.length);
	});

	test('the same seed gives the same calls, another seed others', () => {
		const of = (seed) => generateVbotV3Calls({ from: FROM, to: TO, perDay: 10, seed });
		expect(of(8)).toEqual(of(8));
		expect(ids(of(8))).not.toEqual(ids(of(9)));
	});
});

describe('VBot v3 call log: get-all and count-all', () => {
	test('pages start at 0 with 20 calls by default, newest first, and end with an empty page', async () => {
		const newest = withHotline();
		const first = await getAll({});
		expect(first).toEqual({ error: 0, message: expect.any(String), data: newest.slice(0, 20) });
		expect((await getAll({ page: 0 })).data).toEqual(newest.slice(0, 20));
		expect((await getAll({ page: 1, size: 30 })).data).toEqual(newest.slice(30, 60));
		const rows = await everyPage({}, 25);
		expect(ids(rows)).toEqual(ids(newest));
		const last = Math.floor(newest.length / 25);
		expect((await getAll({ page: last, size: 25 })).data).toHaveLength(newest.length % 25);
	});

	test('the server caps the page size at settings.vbotV3MaxPageSize and pages by what it serves', async () => {
		const newest = withHotline();
		expect((await getAll({ size: 200 })).data).toHaveLength(50);
		sandbox.settings.vbotV3MaxPageSize = 15;
		expect((await getAll({ page: 0, size: 40 })).data).toEqual(newest.slice(0, 15));
		expect((await getAll({ page: 2, size: 40 })).data).toEqual(newest.slice(30, 45));
		expect(ids(await everyPage({}, 40))).toEqual(ids(newest));
	});

	test.each(['oldest', 'shuffled'])(
		'settings.vbotV3Order %s serves the same calls',
		async (order) => {
			sandbox.settings.vbotV3Order = order;
			const rows = await everyPage({ has_hotline: 1 });
			expect(rows).toHaveLength(stored().length);
			expect(new Set(ids(rows))).toEqual(new Set(ids(stored())));
			if (order === 'oldest') expect(ids(rows)).toEqual(ids(stored()).reverse());
			else expect(ids(rows)).not.toEqual(ids(stored()));
		},
	);

	test('count-all is the number of rows over all pages, with and without filters', async () => {
		for (const query of [{}, { has_hotline: 1 }, { has_hotline: 0 }, { type_call: 3 }]) {
			const count = await countAll(query);
			expect(count).toBeGreaterThan(0);
			expect(await everyPage(query, 33)).toHaveLength(count);
		}
		expect(await countAll({ has_hotline: 1 })).toBe(280);
	});

	test('from and to are epoch ms, both inclusive', async () => {
		const at = OCT_1 + 3 * DAY;
		const edges = [at - 1, at, at + 1000, at + 1001].map((ms, i) =>
			makeVbotV3Call(random(700 + i), ms),
		);
		sandbox.vbotCalls.replace(edges);
		const rows = await everyPage({ from: at, to: at + 1000, has_hotline: 1 });
		expect(ids(rows)).toEqual(ids([edges[2], edges[1]]));
		expect(await countAll({ from: at, to: at + 1000, has_hotline: 1 })).toBe(2);
		expect(await countAll({ from: at, to: at, has_hotline: 1 })).toBe(1);
	});

	/** A cost some calls have exactly, so that a bound's edge is tested. */
	const chargedPostage = () => withHotline().find((call) => call.postage > 3000).postage;
	const customerNumber = () =>
		withHotline().find((call) => call.caller_info.type === 'Phone').caller_info.number;
	const FILTERS = [
		[
			'key_search',
			() => customerNumber().slice(3, 9),
			(v, c) => [c.caller_info.number, c.callee_info.number].some((n) => n.includes(v)),
		],
		['group_member_no', () => 'mem_10002', (v, c) => c.group_member_no === v],
		[
			'member_no',
			() => '103',
			(v, c) => c.caller_info.member_no === v || c.callee_info.member_no === v,
		],
		['hotline', () => '02473005678', (v, c) => c.hotline === v],
		['disposition', () => 'NOANSWER', (v, c) => c.disposition === v],
		[
			'customer_code',
			() => stored().find((c) => c.customer_code).customer_code,
			(v, c) => c.customer_code === v,
		],
		['type_call', () => 1, (v, c) => c.type_call === v],
		['type_call', () => 2, (v, c) => c.type_call === v],
		['type_call', () => 3, (v, c) => c.type_call === v],
		['min_postage', () => chargedPostage(), (v, c) => c.postage >= v],
		['max_postage', () => chargedPostage(), (v, c) => c.postage <= v],
	];
	test.each(FILTERS.map(([name, value, keeps], i) => [`${name} #${i}`, name, value, keeps]))(
		'%s narrows the list to the calls the docs say',
		async (_, name, valueOf, keeps) => {
			const value = valueOf();
			const expected = withHotline().filter((call) => keeps(value, call));
			expect(expected.length).toBeGreaterThan(0);
			expect(expected.length).toBeLessThan(withHotline().length);
			const rows = await everyPage({ [name]: value });
			expect(ids(rows)).toEqual(ids(expected));
			expect(await countAll({ [name]: value })).toBe(expected.length);
		},
	);

	test('filters combine, and -1 or an empty value is no filter', async () => {
		const expected = withHotline().filter(
			(c) => c.type_call === 2 && c.group_member_no === 'mem_10001',
		);
		expect(ids(await everyPage({ type_call: 2, group_member_no: 'mem_10001' }))).toEqual(
			ids(expected),
		);
		const all = withHotline().length;
		for (const none of [
			{ type_call: -1 },
			{ min_postage: -1, max_postage: -1 },
			{ type_call: '', hotline: '', key_search: '' },
		])
			expect(await countAll(none)).toBe(all);
	});

	test('has_hotline: -1 or empty keeps calls with a hotline, 0 those without, 1 all', async () => {
		const without = stored().filter((call) => call.hotline === '');
		expect(without.length).toBeGreaterThan(0);
		for (const value of [undefined, -1, ''])
			expect(ids(await everyPage(value === undefined ? {} : { has_hotline: value }))).toEqual(
				ids(withHotline()),
			);
		expect(ids(await everyPage({ has_hotline: 0 }))).toEqual(ids(without));
		expect(ids(await everyPage({ has_hotline: 1 }))).toEqual(ids(stored()));
	});

	test('a value not of its documented type, or given twice, is error -1', async () => {
		for (const query of [
			{ from: 'yesterday' },
			{ to: '1.5' },
			{ from: TO, to: FROM },
			{ page: -1 },
			{ size: 0 },
			{ type_call: 4 },
			{ has_hotline: 2 },
			{ min_postage: 'cheap' },
		]) {
			const answer = await getAll(query);
			expect(answer).toEqual({ error: -1, message: expect.any(String), data: null });
		}
		const twice = await v3('/m-cdr/api/call/get-all?type_call=1&type_call=2');
		expect(twice.body.error).toBe(-1);
		expect(twice.body.message).toMatch(/type_call/);
	});
});

describe('VBot v3 call log: get-detail', () => {
	const detail = async (groupId) =>
		(await v3('/m-cdr/api/call/get-detail', groupId === undefined ? {} : { group_id: groupId }))
			.body;

	test('answers the legs of one call: its fields plus hangup_cause, sip_code, conference_id', async () => {
		const calls = generateVbotV3Calls({ from: FROM, to: TO, perDay: 40, seed: 3 });
		const many = calls.find((call) => call.legs.length > 2);
		const { data, error } = await detail(many.group_id);
		expect(error).toBe(0);
		expect(data).toEqual(many.legs);
		for (const leg of data) {
			expect(Object.keys(leg)).toEqual(
				expect.arrayContaining([...CALL_FIELDS, 'hangup_cause', 'sip_code', 'conference_id']),
			);
			expect(leg.group_id).toBe(many.group_id);
			expect(V3_STATUSES[leg.disposition]).toEqual({
				sip_code: leg.sip_code,
				hangup_cause: leg.hangup_cause,
			});
		}
		expect(data[0].trans_id).toBe(many.trans_id);
		expect(new Set(ids(data)).size).toBe(data.length);
		const parties = data.flatMap((leg) => [leg.caller_info.type, leg.callee_info.type]);
		expect(parties).toEqual(expect.arrayContaining(['USER', 'Phone']));
		const rung = data.filter((leg) => leg.callee_info.type === 'USER');
		expect(rung.length).toBeGreaterThanOrEqual(2);
		expect(rung[0].sip_code).toBe(480);
	});

	test('every stored call has at least an agent leg and a customer leg', async () => {
		for (const call of stored()
			.filter((c) => c.hotline !== '')
			.slice(0, 30)) {
			const { data } = await detail(call.group_id);
			const has = (type) =>
				data.some((leg) => leg.caller_info.type === type || leg.callee_info.type === type);
			expect(has('USER') && has('Phone')).toBe(true);
		}
	});

	test('a call added later is served with its legs, and one added without them has one', async () => {
		const late = makeVbotV3Call(random(6), TO);
		sandbox.vbotCalls.add(late);
		expect((await detail(late.group_id)).data).toEqual(late.legs);
		expect((await getAll({ has_hotline: 1 })).data[0]).toEqual(
			sandbox.vbotCalls.get(late.trans_id),
		);
		expect(sandbox.vbotCalls.get(late.trans_id)).not.toHaveProperty('legs');
		const { legs, ...row } = makeVbotV3Call(random(5), OCT_1);
		expect(legs.length).toBeGreaterThan(0);
		sandbox.vbotCalls.add(row);
		const [only] = (await detail(row.group_id)).data;
		expect(only).toEqual({ ...row, conference_id: '', ...V3_STATUSES[row.disposition] });
	});

	test('an unknown group is not found; no group_id is error -1', async () => {
		expect(await detail('no-such-group')).toEqual({
			error: 404,
			message: expect.any(String),
			data: null,
		});
		expect((await detail()).error).toBe(-1);
	});
});

describe('VBot v3 recordings', () => {
	const record = (transId, headers) => v3(`/api/crm/historycall/record/${transId}`, {}, headers);

	test('a recorded call answers its audio file with the key', async () => {
		const call = stored().find((c) => c.is_record);
		const answer = await record(call.trans_id);
		expect(answer.status).toBe(200);
		expect(answer.type).toBe('audio/wav');
		expect(answer.body.subarray(0, 4).toString()).toBe('RIFF');
		expect(answer.headers.get('content-disposition')).toContain(`${call.trans_id}.wav`);
	});

	test('no recording is the error 404 envelope, in HTTP 200', async () => {
		const unrecorded = stored().find((c) => !c.is_record);
		const broken = stored().find((c) => c.is_record);
		sandbox.brokenRecordings.add(broken.trans_id);
		for (const transId of [unrecorded.trans_id, broken.trans_id, 'no-such-call']) {
			const answer = await record(transId);
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({ error: 404, message: expect.any(String), data: null });
		}
	});

	test('without the key, or with another, it is the 409 envelope', async () => {
		const call = stored().find((c) => c.is_record);
		for (const headers of [{}, { 'x-api-key': 'vbk_other' }]) {
			const answer = await record(call.trans_id, headers);
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({ error: 409, message: expect.any(String), data: null });
		}
	});
});

describe('VBot v3 authentication', () => {
	test.each([
		['no key', {}],
		['a wrong key', { 'x-api-key': 'vbk_wrong' }],
		['the OMICall token as a bearer', undefined],
	])('%s answers error 409 on every call-log endpoint', async (_, given) => {
		const headers = given ?? { authorization: `Bearer ${sandbox.token}` };
		const group = stored()[0].group_id;
		for (const [path, query] of [
			['/m-cdr/api/call/get-all', {}],
			['/m-cdr/api/call/count-all', {}],
			['/m-cdr/api/call/get-detail', { group_id: group }],
			['/api/crm/historycall/getAll', { phone: '0912345678', page: 1, size: 5 }],
		]) {
			const answer = await v3(path, query, headers);
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({ error: 409, message: expect.any(String), data: null });
		}
		expect(sandbox.received(undefined, 'vbotV3').every((r) => r.auth !== 'ok')).toBe(true);
	});

	test('the key is the one startSandbox was given; requests are logged as platform vbotV3', async () => {
		expect(sandbox.vbotApiKey).toBe('vbk_test_key');
		expect(sandbox.vbotV3Url).toBe(`${sandbox.url}/vbot/v3.0`);
		await countAll({});
		const [request] = sandbox.received('/m-cdr/api/call/count-all', 'vbotV3');
		expect(request).toMatchObject({ platform: 'vbotV3', auth: 'ok' });
	});

	test('a scripted vendorError answers the v3 envelope: a number as its error, a text as 429', async () => {
		sandbox.fault({ platform: 'vbotV3', respond: { vendorError: 500 } });
		sandbox.fault({ platform: 'vbotV3', respond: { vendorError: 'too_many_requests' } });
		expect(await getAll({})).toEqual({ error: 500, message: expect.any(String), data: null });
		expect(await getAll({})).toEqual({ error: 429, message: 'too_many_requests', data: null });
	});
});

describe('VBot v3 customer history', () => {
	const PHONE = '0912345678';
	const PROJECT = { vbotId: 'VB0001', projectCode: 'SIEUTHI-ABC' };
	beforeEach(() => {
		sandbox.vbot.replace(
			generateVbotHistory({ ...PROJECT, phone: PHONE, count: 23, newest: OCT_1, seed: 4 }),
		);
	});

	test('getAll and countAll take the phone without vbot_id and project_code, pages from 1', async () => {
		const records = sandbox.vbot.find({ ...PROJECT, phone: PHONE });
		const history = (path, query) => v3(`/api/crm/historycall/${path}`, query);
		const first = await history('getAll', { phone: PHONE, page: 1, size: 10 });
		expect(first.body).toEqual({
			error: 0,
			message: expect.any(String),
			data: records.slice(0, 10),
		});
		const third = await history('getAll', { phone: PHONE, page: 3, size: 10 });
		expect(third.body.data).toEqual(records.slice(20));
		expect((await history('countAll', { phone: PHONE })).body.data).toBe(23);
		const v2Style = await get(
			sandbox.vbotUrl,
			'/api/crm/historycall/getAll',
			{
				vbot_id: PROJECT.vbotId,
				project_code: PROJECT.projectCode,
				phone: PHONE,
				page: 1,
				size: 10,
			},
			{ authorization: `Bearer ${sandbox.token}` },
		);
		expect(v2Style.body.data).toEqual(first.body.data);
		expect((await history('getAll', { page: 1, size: 10 })).body.error).toBe(-1);
		expect((await history('getAll', { phone: PHONE, page: 0, size: 10 })).body.error).toBe(-1);
		expect(sandbox.received('/api/crm/historycall/getAll', 'vbot')).toHaveLength(1);
	});
});

describe('OMICall 2026 shapes', () => {
	const bearer = () => ({ authorization: `Bearer ${sandbox.token}` });
	const omi = (path, query, headers = bearer()) => get(sandbox.url, path, query, headers);
	const DAY_RANGE = { from_date: OCT_1, to_date: OCT_1 + DAY };
	beforeEach(() => {
		sandbox.calls.replace(generateCalls({ from: OCT_1, to: OCT_1 + DAY, perDay: 80, seed: 9 }));
	});

	test("settings.callHistoryErrorShape 'payload' puts every failure's code in payload.error", async () => {
		sandbox.settings.callHistoryErrorShape = 'payload';
		const inPayload = (code) => ({
			status_code: -9999,
			payload: { error: code, message: expect.stringMatching(/^Please check/) },
		});
		const post = await fetch(`${sandbox.url}/api/call_transaction/change/no-such-call`, {
			method: 'POST',
			headers: { ...bearer(), 'content-type': 'application/json' },
			body: JSON.stringify({ note: 'x' }),
		});
		sandbox.fault({
			path: '/api/call_transaction/list',
			match: (query) => query.to_date === String(DAY_RANGE.to_date),
			respond: { vendorError: 'rate_limit_exceeded' },
		});
		const answers = {
			list: (await omi('/api/call_transaction/list', { from_date: OCT_1 })).body,
			tooLong: (await omi('/api/call_transaction/list', { from_date: 0, to_date: OCT_1 })).body,
			detail: (await omi('/api/call_transaction/detail/no-such-call')).body,
			change: await post.json(),
			report: (await omi('/api/call_transaction/report', { to_date: OCT_1 })).body,
			fault: (await omi('/api/call_transaction/list', DAY_RANGE)).body,
			token: (await omi('/api/auth', { apiKey: 'wrong' }, {})).body,
			unauthorized: (await omi('/api/call_transaction/list', DAY_RANGE, {})).body,
		};
		expect(answers).toEqual({
			list: expect.objectContaining(inPayload('to_date_is_required')),
			tooLong: expect.objectContaining(inPayload('date_is_too_long')),
			detail: expect.objectContaining(inPayload('resource_not_found')),
			change: expect.objectContaining(inPayload('resource_not_found')),
			report: expect.objectContaining(inPayload('from_date_is_required')),
			fault: expect.objectContaining(inPayload('rate_limit_exceeded')),
			token: expect.objectContaining(inPayload('api_key_invalid')),
			unauthorized: inPayload('unauthorized'),
		});
		for (const body of Object.values(answers)) expect(body).not.toHaveProperty('message');
	});

	test("the default 'message' shape is REFERENCE.md's, unchanged", async () => {
		const { body } = await omi('/api/call_transaction/detail/no-such-call');
		expect(body).toEqual({
			status_code: -9999,
			instance_id: 'sandbox',
			instance_name: 'call-history-sandbox',
			message: 'resource_not_found',
			payload: null,
		});
		expect((await omi('/api/call_transaction/list', DAY_RANGE, {})).body).toEqual({
			status_code: -9999,
			message: 'unauthorized',
		});
	});

	test("shape '2026': the same calls with recording_file_url, some with it alone, and their start and end", async () => {
		const reference = generateCalls({ from: OCT_1, to: OCT_1 + DAY, perDay: 80, seed: 9 });
		const newer = generateCalls({
			from: OCT_1,
			to: OCT_1 + DAY,
			perDay: 80,
			seed: 9,
			recordingBase: sandbox.url,
			shape: '2026',
		});
		expect(newer.map((c) => c.transaction_id)).toEqual(reference.map((c) => c.transaction_id));
		sandbox.calls.replace(newer);
		const { body } = await omi('/api/call_transaction/list', { ...DAY_RANGE, size: 50 });
		const served = body.payload.items;
		const urlOnly = served.filter((c) => c.recording_file === '' && c.recording_file_url !== '');
		const both = served.filter((c) => c.recording_file !== '');
		expect(urlOnly.length).toBeGreaterThan(0);
		expect(both.length).toBeGreaterThan(urlOnly.length);
		for (const call of both) expect(call.recording_file_url).toBe(call.recording_file);
		for (const call of served) {
			expect(call.time_end_call).toBe(Math.floor(call.created_date / 1000));
			expect(call.time_start_call).toBe(call.time_end_call - call.duration);
			if (call.time_start_to_answer !== null)
				expect(call.time_start_to_answer).toBeGreaterThan(call.time_start_call);
		}
		const link = new URL(urlOnly[0].recording_file_url);
		const audio = await get(sandbox.url, link.pathname, {}, {});
		expect(audio.type).toBe('audio/wav');
		expect(audio.body.subarray(0, 4).toString()).toBe('RIFF');
	});

	test('shapeFrom gives the 2026 fields to the newer calls only; urlOnlyShare how many lose recording_file', () => {
		const half = OCT_1 + DAY / 2;
		const calls = generateCalls({
			from: OCT_1,
			to: OCT_1 + DAY,
			perDay: 200,
			shape: '2026',
			shapeFrom: half,
			urlOnlyShare: 1,
		});
		for (const call of calls) {
			const newer = call.created_date >= half;
			expect('time_start_call' in call).toBe(newer);
			if (newer && call.disposition === 'answered') expect(call.recording_file).toBe('');
		}
	});
});

describe("VBot v2 shape '2026'", () => {
	const CUSTOMER = { vbotId: 'VB0001', projectCode: 'SIEUTHI-ABC', phone: '0987654321' };
	const seeded = (shape) =>
		generateVbotHistory({ ...CUSTOMER, count: 60, newest: OCT_1, seed: 12, shape });

	test('records carry group_id, external_call_id, duration_call, OUTCALL and lower-case dispositions with more', async () => {
		sandbox.vbot.replace(seeded('2026'));
		const { body } = await get(
			sandbox.vbotUrl,
			'/api/crm/historycall/getAll',
			{
				vbot_id: CUSTOMER.vbotId,
				project_code: CUSTOMER.projectCode,
				phone: CUSTOMER.phone,
				page: 1,
				size: 50,
			},
			{ authorization: `Bearer ${sandbox.token}` },
		);
		const records = body.data;
		expect(records).toHaveLength(50);
		expect(new Set(records.map((r) => r.group_id)).size).toBe(50);
		for (const record of records) {
			expect(record.disposition).toBe(record.disposition.toLowerCase());
			expect(record.caller[0].disposition).toBe(record.disposition);
			expect(record.duration_call).toBeGreaterThan(Number(record.time_call));
			expect(typeof record.external_call_id).toBe('string');
		}
		const dispositions = new Set(records.map((r) => r.disposition));
		for (const d of ['answer', 'more', 'noanswer', 'misscall']) expect(dispositions).toContain(d);
		const types = new Set(records.map((r) => r.type_call));
		expect(types).toContain('OUTCALL');
		expect(types).toContain('CALLOUT');
	});

	test('the same seed gives the same calls as the reference shape, which is unchanged', () => {
		const [reference, newer] = [seeded(undefined), seeded('2026')];
		expect(newer.map((e) => e.meta)).toEqual(reference.map((e) => e.meta));
		expect(newer.map((e) => e.record.time_call)).toEqual(reference.map((e) => e.record.time_call));
		for (const { record } of reference) {
			expect(record).not.toHaveProperty('group_id');
			expect(record.disposition).toBe(record.disposition.toUpperCase());
		}
	});
});

describe('as strict as the docs (issue 23)', () => {
	const PHONE = '0912345678';
	const PROJECT = { vbotId: 'VB0001', projectCode: 'SIEUTHI-ABC' };
	const withToken = () => ({ authorization: `Bearer ${sandbox.token}` });
	beforeEach(() => {
		sandbox.vbot.replace(
			generateVbotHistory({ ...PROJECT, phone: PHONE, count: 5, newest: OCT_1, seed: 5 }),
		);
		sandbox.calls.replace(generateCalls({ from: OCT_1, to: OCT_1 + DAY, perDay: 5, seed: 6 }));
	});

	test("OMICall's token answer carries no expires_in (UPDATES-2026 § A): the token lives 24 hours", async () => {
		const { status, body } = await get(
			sandbox.url,
			'/api/auth',
			{ apiKey: sandbox.tokens.apiKey },
			{},
		);

		expect(status).toBe(200);
		expect(body.status_code).toBe(9999);
		expect(Object.keys(body.payload).sort()).toEqual(['access_token', 'access_type', 'token_type']);
		const expiresAt = sandbox.tokens.sessions.get(body.payload.access_token);
		expect(expiresAt - Date.now()).toBeGreaterThan(24 * 3_600_000 - 60_000);
	});

	test("VBot v2's /token takes a form body only: a JSON body gets the vendor's refusal", async () => {
		const grant = {
			grant_type: 'password',
			username: sandbox.tokens.username,
			password: sandbox.tokens.password,
		};
		const post = (type, body) =>
			fetch(`${sandbox.vbotUrl}/token`, {
				method: 'POST',
				headers: { 'content-type': type },
				body,
			});

		const asJson = await post('application/json', JSON.stringify(grant));
		const asForm = await post(
			'application/x-www-form-urlencoded',
			new URLSearchParams(grant).toString(),
		);

		expect([asJson.status, await asJson.json()]).toEqual([
			400,
			{ error: 'unsupported_grant_type' },
		]);
		expect(asForm.status).toBe(200);
		expect((await asForm.json()).access_token).toMatch(/^tok_/);
	});

	test("OMICall's change takes JSON only: a form body carries no note", async () => {
		const [call] = sandbox.calls.range(OCT_1, OCT_1 + DAY);
		const change = (type, body) =>
			fetch(`${sandbox.url}/api/call_transaction/change/${call.transaction_id}`, {
				method: 'POST',
				headers: { ...withToken(), 'content-type': type },
				body,
			}).then((res) => res.json());

		const asForm = await change(
			'application/x-www-form-urlencoded',
			'note=G%E1%BB%8Di+l%E1%BA%A1i',
		);
		const untyped = await change('text/plain', JSON.stringify({ note: 'Gọi lại' }));
		const asJson = await change('application/json', JSON.stringify({ note: 'Gọi lại' }));

		expect([asForm.status_code, asForm.message]).toEqual([-9999, 'note_is_required']);
		expect([untyped.status_code, untyped.message]).toEqual([-9999, 'note_is_required']);
		expect([asJson.status_code, asJson.payload.note]).toEqual([9999, 'Gọi lại']);
	});

	test.each([
		['getAll', 'vbot_id'],
		['getAll', 'project_code'],
		['getAll', 'phone'],
		['countAll', 'vbot_id'],
		['countAll', 'project_code'],
		['countAll', 'phone'],
	])(
		'VBot v2 %s without %s is error -1 (bad parameter) in an HTTP 200 envelope',
		async (path, left) => {
			const query = {
				vbot_id: PROJECT.vbotId,
				project_code: PROJECT.projectCode,
				phone: PHONE,
				page: 1,
				size: 10,
			};
			delete query[left];

			const { status, body } = await get(
				sandbox.vbotUrl,
				`/api/crm/historycall/${path}`,
				query,
				withToken(),
			);

			expect(status).toBe(200);
			expect(body).toMatchObject({ error: -1, data: null });
		},
	);

	test('v3 customer history ignores vbot_id and project_code', async () => {
		const history = (path, query) => v3(`/api/crm/historycall/${path}`, query);
		const mine = await history('getAll', { phone: PHONE, page: 1, size: 10 });
		const otherProject = { vbot_id: 'VB9999', project_code: 'ANOTHER' };

		const withIds = await history('getAll', { phone: PHONE, page: 1, size: 10, ...otherProject });
		const count = await history('countAll', { phone: PHONE, ...otherProject });

		expect(mine.body.data).toHaveLength(5);
		expect(withIds.body).toEqual(mine.body);
		expect(count.body.data).toBe(5);
	});
});
