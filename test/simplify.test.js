'use strict';
// Simplify: one call shape for both platforms, through n8n-core against the sandbox. Every vendor
// value the API reference lists maps to a documented value; an unknown one maps to `other` and
// keeps the vendor's value; VBot's local times are read as UTC+07:00.

const { useSandbox } = require('./harness/sandbox');
const { runNode, callsBetween } = require('./harness/n8n');
const { DAY, makeCall, random, generateVbotHistory } = require('./sandbox/seed');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17); // 2026-01-01 00:00 in Vietnam
const VBOT = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };

const callsOf = (parameters, timezone) =>
	runNode({
		parameters: callsBetween(JAN_1, JAN_1 + DAY, { simplify: true, ...parameters }),
		credentials: api.credentials(),
		timezone,
	});
const vbotCallsOf = (timezone) =>
	runNode({
		parameters: {
			resource: 'vbotCall',
			operation: 'getMany',
			...VBOT,
			returnAll: true,
			simplify: true,
		},
		credentials: api.credentials('vbot'),
		timezone,
	});

/** One Call History call at `ms`, with `changes` on top. */
const call = (ms, changes = {}) => ({
	...makeCall(random(ms), ms, 'https://rec.test'),
	...changes,
});
/** One VBot record with `changes` on top. */
function vbotRecord(at, changes = {}) {
	const [entry] = generateVbotHistory({ ...VBOT, count: 1, newest: at, seed: at % 1000 });
	entry.record = { ...entry.record, ...changes };
	entry.meta.at = at;
	return entry;
}

describe('Call History API', () => {
	test('a simplified call, field by field', async () => {
		const answered = call(JAN_1 + 3_600_000, {
			transaction_id: 'tx-1',
			direction: 'inbound',
			disposition: 'answered',
			source_number: '0912000111',
			destination_number: '842473005678',
			duration: 130,
			bill_sec: 120,
			time_start_to_answer: Math.floor((JAN_1 + 3_600_000) / 1000) + 10,
			recording_file: 'https://rec.test/tx-1.mp3',
			sip_user: '101',
			user: [{ full_name: 'Nguyễn Thị Lan', email: 'lan.nguyen@sieuthi-abc.vn', tag: [] }],
			customer: { full_name: 'Trần Văn Hùng', full_name_unsigned: 'Tran Van Hung' },
			tag: ['vip', { name: 'goilaisau' }],
			note: 'Khách hẹn gọi lại',
			call_out_price: 0,
		});
		api.sandbox.calls.replace([answered]);

		const { json, error } = await callsOf({});

		expect(error).toBeUndefined();
		expect(json).toEqual([
			{
				platform: 'callHistory',
				id: 'tx-1',
				groupId: null,
				externalCallId: null,
				hotline: null,
				customerCode: null,
				direction: 'inbound',
				vendorDirection: 'inbound',
				status: 'answered',
				vendorStatus: 'answered',
				from: '0912000111',
				to: '842473005678',
				startedAt: '2026-01-01T01:00:00.000+07:00',
				answeredAt: '2026-01-01T01:00:10.000+07:00',
				// No time_end_call in this call: created_date, which the vendor writes at hang-up.
				endedAt: '2026-01-01T01:00:00.000+07:00',
				durationSec: 130,
				billSec: 120,
				recordingUrls: ['https://rec.test/tx-1.mp3'],
				agent: { name: 'Nguyễn Thị Lan', extension: '101', email: 'lan.nguyen@sieuthi-abc.vn' },
				customer: { name: 'Trần Văn Hùng' },
				tags: ['vip', 'goilaisau'],
				note: 'Khách hẹn gọi lại',
				cost: 0,
			},
		]);
	});

	test.each([
		['inbound', 'inbound'],
		['outbound', 'outbound'],
		['local', 'internal'],
		['transfer', 'other'],
	])('direction %s -> %s', async (vendor, simplified) => {
		api.sandbox.calls.replace([call(JAN_1 + 1000, { direction: vendor })]);

		const { json } = await callsOf({});

		expect(json[0]).toMatchObject({ direction: simplified, vendorDirection: vendor });
	});

	test.each([
		['answered', 'answered'],
		['cancelled', 'cancelled'],
		['ANSWERED', 'answered'],
		['voicemail', 'other'],
	])('disposition %s -> %s', async (vendor, simplified) => {
		api.sandbox.calls.replace([call(JAN_1 + 1000, { disposition: vendor })]);

		const { json } = await callsOf({});

		expect(json[0]).toMatchObject({ status: simplified, vendorStatus: vendor });
	});

	test('a call with fields missing or null is simplified, never a TypeError', async () => {
		api.sandbox.calls.replace([
			{ transaction_id: 'bare', created_date: JAN_1 + 5, user: null, customer: null, tag: null },
		]);

		const { json, error } = await callsOf({});

		expect(error).toBeUndefined();
		expect(json[0]).toMatchObject({
			id: 'bare',
			direction: 'other',
			vendorDirection: null,
			status: 'other',
			answeredAt: null,
			recordingUrls: [],
			agent: { name: null, extension: null, email: null },
			customer: { name: null },
			tags: [],
			note: '',
			cost: null,
		});
	});

	test('Get and Update simplify too; Simplify off returns the vendor’s call as it is', async () => {
		const raw = call(JAN_1 + 1000, { transaction_id: 'tx-2' });
		api.sandbox.calls.replace([raw]);
		const get = (simplify) =>
			runNode({
				parameters: { resource: 'call', operation: 'get', transactionId: 'tx-2', simplify },
				credentials: api.credentials(),
			});

		expect((await get(true)).json[0]).toMatchObject({ platform: 'callHistory', id: 'tx-2' });
		expect((await get(false)).json[0]).toEqual(raw);
		const updated = await runNode({
			parameters: {
				resource: 'call',
				operation: 'update',
				transactionId: 'tx-2',
				note: 'n',
				simplify: true,
			},
			credentials: api.credentials(),
		});
		expect(updated.json[0]).toMatchObject({ id: 'tx-2', note: 'n' });
	});
});

