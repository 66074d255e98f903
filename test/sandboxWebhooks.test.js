'use strict';
// The sandbox's webhooks (test/sandbox/webhooks.js) as ../shared/api/WEBHOOKS.md describes them:
// OMICall's webhook API over HTTP as a client sees it, and the deliveries of both vendors to a
// small receiver on 127.0.0.1.

const http = require('node:http');
const { startSandbox } = require('./sandbox/server');
const { startLiveCalls } = require('./sandbox/demo');
const { makeVbotCall, vbotBodies, RETRY_GAP_MS } = require('./sandbox/webhooks');
const { random } = require('./sandbox/seed');

/** Seeds whose calls were checked: answered, and (OMICall) not answered. */
const ANSWERED_SEED = 5;
const UNANSWERED_SEED = 1;

const MANUAL_CALL_LOG_FIELDS = [
	'transId',
	'projectCode',
	'typeCall',
	'timeCall',
	'durationCall',
	'createAt',
	'callAt',
	'callerId',
	'caller',
	'callerName',
	'typeCaller',
	'channelCaller',
	'callerMemberNo',
	'calleeId',
	'callee',
	'calleeName',
	'typeCallee',
	'channelCallee',
	'calleeMemberNo',
	'conferenceId',
	'telcoCode',
	'disposition',
	'hangupCause',
	'sipCode',
	'endCall',
	'hotline',
	'isIvr',
	'groupId',
	'forwardBotIdEndCall',
	'paymentChannel',
	'postage',
	'autoDialServiceCharge',
	'campaignTransId',
	'customerUid',
	'customerName',
	'firstQuestion',
	'externalCallId',
	'groupMemberUid',
];
const AUTO_CALL_LOG_FIELDS = [
	'phone',
	'duration',
	'billsec',
	'disposition',
	'hotlineCode',
	'inputLog',
	'voiceText',
	'postage',
	'serviceCharge',
	'memberName',
	'memberAccId',
	'memberNo',
	'answerAt',
	'endCallAt',
	'botId',
	'campaignName',
	'campaignGroupName',
	'templateScriptCode',
	'templateScriptName',
	'transId',
	'createAt',
	'postageService',
	'postageBotService',
	'telcoCode',
	'projectCode',
	'callNet',
	'metaData',
	'metaDataDescription',
	'externalCallId',
	'callCollectedData',
];
const HISTORY_FIELDS = [
	'hotline_number',
	'date_create',
	'caller',
	'callee',
	'time_call',
	'duration_call',
	'type_call',
	'group_id',
	'disposition',
	'external_call_id',
	'record_file',
];
const HISTORY_LEG_FIELDS = [
	'phone',
	'vbot_id',
	'date_create',
	'disposition',
	'time_call',
	'postage',
	'duration_call',
	'source',
	'member_no',
];

