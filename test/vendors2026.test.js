'use strict';
// What the vendors' 2026 docs changed (../shared/api/UPDATES-2026.md § A, § B), through n8n-core
// against the sandbox: OMICall's failures with their code in payload.error drive retry, window
// halving and advice as the older shape does; calls whose recording is only in recording_file_url;
// OMICall's time_start_call and time_end_call; VBot v2's group_id as a record's id, also for the
// trigger's memory across the upgrade, and duration_call.

const { useSandbox } = require('./harness/sandbox');
const { runNode, callsBetween, ids } = require('./harness/n8n');
const { triggerPoller } = require('./harness/trigger');
const { DAY, generateCalls, generateVbotHistory, makeCall, random } = require('./sandbox/seed');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const LIST = '/api/call_transaction/list';
const VBOT = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };
const unpaced = { requestsPerSecond: 0 };

const getMany = (days, options = {}, extra = {}) =>
	runNode({
		parameters: callsBetween(JAN_1, JAN_1 + days * DAY - 1, {
			options: { ...unpaced, ...options },
			...extra,
		}),
		credentials: api.credentials(),
	});

describe.each(['message', 'payload'])('OMICall failures with their code in %s', (shape) => {
	beforeEach(() => {
		api.sandbox.settings.callHistoryErrorShape = shape;
		api.sandbox.calls.replace(
			generateCalls({ from: JAN_1, to: JAN_1 + 6 * DAY - 1, perDay: 40, seed: 12 }),
		);
	});

	test('a rate limit is retried, the same page', async () => {
		api.sandbox.fault({ path: LIST, respond: { vendorError: 'rate_limit_exceeded' } });

		const { json, error } = await getMany(1, { maxRetries: 1 });

		expect(error).toBeUndefined();
		expect(ids(json)).toEqual(ids(api.sandbox.calls.range(JAN_1, JAN_1 + DAY - 1)));
		expect(api.sandbox.received(LIST)).toHaveLength(2);
	});

	test('limit_request_30_minute stops the run at once, without a retry', async () => {
		api.sandbox.fault({ path: LIST, respond: { vendorError: 'limit_request_30_minute' } });

		const { error } = await getMany(1, { maxRetries: 1 });

		expect(error?.message).toMatch(
			/^limit_request_30_minute: the account has used up its requests/,
		);
		expect(api.sandbox.received(LIST)).toHaveLength(1);
	});

	test('date_is_too_long halves the window, nothing lost or repeated', async () => {
		api.sandbox.settings.maxWindowMs = DAY;

		const { json, error } = await getMany(6);

		expect(error).toBeUndefined();
		expect(ids(json)).toEqual(ids(api.sandbox.calls.range(JAN_1, JAN_1 + 6 * DAY - 1)));
	});

	test('a known code gets its advice', async () => {
		api.sandbox.fault({ path: LIST, respond: { vendorError: 'permission_denied' } });

		const { error } = await getMany(1);

		expect(error?.message).toBe(
			'permission_denied: the token is not allowed to do this. Check the API permissions of the account in the vendor console.',
		);
	});
});

describe('OMICall 2026 calls', () => {
	test('a call whose recording is only in recording_file_url gets it downloaded, and Simplify lists it', async () => {
		api.sandbox.calls.replace(
			generateCalls({
				from: JAN_1,
				to: JAN_1 + DAY - 1,
				perDay: 16,
				seed: 13,
				recordingBase: api.sandbox.url,
				shape: '2026',
				urlOnlyShare: 1,
			}),
		);
		const recorded = api.sandbox.calls
			.range(JAN_1, JAN_1 + DAY - 1)
			.filter((call) => call.recording_file_url);
		expect(recorded.length).toBeGreaterThan(0);
		expect(recorded.every((call) => call.recording_file === '')).toBe(true);

		const raw = await getMany(1, { downloadRecordings: true, allowPrivateRecordings: true });
		const simple = await getMany(1, {}, { simplify: true });

		expect(raw.error).toBeUndefined();
		for (const call of recorded) {
			const item = raw.items.find((i) => i.json.transaction_id === call.transaction_id);
			expect(item.binary.data.fileName).toBe(`${call.transaction_id}.wav`);
			const simplified = simple.json.find((c) => c.id === call.transaction_id);
			expect(simplified.recordingUrls).toEqual([call.recording_file_url]);
		}
	});

	test('startedAt and endedAt from time_start_call and time_end_call, so the start is before the answer', async () => {
		const start = JAN_1 + 3_600_000;
		const call = {
			...makeCall(random(1), start + 95_000, 'x'),
			transaction_id: 'tx-2026',
			time_start_call: start / 1000,
			time_start_to_answer: start / 1000 + 10,
			time_end_call: start / 1000 + 95,
		};
		api.sandbox.calls.replace([call]);

		const { json } = await getMany(1, {}, { simplify: true });

		expect(json[0]).toMatchObject({
			id: 'tx-2026',
			startedAt: '2026-01-01T01:00:00.000+07:00',
			answeredAt: '2026-01-01T01:00:10.000+07:00',
			endedAt: '2026-01-01T01:01:35.000+07:00',
		});
	});
});

describe('VBot v2 2026 records', () => {
	const history = (count, extra = {}) =>
		generateVbotHistory({ ...VBOT, count, newest: JAN_1, seed: 14, shape: '2026', ...extra });

	test('Simplify: group_id is the id, duration_call the duration, more is missed', async () => {
		const entries = history(12);
		api.sandbox.vbot.replace(entries);

		const { json, error } = await runNode({
			parameters: {
				resource: 'vbotCall',
				operation: 'getMany',
				...VBOT,
				returnAll: true,
				simplify: true,
			},
			credentials: api.credentials('vbot'),
		});

		expect(error).toBeUndefined();
		const records = entries.map((entry) => entry.record);
		expect(json.map((call) => call.id)).toEqual(records.map((record) => String(record.group_id)));
		// The keys a CRM matches on: the call's group and the CRM's own id, where VBot sends them.
		expect(json.map((call) => call.groupId)).toEqual(json.map((call) => call.id));
		expect(json.map((call) => call.externalCallId)).toEqual(
			records.map((record) => record.external_call_id || null),
		);
		expect(json.some((call) => call.externalCallId !== null)).toBe(true);
		for (const [index, record] of records.entries()) {
			expect(json[index].durationSec).toBe(Number(record.duration_call));
			if (record.disposition === 'more') expect(json[index].status).toBe('missed');
		}
		expect(records.some((record) => record.disposition === 'more')).toBe(true);
	});

	test('the trigger emits a record it emitted under its hash once, not again when VBot sends its group_id', async () => {
		const now = Date.now();
		const [old] = generateVbotHistory({ ...VBOT, count: 1, newest: now - 5 * 60_000, seed: 15 });
		api.sandbox.vbot.replace([old]);
		const trigger = triggerPoller(
			{
				source: 'vbot',
				...VBOT,
				startFrom: 'date',
				startDate: new Date(now - 10 * 60_000).toISOString(),
				settleMinutes: 0,
				lookBackMinutes: 30,
				options: unpaced,
			},
			() => api.credentials('vbot'),
		);
		const first = await trigger.poll();
		// The vendor upgraded: the same record now carries its group_id.
		api.sandbox.vbot.replace([{ ...old, record: { ...old.record, group_id: 987654 } }]);
		const second = await trigger.poll();

		expect(first.json).toEqual([old.record]);
		expect(second.error).toBeUndefined();
		expect(second.json).toEqual([]);
	});
});
