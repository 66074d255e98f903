'use strict';
// The vendors' webhooks as ../shared/api/WEBHOOKS.md describes them.
// OMICall: registered through the API (/api/webhooks/list, register, destroy), one per type per
// account; omicallCall() makes a call and POSTs its events to the registered `call` URL. OMICall
// does not publish the body it sends: the sandbox sends the Call History API's record so far with
// the event's name, `{ event, ...record }`.
// VBot: set in the console, which setVbotWebhook() stands for; vbotCall() and vbotIncoming()
// deliver the published bodies (vbotBodies) of the events switched on, with the static auth header.
// Neither vendor publishes retries: the sandbox tries a request up to 3 times, 100 ms apart, when
// the receiver answers other than 2xx or cannot be reached. Every attempt is in sandbox.deliveries.

const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');
const { failure, envelope, isJson } = require('./callHistoryApi');
const { DEMO_VBOT } = require('./demo');
const {
	AGENTS,
	HOTLINES,
	V3_STATUSES,
	between,
	customer,
	makeCall,
	pick,
	random,
	uuid,
} = require('./seed');

const OMICALL_EVENTS = ['ringing', 'answered', 'hangup'];
const OMICALL_TYPES = ['call', 'contact'];
const VBOT_EVENTS = [
	'MANUAL_CALL_COMPLETE',
	'MANUAL_CALL_LOG',
	'MANUAL_CALL_RECORDING',
	'MANUAL_CALL_AI_EXTRACTION',
	'AUTO_CALL_COMPLETE',
	'AUTO_CALL_LOG',
	'AUTO_CALL_RECORDING',
	'AUTO_CALL_AI_EXTRACTION',
	'P2P_CALL_LOG',
	'IN_COMINGCALL',
	'HISTORY_CALL',
	'HISTORY_CALL_PEERTOPEER',
	'CAMPAIGN_CALL',
];
const RETRIES = 2;
const RETRY_GAP_MS = 100;
const DELIVERY_TIMEOUT_MS = 10_000;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freshSeed = () => crypto.randomInt(1, 2 ** 31 - 1);
const omit = (record, fields) =>
	Object.fromEntries(Object.entries(record).filter(([key]) => !fields.includes(key)));

// ---- OMICall's webhook API ----

const ok = (payload) => ({ status: 200, body: envelope(payload) });

function registrations(sandbox) {
	return [...sandbox.webhooks.omicall.values()].map((hook) => ({ ...hook }));
}

/** The registration a register body asks for, or the failure code that refuses it. */
function readRegistration(body) {
	const webhook = body?.webhook;
	if (webhook === null || typeof webhook !== 'object') return { refused: 'webhook_is_required' };
	if (!OMICALL_TYPES.includes(webhook.type)) return { refused: 'type_invalid' };
	let url;
	try {
		url = new URL(webhook.url);
	} catch {
		return { refused: 'url_invalid' };
	}
	if (!['http:', 'https:'].includes(url.protocol)) return { refused: 'url_invalid' };
	// OMICall's tools take HTTPS only; the sandbox lets a local n8n use http.
	if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) return { refused: 'url_not_https' };
	const events = webhook.events ?? null;
	if (
		events !== null &&
		(!Array.isArray(events) || events.some((e) => !OMICALL_EVENTS.includes(e)))
	)
		return { refused: 'events_invalid' };
	return { registration: { url: webhook.url, type: webhook.type, status: 'actived', events } };
}

function register(req, sandbox) {
	// Like the change endpoint, the vendor reads a JSON body alone.
	const asked = readRegistration(isJson(req.contentType) ? req.body : undefined);
	if (asked.refused) return failure(asked.refused, sandbox.settings);
	sandbox.webhooks.omicall.set(asked.registration.type, asked.registration);
	return ok(registrations(sandbox));
}

function destroy(query, sandbox) {
	if (!query.hook_type) return failure('hook_type_is_required', sandbox.settings);
	if (!OMICALL_TYPES.includes(query.hook_type))
		return failure('hook_type_invalid', sandbox.settings);
	sandbox.webhooks.omicall.delete(query.hook_type);
	return ok(null);
}