/** A receiver: keeps every request; answers the statuses queued in `answers`, then 200. */
async function startReceiver() {
	const receiver = { requests: [], answers: [] };
	const server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const text = Buffer.concat(chunks).toString('utf8');
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		receiver.requests.push({ path: req.url, headers: req.headers, text, json, at: Date.now() });
		res.writeHead(receiver.answers.shift() ?? 200, { 'content-type': 'application/json' });
		res.end('{"ok":true}');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${server.address().port}`;
	receiver.close = () => {
		server.closeAllConnections();
		return new Promise((resolve) => server.close(resolve));
	};
	return receiver;
}

let sandbox;
let receiver;
beforeAll(async () => {
	sandbox = await startSandbox();
	receiver = await startReceiver();
});
beforeEach(() => {
	sandbox.reset();
	receiver.requests.length = 0;
	receiver.answers.length = 0;
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});

/** A request to the OMICall API with the sandbox's token; `body` sent as JSON unless `type` says. */
async function omicall(
	method,
	path,
	body,
	{ type = 'application/json', token = sandbox.token } = {},
) {
	const headers = { authorization: `Bearer ${token}` };
	if (body !== undefined) headers['content-type'] = type;
	const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
	const res = await fetch(`${sandbox.url}${path}`, { method, headers, body: text });
	return { status: res.status, body: await res.json() };
}
const register = (webhook, options) =>
	omicall('POST', '/api/webhooks/register', { webhook }, options);
const list = async () => (await omicall('GET', '/api/webhooks/list')).body.payload;
const callHook = (url = `${receiver.url}/omicall`, events = null) => ({
	type: 'call',
	url,
	events,
});
const bodies = () => receiver.requests.map((r) => r.json);
const keysOf = (object) => Object.keys(object).sort();

describe('OMICall webhook API', () => {
	test('lists no registration at first, in the usual envelope', async () => {
		const { status, body } = await omicall('GET', '/api/webhooks/list');
		expect(status).toBe(200);
		expect(body).toEqual({
			status_code: 9999,
			instance_id: 'sandbox',
			instance_name: 'call-history-sandbox',
			payload: [],
			key_enabled: false,
		});
	});

	test('registers a call webhook and answers the list after the change', async () => {
		const url = `${receiver.url}/hook`;
		const { body } = await register(callHook(url, ['ringing', 'hangup']));
		const expected = [{ url, type: 'call', status: 'actived', events: ['ringing', 'hangup'] }];
		expect(body.status_code).toBe(9999);
		expect(body.payload).toEqual(expected);
		expect(await list()).toEqual(expected);
	});

	test('holds one registration per type: a second call webhook replaces the first', async () => {
		await register(callHook('https://first.example/hook'));
		await register({ type: 'contact', url: 'https://crm.example/contacts', events: null });
		await register(callHook('https://second.example/hook', ['hangup']));
		const hooks = await list();
		expect(hooks).toHaveLength(2);
		expect(hooks.find((h) => h.type === 'call')).toEqual({
			url: 'https://second.example/hook',
			type: 'call',
			status: 'actived',
			events: ['hangup'],
		});
		expect(hooks.find((h) => h.type === 'contact').url).toBe('https://crm.example/contacts');
	});

	test('destroys by type, whoever registered it, and answers payload null', async () => {
		await register(callHook('https://someone-else.example/hook'));
		await register({ type: 'contact', url: 'https://crm.example/contacts' });
		const { body } = await omicall('POST', '/api/webhooks/destroy?hook_type=call');
		expect(body).toMatchObject({ status_code: 9999, payload: null });
		expect((await list()).map((h) => h.type)).toEqual(['contact']);
		expect(sandbox.webhooks.omicall.has('call')).toBe(false);
	});

	test.each([
		['', 'hook_type_is_required'],
		['?hook_type=sms', 'hook_type_invalid'],
	])('refuses destroy%s with %s', async (query, code) => {
		await register(callHook());
		const { status, body } = await omicall('POST', `/api/webhooks/destroy${query}`);
		expect(status).toBe(200);
		expect(body).toMatchObject({ status_code: -9999, message: code });
		expect(await list()).toHaveLength(1);
	});

	test.each([
		['no webhook', undefined, 'webhook_is_required'],
		['a missing type', { url: 'https://a.example/h' }, 'type_invalid'],
		['an unknown type', { type: 'sms', url: 'https://a.example/h' }, 'type_invalid'],
		['a url that is not a URL', { type: 'call', url: 'not a url' }, 'url_invalid'],
		['an ftp url', { type: 'call', url: 'ftp://a.example/h' }, 'url_invalid'],
		['a non-loopback http url', { type: 'call', url: 'http://n8n.example.com/h' }, 'url_not_https'],
		[
			'an unknown event',
			{ type: 'call', url: 'https://a.example/h', events: ['ended'] },
			'events_invalid',
		],
		[
			'events not a list',
			{ type: 'call', url: 'https://a.example/h', events: 'hangup' },
			'events_invalid',
		],
	])('refuses %s', async (_, webhook, code) => {
		const { status, body } = await register(webhook);
		expect(status).toBe(200);
		expect(body).toMatchObject({ status_code: -9999, message: code, payload: null });
		expect(await list()).toEqual([]);
	});

	test.each(['http://localhost:5678/webhook/x', 'http://127.0.0.2/h', 'http://[::1]:5678/h'])(
		'accepts the loopback http url %s',
		async (url) => {
			const { body } = await register(callHook(url));
			expect(body.payload).toEqual([{ url, type: 'call', status: 'actived', events: null }]);
		},
	);

	test('reads a JSON body only: a form is refused as the change endpoint refuses it', async () => {
		const form = new URLSearchParams({
			'webhook[type]': 'call',
			'webhook[url]': 'https://a.example/h',
		});
		const { body } = await omicall('POST', '/api/webhooks/register', form.toString(), {
			type: 'application/x-www-form-urlencoded',
		});
		expect(body).toMatchObject({ status_code: -9999, message: 'webhook_is_required' });
		const json = JSON.stringify({ webhook: callHook('https://a.example/h') });
		const asText = await omicall('POST', '/api/webhooks/register', json, { type: 'text/plain' });
		expect(asText.body.message).toBe('webhook_is_required');
		expect(await list()).toEqual([]);
	});

	test('asks for the bearer token like the Call History API', async () => {
		const { status } = await omicall('GET', '/api/webhooks/list', undefined, { token: 'wrong' });
		expect(status).toBe(401);
	});
});

describe('OMICall call events', () => {
	test('sends ringing, answered, hangup in order, each the record so far, as JSON', async () => {
		await register(callHook());
		const { call, deliveries } = await sandbox.omicallCall({ seed: ANSWERED_SEED });
		expect(call.disposition).toBe('answered');
		expect(bodies().map((b) => b.event)).toEqual(['ringing', 'answered', 'hangup']);
		expect(receiver.requests.every((r) => r.headers['content-type'] === 'application/json')).toBe(
			true,
		);
		const [ringing, answered, hangup] = bodies();
		for (const body of [ringing, answered, hangup]) {
			expect(body).toMatchObject({
				transaction_id: call.transaction_id,
				direction: call.direction,
				source_number: call.source_number,
				destination_number: call.destination_number,
				time_start_call: call.time_start_call,
			});
		}
		for (const field of ['time_start_to_answer', 'disposition', 'time_end_call', 'duration'])
			expect(ringing).not.toHaveProperty(field);
		expect(answered.time_start_to_answer).toBe(call.time_start_to_answer);
		for (const field of ['disposition', 'time_end_call', 'bill_sec', 'recording_file'])
			expect(answered).not.toHaveProperty(field);
		expect(hangup).toEqual({ event: 'hangup', ...call });
		expect(deliveries.map((d) => [d.vendor, d.event, d.status, d.callId])).toEqual([
			['omicall', 'ringing', 200, call.transaction_id],
			['omicall', 'answered', 200, call.transaction_id],
			['omicall', 'hangup', 200, call.transaction_id],
		]);
		expect(sandbox.deliveries).toEqual(deliveries);
	});

	test('puts the call in the Call History API at hang-up', async () => {
		await register(callHook());
		const at = Date.now() - 60_000;
		const { call } = await sandbox.omicallCall({ at });
		const query = `from_date=${at - 1000}&to_date=${at + 1000}`;
		const { body } = await omicall('GET', `/api/call_transaction/list?${query}`);
		expect(body.payload.items.map((c) => c.transaction_id)).toContain(call.transaction_id);
		expect(call.created_date).toBe(at);
	});

	test('sends only the events registered', async () => {
		await register(callHook(undefined, ['hangup']));
		const { call } = await sandbox.omicallCall({ seed: ANSWERED_SEED + 100 });
		expect(bodies().map((b) => [b.event, b.transaction_id])).toEqual([
			['hangup', call.transaction_id],
		]);
	});

	test('an unanswered call has no answered event', async () => {
		await register(callHook());
		const { call } = await sandbox.omicallCall({ seed: UNANSWERED_SEED });
		expect(call.disposition).not.toBe('answered');
		expect(bodies().map((b) => b.event)).toEqual(['ringing', 'hangup']);
	});

	test('delivers nothing without a call registration, yet the call happens', async () => {
		await register({ type: 'contact', url: `${receiver.url}/contacts` });
		const { call, deliveries } = await sandbox.omicallCall({ seed: 4242 });
		expect(deliveries).toEqual([]);
		expect(receiver.requests).toEqual([]);
		expect(sandbox.calls.get(call.transaction_id)).toBe(call);
	});

	test('duplicates: each event n extra times, in a row', async () => {
		await register(callHook(undefined, ['ringing', 'hangup']));
		const { call } = await sandbox.omicallCall({ seed: 77, duplicates: 2 });
		expect(bodies().map((b) => b.event)).toEqual([
			'ringing',
			'ringing',
			'ringing',
			'hangup',
			'hangup',
			'hangup',
		]);
		expect(new Set(bodies().map((b) => b.transaction_id))).toEqual(new Set([call.transaction_id]));
	});

	test('gapMs: pauses between requests', async () => {
		await register(callHook(undefined, ['ringing', 'hangup']));
		await sandbox.omicallCall({ seed: 78, gapMs: 150 });
		const [first, second] = receiver.requests;
		expect(second.at - first.at).toBeGreaterThanOrEqual(140);
	});

	test('retries a 500 up to twice, 100 ms apart, recording every attempt', async () => {
		await register(callHook(undefined, ['hangup']));
		receiver.answers.push(500, 503);
		const { deliveries } = await sandbox.omicallCall({ seed: 79 });
		expect(deliveries.map((d) => d.status)).toEqual([500, 503, 200]);
		expect(receiver.requests).toHaveLength(3);
		expect(receiver.requests[1].at - receiver.requests[0].at).toBeGreaterThanOrEqual(
			RETRY_GAP_MS - 10,
		);
	});

	test('gives up after three attempts at a receiver that cannot be reached', async () => {
		const gone = await startReceiver();
		await gone.close();
		await register(callHook(`${gone.url}/gone`, ['hangup']));
		const { deliveries } = await sandbox.omicallCall({ seed: 80 });
		expect(deliveries.map((d) => [d.event, d.status])).toEqual([
			['hangup', 'ECONNREFUSED'],
			['hangup', 'ECONNREFUSED'],
			['hangup', 'ECONNREFUSED'],
		]);
	});
});

describe('VBot webhooks', () => {
	const setWebhook = (setting = {}) =>
		sandbox.setVbotWebhook({ url: `${receiver.url}/vbot`, ...setting });

	test('no setting, no delivery; the setting is kept as given', async () => {
		expect(sandbox.vbotWebhook).toBeUndefined();
		expect((await sandbox.vbotCall({ seed: 1 })).deliveries).toEqual([]);
		const setting = setWebhook({ headerValue: 'k', events: ['P2P_CALL_LOG'] });
		expect(sandbox.vbotWebhook).toEqual({
			url: `${receiver.url}/vbot`,
			headerName: 'Authorization',
			headerValue: 'k',
			events: ['P2P_CALL_LOG'],
		});
		expect(setting).toBe(sandbox.vbotWebhook);
		expect(() => sandbox.setVbotWebhook({ url: 'https://a.example', events: ['NOPE'] })).toThrow(
			/NOPE/,
		);
	});

	test('sends the auth header when one is set, and none when it is empty', async () => {
		setWebhook({ headerValue: 'Bearer s3cret', events: ['MANUAL_CALL_LOG'] });
		await sandbox.vbotCall({ seed: 2 });
		setWebhook({ headerName: 'X-Webhook-Token', headerValue: 'tok', events: ['MANUAL_CALL_LOG'] });
		await sandbox.vbotCall({ seed: 3 });
		setWebhook({ events: ['MANUAL_CALL_LOG'] });
		await sandbox.vbotCall({ seed: 4 });
		const [first, second, third] = receiver.requests;
		expect(first.headers.authorization).toBe('Bearer s3cret');
		expect(second.headers['x-webhook-token']).toBe('tok');
		expect(second.headers.authorization).toBeUndefined();
		expect(third.headers.authorization).toBeUndefined();
		expect(third.headers['content-type']).toBe('application/json');
	});

	test('a manual call: log, recording, AI extraction, complete, as documented', async () => {
		setWebhook();
		const { call, deliveries } = await sandbox.vbotCall({
			seed: 5,
			answered: true,
			at: 1_780_000_000_000,
		});
		expect(deliveries.map((d) => d.event)).toEqual([
			'MANUAL_CALL_LOG',
			'MANUAL_CALL_RECORDING',
			'MANUAL_CALL_AI_EXTRACTION',
			'MANUAL_CALL_COMPLETE',
		]);
		const [log, recording, extraction, complete] = bodies();
		expect(keysOf(log)).toEqual([...MANUAL_CALL_LOG_FIELDS].sort());
		expect(log).toMatchObject({
			transId: call.transId,
			disposition: 'ANSWER',
			projectCode: 'SIEUTHI-ABC',
		});
		expect(log.durationCall - log.timeCall).toBe(call.talkSec);
		expect(log.callAt - log.createAt).toBe(log.timeCall * 1000);
		expect(log.createAt + log.durationCall * 1000).toBe(1_780_000_000_000);
		expect([1, 2]).toContain(log.typeCall);
		expect(recording).toEqual({
			transId: call.transId,
			externalCallId: call.externalCallId,
			recordUrl: `${sandbox.url}/vbot/v2.0/api/crm/historycall/record/${call.transId}`,
		});
		expect(keysOf(extraction)).toEqual(['callCollectedData', 'externalCallId', 'transId']);
		const collected = JSON.parse(extraction.callCollectedData);
		expect(collected.length).toBeGreaterThan(0);
		for (const item of collected)
			expect(keysOf(item)).toEqual(['cfkey', 'cfname', 'cfvalue', 'description']);
		expect(complete).toEqual({ manualCallLog: log, manualCallRecording: recording });
	});

	test("the recordUrl answers the audio with the credential, as VBot's v2 endpoint", async () => {
		setWebhook({ events: ['MANUAL_CALL_RECORDING'] });
		await sandbox.vbotCall({ seed: 6, answered: true });
		const { recordUrl } = bodies()[0];
		const withToken = await fetch(recordUrl, {
			headers: { authorization: `Bearer ${sandbox.token}` },
		});
		expect(withToken.status).toBe(200);
		expect(withToken.headers.get('content-type')).toBe('audio/wav');
		expect((await fetch(recordUrl)).status).toBe(401);
	});

	test('an unanswered manual call: no recording, no extraction; complete without one', async () => {
		setWebhook();
		const { deliveries } = await sandbox.vbotCall({ seed: 7, answered: false });
		expect(deliveries.map((d) => d.event)).toEqual(['MANUAL_CALL_LOG', 'MANUAL_CALL_COMPLETE']);
		const [log, complete] = bodies();
		expect(log.callAt).toBeNull();
		expect(log.disposition).not.toBe('ANSWER');
		expect(complete.manualCallRecording).toBeNull();
	});

	test('an auto call: log, campaign call, recording, AI extraction, complete', async () => {
		setWebhook();
		const { call, deliveries } = await sandbox.vbotCall({ kind: 'auto', seed: 8, answered: true });
		expect(deliveries.map((d) => d.event)).toEqual([
			'AUTO_CALL_LOG',
			'CAMPAIGN_CALL',
			'AUTO_CALL_RECORDING',
			'AUTO_CALL_AI_EXTRACTION',
			'AUTO_CALL_COMPLETE',
		]);
		const [log, campaign, recording, extraction, complete] = bodies();
		expect(keysOf(log)).toEqual([...AUTO_CALL_LOG_FIELDS].sort());
		expect(campaign).toEqual(log);
		expect(['ONNET', 'OFFNET']).toContain(log.callNet);
		for (const field of ['metaData', 'metaDataDescription', 'callCollectedData'])
			expect(typeof JSON.parse(log[field])).toBe('object');
		expect(log.endCallAt - log.answerAt).toBe(log.billsec * 1000);
		expect(recording).toEqual({
			transId: call.transId,
			externalCallId: call.externalCallId,
			recordUrl: call.recordUrl,
		});
		expect(complete).toEqual({
			autoCallLog: log,
			autoCallAIExtraction: extraction,
			autoCallRecording: recording,
		});
		expect(log.externalCallId).toMatch(/^autocall-/);
	});

	test('a p2p call: P2P_CALL_LOG, a manualCallLog between two agents', async () => {
		setWebhook();
		await sandbox.vbotCall({ kind: 'p2p', seed: 9, transId: 'p2p-1' });
		expect(sandbox.deliveries.map((d) => [d.event, d.callId])).toEqual([['P2P_CALL_LOG', 'p2p-1']]);
		const [log] = bodies();
		expect(keysOf(log)).toEqual([...MANUAL_CALL_LOG_FIELDS].sort());
		expect(log).toMatchObject({ transId: 'p2p-1', hotline: '', typeCaller: expect.any(String) });
		expect(log.callerMemberNo).not.toBe('');
		expect(log.calleeMemberNo).not.toBe('');
	});

	test('a history call: HISTORY_CALL, the v2 record with day-first dates', async () => {
		setWebhook();
		const at = Date.UTC(2026, 6, 3, 2, 4, 5);
		const { call } = await sandbox.vbotCall({ kind: 'history', seed: 10, answered: true, at });
		expect(sandbox.deliveries.map((d) => d.event)).toEqual(['HISTORY_CALL']);
		const [record] = bodies();
		expect(keysOf(record)).toEqual([...HISTORY_FIELDS].sort());
		expect(record.date_create).toMatch(/^03\/07\/2026 \d\d:\d\d:\d\d$/);
		expect(['INCALL', 'OUTCALL']).toContain(record.type_call);
		expect(record.group_id).toBe(call.groupId);
		expect(record.record_file).toEqual([call.recordUrl]);
		for (const leg of [...record.caller, ...record.callee]) {
			expect(keysOf(leg)).toEqual([...HISTORY_LEG_FIELDS].sort());
			expect(['App_SDK', 'Phone', 'SIP']).toContain(leg.source);
		}
	});

	test('an internal history call: HISTORY_CALL_PEERTOPEER', async () => {
		setWebhook({ events: ['HISTORY_CALL', 'HISTORY_CALL_PEERTOPEER'] });
		await sandbox.vbotCall({ kind: 'history', internal: true, seed: 11 });
		expect(sandbox.deliveries.map((d) => d.event)).toEqual(['HISTORY_CALL_PEERTOPEER']);
		expect(bodies()[0].hotline_number).toBe('');
		expect(bodies()[0].caller[0].member_no).not.toBe('');
	});

	test('sends only the events switched on, with duplicates and retries', async () => {
		setWebhook({ events: ['MANUAL_CALL_COMPLETE'] });
		receiver.answers.push(502);
		const { call, deliveries } = await sandbox.vbotCall({ seed: 12, duplicates: 1 });
		expect(deliveries.map((d) => [d.event, d.status, d.callId])).toEqual([
			['MANUAL_CALL_COMPLETE', 502, call.transId],
			['MANUAL_CALL_COMPLETE', 200, call.transId],
			['MANUAL_CALL_COMPLETE', 200, call.transId],
		]);
		expect(bodies().every((b) => b.manualCallLog.transId === call.transId)).toBe(true);
	});

	test('IN_COMINGCALL: a guessed body of none of the published shapes', async () => {
		setWebhook({ events: ['IN_COMINGCALL'], headerValue: 'k' });
		const at = Date.now();
		const { body, deliveries } = await sandbox.vbotIncoming({ seed: 13, at });
		expect(keysOf(body)).toEqual(['hotline', 'phone', 'ringAt']);
		expect(body.ringAt).toBe(at);
		expect(bodies()).toEqual([body]);
		expect(receiver.requests[0].headers.authorization).toBe('k');
		expect(deliveries.map((d) => [d.vendor, d.event, d.status])).toEqual([
			['vbot', 'IN_COMINGCALL', 200],
		]);
	});

	test('the body builders are exported, one body from one call', () => {
		const call = makeVbotCall(random(14), {
			kind: 'manual',
			at: 1_780_000_000_000,
			recordBase: 'http://sandbox',
			answered: true,
		});
		expect(vbotBodies.MANUAL_CALL_LOG(call).transId).toBe(call.transId);
		expect(vbotBodies.MANUAL_CALL_RECORDING(call).recordUrl).toBe(
			`http://sandbox/vbot/v2.0/api/crm/historycall/record/${call.transId}`,
		);
	});
});