describe('VBot', () => {
	test('a simplified record, field by field', async () => {
		const entry = vbotRecord(JAN_1, {
			hotline_number: '02873001234',
			date_create: '01/31/2026 23:59:59',
			time_call: '95',
			type_call: 'CALLIN',
			disposition: 'ANSWER',
			caller: [{ phone: '0912345678', vbot_id: 'VB1', postage: 0, member_no: '' }],
			callee: [{ phone: '101', vbot_id: '', postage: 0, member_no: '101' }],
			record_file: ['https://rec.test/vbot-1.mp3'],
		});
		api.sandbox.vbot.replace([entry]);

		const { json, error } = await vbotCallsOf();

		expect(error).toBeUndefined();
		expect(json).toEqual([
			{
				platform: 'vbot',
				id: expect.stringMatching(/^vbot-[0-9a-f]{24}$/),
				groupId: null,
				externalCallId: null,
				hotline: '02873001234',
				customerCode: null,
				direction: 'inbound',
				vendorDirection: 'CALLIN',
				status: 'answered',
				vendorStatus: 'ANSWER',
				from: '0912345678',
				to: '101',
				startedAt: '2026-01-31T23:59:59.000+07:00',
				answeredAt: null,
				// No duration_call in this record: when it ended is not known.
				endedAt: null,
				durationSec: 95,
				billSec: 95,
				recordingUrls: ['https://rec.test/vbot-1.mp3'],
				agent: { name: null, extension: '101', email: null },
				customer: { name: null },
				tags: [],
				note: '',
				cost: 0,
			},
		]);
		// The same record, asked again, has the same id.
		expect((await vbotCallsOf()).json[0].id).toBe(json[0].id);
	});

	test.each([
		['CALLIN', 'inbound'],
		['INCALL', 'inbound'],
		['MISSCALL', 'inbound'],
		['CALLOUT', 'outbound'],
		['OUTCALL', 'outbound'],
		['callout', 'outbound'],
		['CONFERENCE', 'other'],
	])('type_call %s -> %s', async (vendor, simplified) => {
		api.sandbox.vbot.replace([vbotRecord(JAN_1, { type_call: vendor })]);

		const { json } = await vbotCallsOf();

		expect(json[0]).toMatchObject({ direction: simplified, vendorDirection: vendor });
	});

	test.each([
		['ANSWER', 'answered'],
		['answer', 'answered'],
		['SOMEONEANSWERED', 'answered'],
		['NORMAL_CLEARING', 'answered'],
		['BOTIVR', 'answered'],
		['MISSCALL', 'missed'],
		['NOANSWER', 'missed'],
		['BUSY', 'busy'],
		['busy', 'busy'],
		['CANCEL', 'cancelled'],
		['CONGESTION', 'failed'],
		['CHANUNAVAIL', 'failed'],
		['INVALIDARGS', 'failed'],
		['DONTCALL', 'failed'],
		['TORTURE', 'failed'],
		['LOGOUT', 'failed'],
		['INCALL', 'other'],
		// The vendor's 2026 table: more is no answer.
		['MORE', 'missed'],
		['SOMETHING_NEW', 'other'],
	])('disposition %s -> %s', async (vendor, simplified) => {
		api.sandbox.vbot.replace([vbotRecord(JAN_1, { disposition: vendor })]);

		const { json, error } = await vbotCallsOf();

		expect(error).toBeUndefined();
		expect(json[0]).toMatchObject({ status: simplified, vendorStatus: vendor });
	});

	test.each([
		['across midnight', '01/31/2026 23:59:59', 'Asia/Ho_Chi_Minh', '2026-01-31T23:59:59.000+07:00'],
		['at a month end, in UTC', '02/01/2026 00:00:00', 'UTC', '2026-01-31T17:00:00.000Z'],
		['on a leap day', '02/29/2028 06:30:00', 'Asia/Ho_Chi_Minh', '2028-02-29T06:30:00.000+07:00'],
		[
			'read as UTC+07:00 in Europe/Berlin',
			'03/01/2026 00:15:00',
			'Europe/Berlin',
			'2026-02-28T18:15:00.000+01:00',
		],
	])('date_create %s: %s in %s is %s', async (_name, local, timezone, iso) => {
		api.sandbox.vbot.replace([vbotRecord(JAN_1, { date_create: local })]);

		const { json } = await vbotCallsOf(timezone);

		expect(json[0].startedAt).toBe(iso);
	});

	test('an unreadable date_create is null, not an error', async () => {
		api.sandbox.vbot.replace([vbotRecord(JAN_1, { date_create: 'hôm qua' })]);

		const { json, error } = await vbotCallsOf();

		expect(error).toBeUndefined();
		expect(json[0].startedAt).toBeNull();
	});
});