/** The answer to a webhook API request (bearer token already checked), or undefined for another path. */
function omicallWebhookApi(req, sandbox) {
	if (req.method === 'GET' && req.path === '/api/webhooks/list') return ok(registrations(sandbox));
	if (req.method === 'POST' && req.path === '/api/webhooks/register') return register(req, sandbox);
	if (req.method === 'POST' && req.path === '/api/webhooks/destroy')
		return destroy(req.query, sandbox);
	return undefined;
}

// ---- Delivery ----

/** One POST; its HTTP status and answer, or the error's code as the status. */
function post(url, body, headers) {
	return new Promise((resolve) => {
		const target = new URL(url);
		const payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
		const client = target.protocol === 'https:' ? https : http;
		const request = client.request(
			target,
			{
				method: 'POST',
				agent: false,
				timeout: DELIVERY_TIMEOUT_MS,
				headers: { 'content-length': payload.length, ...headers },
			},
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', (error) => resolve({ status: error.code ?? 'ERROR', body: '' }));
			},
		);
		request.on('timeout', () =>
			request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
		);
		request.on('error', (error) => resolve({ status: error.code ?? 'ERROR', body: '' }));
		request.end(payload);
	});
}

const delivered = (status) => typeof status === 'number' && status >= 200 && status < 300;

/** The events of `deliveries` answered 2xx, as { event, callId }, once each, in the order sent. */
function eventsDelivered(deliveries) {
	const keys = deliveries
		.filter((attempt) => delivered(attempt.status))
		.map(({ event, callId }) => JSON.stringify({ event, callId }));
	return [...new Set(keys)].map((key) => JSON.parse(key));
}

/** POSTs `body` as JSON, retrying as described above; returns the attempts, each recorded. */
async function deliver(sandbox, { vendor, event, url, body, headers = {}, callId }) {
	const attempts = [];
	for (let attempt = 0; attempt <= RETRIES; attempt++) {
		if (attempt > 0) await sleep(RETRY_GAP_MS);
		const { status } = await post(url, JSON.stringify(body), {
			'content-type': 'application/json',
			...headers,
		});
		const record = { vendor, event, url, status, at: Date.now(), callId };
		sandbox.deliveries.push(record);
		attempts.push(record);
		if (delivered(status)) break;
	}
	return attempts;
}

/**
 * Delivers each of `events` ({ event, body }) 1 + `duplicates` times in order, `gapMs` apart,
 * while `target(event)` gives where ({ url, headers }); returns every attempt.
 */
async function deliverAll(sandbox, vendor, callId, events, { target, duplicates = 0, gapMs = 0 }) {
	const attempts = [];
	for (const { event, body, before } of events) {
		before?.();
		for (let copy = 0; copy <= duplicates; copy++) {
			const to = target(event);
			if (!to) continue;
			if (gapMs > 0 && attempts.length > 0) await sleep(gapMs);
			attempts.push(...(await deliver(sandbox, { vendor, event, callId, body, ...to })));
		}
	}
	return attempts;
}

// ---- OMICall's call events ----

/** What the record lacks while the call rings, and what it lacks until it ends. */
const ANSWER_FIELDS = ['time_start_to_answer'];
const END_FIELDS = [
	'disposition',
	'bill_sec',
	'duration',
	'record_seconds',
	'recording_file',
	'recording_file_url',
	'time_end_call',
	'call_out_price',
	'created_date',
	'last_updated_date',
	'is_have_forward_out',
	'bill_sec_forward_out',
];

/** The call's events in order, each body the record so far; an unanswered call has no `answered`. */
function omicallEvents(call) {
	const events = [{ event: 'ringing', body: omit(call, [...ANSWER_FIELDS, ...END_FIELDS]) }];
	if (call.disposition === 'answered')
		events.push({ event: 'answered', body: omit(call, END_FIELDS) });
	events.push({ event: 'hangup', body: call });
	return events.map(({ event, body }) => ({ event, body: { event, ...body } }));
}

function omicallTarget(sandbox, event) {
	const hook = sandbox.webhooks.omicall.get('call');
	if (!hook || (hook.events !== null && !hook.events.includes(event))) return undefined;
	return { url: hook.url };
}

/**
 * One call (makeCall's 2026 shape, ending at `at`, drawn from `seed`) delivered to the registered
 * call webhook; at hang-up it joins sandbox.calls. `duplicates`: each event sent that many extra
 * times; `gapMs`: pause between requests. Returns { call, deliveries }.
 */