describe('deliverRaw, reset and live calls', () => {
	test('deliverRaw sends a hand-made body and headers as given, once', async () => {
		receiver.answers.push(500);
		const answer = await sandbox.deliverRaw(`${receiver.url}/raw`, {
			body: Buffer.from('not json'),
			headers: { 'Content-Type': 'text/plain', 'X-Extra': '1' },
		});
		expect(answer).toEqual({ status: 500, body: '{"ok":true}' });
		expect(receiver.requests).toHaveLength(1);
		expect(receiver.requests[0]).toMatchObject({
			path: '/raw',
			text: 'not json',
			headers: { 'content-type': 'text/plain', 'x-extra': '1' },
		});
		await sandbox.deliverRaw(`${receiver.url}/raw`, { body: '{"a":1}' });
		expect(receiver.requests[1].headers['content-type']).toBe('application/json');
		expect(sandbox.deliveries.map((d) => d.status)).toEqual([500, 200]);
	});

	test('reset forgets the registrations, the VBot setting and the deliveries', async () => {
		await register(callHook());
		sandbox.setVbotWebhook({ url: `${receiver.url}/vbot` });
		await sandbox.omicallCall({ seed: 15 });
		expect(sandbox.deliveries.length).toBeGreaterThan(0);
		sandbox.reset();
		expect(sandbox.webhooks.omicall.size).toBe(0);
		expect(sandbox.vbotWebhook).toBeUndefined();
		expect(sandbox.deliveries).toEqual([]);
		expect(await list()).toEqual([]);
	});

	test('live calls: a call to each webhook set, every few ms, until stopped', async () => {
		await register(callHook(undefined, ['hangup']));
		sandbox.setVbotWebhook({ url: `${receiver.url}/vbot`, events: ['MANUAL_CALL_LOG'] });
		const stop = startLiveCalls(sandbox, 20);
		const deadline = Date.now() + 5000;
		while (receiver.requests.length < 4 && Date.now() < deadline) await sleep(10);
		stop();
		const paths = new Set(receiver.requests.map((r) => r.path));
		expect(paths).toEqual(new Set(['/omicall', '/vbot']));
		await sleep(60);
		const count = receiver.requests.length;
		await sleep(60);
		expect(receiver.requests.length).toBe(count);
	});
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