async function omicallCall(
	sandbox,
	{ at = Date.now(), seed = freshSeed(), duplicates, gapMs } = {},
) {
	const call = makeCall(random(seed), at, sandbox.url, { shape: '2026' });
	const events = omicallEvents(call);
	// Stored before the hang-up is sent, so a receiver asking the Call History API finds it.
	events.at(-1).before = () => {
		if (!sandbox.calls.get(call.transaction_id)) sandbox.calls.add(call);
	};
	const deliveries = await deliverAll(sandbox, 'omicall', call.transaction_id, events, {
		target: (event) => omicallTarget(sandbox, event),
		duplicates,
		gapMs,
	});
	return { call, deliveries };
}

// ---- VBot's calls ----

const localHotline = (hotline) => `0${hotline.slice(2)}`;
const TELCO_CODES = { viettel: 'VTL', vinaphone: 'VNP', mobifone: 'VMS' };
const accountIdOf = (agent) => uuid(random(Number(agent.sip_user)));

/** "dd/MM/yyyy HH:mm:ss" in Vietnam time, as the webhooks' v2 record writes date_create. */
function dayFirstVietnamTime(ms) {
	const iso = new Date(ms + 7 * 3_600_000).toISOString();
	return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

const agentParty = (agent, type) => ({
	id: accountIdOf(agent),
	number: agent.sip_user,
	name: agent.full_name,
	type,
	channel: `SIP/${agent.sip_user}`,
	memberNo: agent.sip_user,
	source: type === 'Website_RTC' ? 'App_SDK' : 'SIP',
});
const customerParty = (person) => ({
	id: '',
	number: person.phone,
	name: person.fullName,
	type: 'Phone',
	channel: 'PSTN',
	memberNo: '',
	source: 'Phone',
});

const COLLECTED = [
	['customer_need', 'Nhu cầu', ['Hỏi giá sản phẩm', 'Đổi trả hàng', 'Theo dõi đơn hàng']],
	['callback_time', 'Thời gian gọi lại', ['Sáng mai', 'Chiều nay', 'Không cần']],
];

function collectedData(rand) {
	return COLLECTED.map(([cfkey, cfname, values]) => ({
		cfkey,
		cfname,
		cfvalue: pick(rand, values),
		description: `${cfname} của khách hàng`,
	}));
}

/**
 * One VBot call of `kind` ('manual', 'auto', 'p2p', 'history'; `internal` makes a history call an
 * internal one), ending at `at`: the facts every body is written from.
 */
function makeVbotCall(
	rand,
	{ kind, at, recordBase, transId, answered, internal = kind === 'p2p' },
) {
	const agent = pick(rand, AGENTS);
	const colleague = pick(
		rand,
		AGENTS.filter((a) => a !== agent),
	);
	const person = customer(rand);
	const inbound = !internal && kind !== 'auto' && rand() < 0.5;
	const wasAnswered = answered ?? rand() < 0.75;
	const missed = inbound ? ['NOANSWER', 'CANCEL'] : ['NOANSWER', 'BUSY', 'CANCEL'];
	const disposition = wasAnswered ? 'ANSWER' : pick(rand, missed);
	const ringSec = between(rand, 3, 25);
	const talkSec = wasAnswered ? between(rand, 8, 600) : 0;
	const createAt = at - (ringSec + talkSec) * 1000;
	const agentSide = agentParty(agent, pick(rand, ['SIP', 'Website_RTC']));
	const other = internal ? agentParty(colleague, 'SIP') : customerParty(person);
	const id = transId ?? uuid(rand);
	const charged = !inbound && !internal && wasAnswered;
	return {
		kind,
		internal,
		transId: id,
		groupId: uuid(rand),
		conferenceId: wasAnswered ? `conf-${uuid(rand).slice(0, 8)}` : '',
		externalCallId:
			kind === 'auto'
				? `autocall-${between(rand, 100_000, 999_999)}`
				: rand() < 0.2
					? `crm-${between(rand, 100_000, 999_999)}`
					: '',
		projectCode: DEMO_VBOT.projectCode,
		inbound,
		answered: wasAnswered,
		disposition,
		...V3_STATUSES[disposition],
		endCall: wasAnswered ? pick(rand, ['CALLER', 'CALLEE']) : inbound ? 'CALLER' : 'CALLEE',
		ringSec,
		talkSec,
		createAt,
		callAt: wasAnswered ? createAt + ringSec * 1000 : null,
		endAt: at,
		caller: inbound ? other : agentSide,
		callee: inbound ? agentSide : other,
		customer: internal ? undefined : person,
		customerUid: internal ? '' : uuid(rand),
		agent,
		telcoCode: internal ? '' : TELCO_CODES[person.provider],
		hotline: internal ? '' : localHotline(pick(rand, HOTLINES)),
		postage: charged ? Math.ceil(talkSec / 60) * 880 : 0,
		paymentChannel: charged ? pick(rand, ['PACKAGE', 'BALANCE']) : '',
		groupMemberUid: AGENTS.indexOf(agent) < 3 ? 'mem_10001' : 'mem_10002',
		recordUrl: `${recordBase}/vbot/v2.0/api/crm/historycall/record/${id}`,
		collected: wasAnswered ? collectedData(rand) : [],
		botId: `BOT-${between(rand, 1000, 9999)}`,
	};
}

// ---- VBot's bodies (WEBHOOKS.md), each from a makeVbotCall call ----

function manualCallLog(call) {
	const { caller, callee } = call;
	return {
		transId: call.transId,
		projectCode: call.projectCode,
		typeCall: call.inbound ? 1 : 2,
		timeCall: call.ringSec,
		durationCall: call.ringSec + call.talkSec,
		createAt: call.createAt,
		callAt: call.callAt,
		callerId: caller.id,
		caller: caller.number,
		callerName: caller.name,
		typeCaller: caller.type,
		channelCaller: caller.channel,
		callerMemberNo: caller.memberNo,
		calleeId: callee.id,
		callee: callee.number,
		calleeName: callee.name,
		typeCallee: callee.type,
		channelCallee: callee.channel,
		calleeMemberNo: callee.memberNo,
		conferenceId: call.conferenceId,
		telcoCode: call.telcoCode,
		disposition: call.disposition,
		hangupCause: call.hangup_cause,
		sipCode: call.sip_code,
		endCall: call.endCall,
		hotline: call.hotline,
		isIvr: call.inbound,
		groupId: call.groupId,
		forwardBotIdEndCall: '',
		paymentChannel: call.paymentChannel,
		postage: call.postage,
		autoDialServiceCharge: 0,
		campaignTransId: '',
		customerUid: call.customerUid,
		customerName: call.customer?.fullName ?? '',
		firstQuestion: '',
		externalCallId: call.externalCallId,
		groupMemberUid: call.groupMemberUid,
	};
}

const recording = (call) => ({
	transId: call.transId,
	externalCallId: call.externalCallId,
	recordUrl: call.recordUrl,
});
const aiExtraction = (call) => ({
	transId: call.transId,
	externalCallId: call.externalCallId,
	callCollectedData: JSON.stringify(call.collected),
});

function autoCallLog(call) {
	const { agent } = call;
	return {
		phone: call.customer.phone,
		duration: call.ringSec + call.talkSec,
		billsec: call.talkSec,
		disposition: call.disposition,
		hotlineCode: call.hotline,
		inputLog: call.answered ? '1' : '',
		voiceText: call.answered ? 'Dạ vâng, tôi nhận hàng vào chiều nay.' : '',
		postage: call.postage,
		serviceCharge: call.answered ? 300 : 0,
		memberName: agent.full_name,
		memberAccId: accountIdOf(agent),
		memberNo: agent.sip_user,
		answerAt: call.callAt,
		endCallAt: call.endAt,
		botId: call.botId,
		campaignName: 'Nhắc lịch giao hàng',
		campaignGroupName: 'Chăm sóc khách hàng',
		templateScriptCode: 'KB-GIAOHANG',
		templateScriptName: 'Kịch bản nhắc giao hàng',
		transId: call.transId,
		createAt: call.createAt,
		postageService: call.postage,
		postageBotService: call.answered ? 500 : 0,
		telcoCode: call.telcoCode,
		projectCode: call.projectCode,
		callNet: call.telcoCode === 'VTL' ? 'ONNET' : 'OFFNET',
		metaData: JSON.stringify({ orderCode: `DH${call.transId.slice(0, 6).toUpperCase()}` }),
		metaDataDescription: JSON.stringify({ orderCode: 'Mã đơn hàng' }),
		externalCallId: call.externalCallId,
		callCollectedData: JSON.stringify(call.collected),
	};
}

/** The deprecated events' v2 history record, its dates "dd/MM/yyyy HH:mm:ss". */
function historyRecord(call) {
	const date = dayFirstVietnamTime(call.createAt);
	const leg = (party) => ({
		phone: party.number,
		vbot_id: party.memberNo ? '' : DEMO_VBOT.vbotId,
		date_create: date,
		disposition: call.disposition,
		time_call: String(call.talkSec),
		postage: party === call.caller ? call.postage : 0,
		duration_call: call.ringSec + call.talkSec,
		source: party.source,
		member_no: party.memberNo,
	});
	return {
		hotline_number: call.hotline,
		date_create: date,
		caller: [leg(call.caller)],
		callee: [leg(call.callee)],
		time_call: String(call.talkSec),
		duration_call: call.ringSec + call.talkSec,
		type_call: call.inbound ? 'INCALL' : 'OUTCALL',
		group_id: call.groupId,
		disposition: call.disposition,
		external_call_id: call.externalCallId,
		record_file: call.answered ? [call.recordUrl] : [],
	};
}

/**
 * The body of each event from a call. An unanswered call has no recording and no extraction: its
 * COMPLETE bodies carry null there (not published; an assumption).
 */
const vbotBodies = {
	MANUAL_CALL_LOG: manualCallLog,
	MANUAL_CALL_RECORDING: recording,
	MANUAL_CALL_AI_EXTRACTION: aiExtraction,
	MANUAL_CALL_COMPLETE: (call) => ({
		manualCallLog: manualCallLog(call),
		manualCallRecording: call.answered ? recording(call) : null,
	}),
	AUTO_CALL_LOG: autoCallLog,
	CAMPAIGN_CALL: autoCallLog,
	AUTO_CALL_RECORDING: recording,
	AUTO_CALL_AI_EXTRACTION: aiExtraction,
	AUTO_CALL_COMPLETE: (call) => ({
		autoCallLog: autoCallLog(call),
		autoCallAIExtraction: call.answered ? aiExtraction(call) : null,
		autoCallRecording: call.answered ? recording(call) : null,
	}),
	P2P_CALL_LOG: manualCallLog,
	HISTORY_CALL: historyRecord,
	HISTORY_CALL_PEERTOPEER: historyRecord,
};

/** The events of each kind of call, in the order they are sent. */
const KIND_EVENTS = {
	manual: [
		'MANUAL_CALL_LOG',
		'MANUAL_CALL_RECORDING',
		'MANUAL_CALL_AI_EXTRACTION',
		'MANUAL_CALL_COMPLETE',
	],
	auto: [
		'AUTO_CALL_LOG',
		'CAMPAIGN_CALL',
		'AUTO_CALL_RECORDING',
		'AUTO_CALL_AI_EXTRACTION',
		'AUTO_CALL_COMPLETE',
	],
	p2p: ['P2P_CALL_LOG'],
	history: ['HISTORY_CALL'],
};
const AFTER_RECORDING = ['RECORDING', 'AI_EXTRACTION'];

function vbotEventsOf(call) {
	const names =
		call.kind === 'history' && call.internal ? ['HISTORY_CALL_PEERTOPEER'] : KIND_EVENTS[call.kind];
	return names
		.filter((name) => call.answered || !AFTER_RECORDING.some((part) => name.endsWith(part)))
		.map((event) => ({ event, body: vbotBodies[event](call) }));
}

/** The console's webhook setting; none (undefined or null) switches the webhook off. */
function setVbotWebhook(sandbox, setting) {
	if (!setting) return (sandbox.webhooks.vbot = undefined);
	const { url, headerName = 'Authorization', headerValue = '', events = VBOT_EVENTS } = setting;
	if (!/^https?:\/\//.test(url ?? ''))
		throw new Error(`a VBot webhook needs an http(s) URL: ${url}`);
	const unknown = events.filter((event) => !VBOT_EVENTS.includes(event));
	if (unknown.length) throw new Error(`unknown VBot events: ${unknown.join(', ')}`);
	sandbox.webhooks.vbot = { url, headerName, headerValue, events: [...events] };
	return sandbox.webhooks.vbot;
}

function vbotTarget(sandbox, event) {
	const setting = sandbox.webhooks.vbot;
	if (!setting || !setting.events.includes(event)) return undefined;
	const headers = setting.headerValue ? { [setting.headerName]: setting.headerValue } : {};
	return { url: setting.url, headers };
}

const KINDS = Object.keys(KIND_EVENTS);

/**
 * One VBot call of `kind` ending at `at`, drawn from `seed` (`transId`, `answered`, `internal`
 * fix what they name), delivered to the console's webhook. Returns { call, deliveries }.
 */
async function vbotCall(
	sandbox,
	{ kind = 'manual', seed = freshSeed(), at = Date.now(), duplicates, gapMs, ...fixed } = {},
) {
	if (!KINDS.includes(kind)) throw new Error(`kind is one of ${KINDS.join(', ')}: ${kind}`);
	const call = makeVbotCall(random(seed), { kind, at, recordBase: sandbox.url, ...fixed });
	if (call.answered) sandbox.webhooks.vbotRecordings.add(call.transId);
	const deliveries = await deliverAll(sandbox, 'vbot', call.transId, vbotEventsOf(call), {
		target: (event) => vbotTarget(sandbox, event),
		duplicates,
		gapMs,
	});
	return { call, deliveries };
}

/**
 * IN_COMINGCALL while a call rings. VBot does not publish its body: this one is a guess that
 * deliberately matches none of the published shapes. Returns { body, deliveries }.
 */
async function vbotIncoming(
	sandbox,
	{ seed = freshSeed(), at = Date.now(), duplicates, gapMs } = {},
) {
	const rand = random(seed);
	const body = {
		phone: customer(rand).phone,
		hotline: localHotline(pick(rand, HOTLINES)),
		ringAt: at,
	};
	const events = [{ event: 'IN_COMINGCALL', body }];
	const deliveries = await deliverAll(sandbox, 'vbot', undefined, events, {
		target: (event) => vbotTarget(sandbox, event),
		duplicates,
		gapMs,
	});
	return { body, deliveries };
}

/**
 * One POST of a hand-made `body` (string or Buffer) with `headers` (Content-Type
 * application/json unless they give one), not retried; recorded as vendor `vendor` ('raw').
 * Returns the receiver's { status, body }.
 */
async function deliverRaw(sandbox, url, { body = '', headers = {}, vendor = 'raw', event } = {}) {
	const named = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	const answer = await post(
		url,
		body,
		named ? headers : { 'content-type': 'application/json', ...headers },
	);
	sandbox.deliveries.push({
		vendor,
		event,
		url,
		status: answer.status,
		at: Date.now(),
		callId: undefined,
	});
	return answer;
}

/** Gives a sandbox its webhook state, methods and `vbotWebhook` (the console's setting or undefined). */
function attachWebhooks(sandbox) {
	sandbox.webhooks = { omicall: new Map(), vbot: undefined, vbotRecordings: new Set() };
	sandbox.deliveries = [];
	Object.defineProperty(sandbox, 'vbotWebhook', {
		enumerable: true,
		get: () => sandbox.webhooks.vbot,
	});
	return Object.assign(sandbox, {
		omicallCall: (options) => omicallCall(sandbox, options),
		setVbotWebhook: (setting) => setVbotWebhook(sandbox, setting),
		vbotCall: (options) => vbotCall(sandbox, options),
		vbotIncoming: (options) => vbotIncoming(sandbox, options),
		deliverRaw: (url, options) => deliverRaw(sandbox, url, options),
	});
}

/** Forgets the registrations, the VBot setting and the deliveries; recordings stay, like calls. */
function resetWebhooks(sandbox) {
	sandbox.webhooks.omicall.clear();
	sandbox.webhooks.vbot = undefined;
	sandbox.deliveries.length = 0;
}

module.exports = {
	eventsDelivered,
	attachWebhooks,
	resetWebhooks,
	omicallWebhookApi,
	omicallEvents,
	makeVbotCall,
	vbotBodies,
	OMICALL_EVENTS,
	VBOT_EVENTS,
	RETRIES,
	RETRY_GAP_MS,
};
