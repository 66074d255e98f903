'use strict';
// Deterministic, realistic call-center data for the sandbox: Vietnamese agents, customers,
// mobile numbers and hotlines, shaped like the samples in ../shared/api.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VIETNAM_OFFSET = 7 * HOUR;

/** mulberry32: a small seeded PRNG, so the same seed always gives the same calls. */
function random(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const between = (rand, low, high) => low + Math.floor(rand() * (high - low + 1));

function unsigned(text) {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D');
}

function uuid(rand) {
	const hex = () => Math.floor(rand() * 16).toString(16);
	const part = (n) => Array.from({ length: n }, hex).join('');
	return `${part(8)}-${part(4)}-4${part(3)}-${pick(rand, ['8', '9', 'a', 'b'])}${part(3)}-${part(12)}`;
}

const AGENTS = [
	{ full_name: 'Nguyễn Thị Lan', email: 'lan.nguyen@sieuthi-abc.vn', sip_user: '101' },
	{ full_name: 'Trần Văn Minh', email: 'minh.tran@sieuthi-abc.vn', sip_user: '102' },
	{ full_name: 'Lê Hoàng Anh', email: 'anh.le@sieuthi-abc.vn', sip_user: '103' },
	{ full_name: 'Phạm Thu Hà', email: 'ha.pham@sieuthi-abc.vn', sip_user: '104' },
	{ full_name: 'Võ Quốc Bảo', email: 'bao.vo@sieuthi-abc.vn', sip_user: '105' },
];
const FAMILY = [
	'Nguyễn',
	'Trần',
	'Lê',
	'Phạm',
	'Hoàng',
	'Huỳnh',
	'Phan',
	'Vũ',
	'Võ',
	'Đặng',
	'Bùi',
	'Đỗ',
	'Ngô',
	'Dương',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thu', 'Đức', 'Kim'];
const GIVEN = [
	'An',
	'Bình',
	'Châu',
	'Dũng',
	'Giang',
	'Hải',
	'Hạnh',
	'Hùng',
	'Khánh',
	'Linh',
	'Mai',
	'Nam',
	'Phúc',
	'Quân',
	'Sơn',
	'Tâm',
	'Thảo',
	'Trang',
	'Tuấn',
	'Vy',
	'Yến',
];
const NETWORKS = {
	viettel: ['086', '096', '097', '098', '032', '033', '034', '035', '036', '037', '038', '039'],
	vinaphone: ['088', '091', '094', '081', '082', '083', '084', '085'],
	mobifone: ['089', '090', '093', '070', '076', '077', '078', '079'],
};
const HOTLINES = ['842873001234', '842473005678'];
const TAGS = ['hailong', 'goilaisau', 'vip', 'khieunai', 'dachotdon'];

function customer(rand) {
	const fullName = `${pick(rand, FAMILY)} ${pick(rand, MIDDLE)} ${pick(rand, GIVEN)}`;
	const provider = pick(rand, Object.keys(NETWORKS));
	const phone = `${pick(rand, NETWORKS[provider])}${String(between(rand, 0, 9_999_999)).padStart(7, '0')}`;
	return { fullName, phone, provider };
}

function agentRecord(agent) {
	return {
		full_name: agent.full_name,
		full_name_unsigned: unsigned(agent.full_name),
		email: agent.email,
		note: '',
		tag: [],
	};
}

/** A share in [0, 1) read from a generated id's first hex digits, so it draws nothing from `rand`. */
const shareOf = (id) => parseInt(id.replace(/-/g, '').slice(0, 4), 16) / 0x10000;

/**
 * The fields OMICall's newer answers add (UPDATES-2026 § A): `recording_file_url` beside
 * `recording_file`, which a url-only call leaves empty, and `time_start_call` / `time_end_call`
 * in epoch seconds. `created_date` is written at hang-up, like the vendor's CDRs.
 */
function omicall2026(call, urlOnly) {
	const endSec = Math.floor(call.created_date / 1000);
	return {
		...call,
		recording_file: urlOnly ? '' : call.recording_file,
		recording_file_url: call.recording_file,
		time_start_call: endSec - call.duration,
		time_end_call: endSec,
	};
}

/**
 * One call as the Call History API returns it, created at `createdMs`. With `shape: '2026'` it
 * carries the newer fields (see omicall2026); `urlOnly` says whether its recording is only in
 * `recording_file_url` (default: a share `urlOnlyShare` of the calls, 1 in 4, chosen by id).
 */
function makeCall(rand, createdMs, recordingBase, options = {}) {
	const call = makeReferenceCall(rand, createdMs, recordingBase);
	if (options.shape !== '2026') return call;
	const urlOnly = options.urlOnly ?? shareOf(call.transaction_id) < (options.urlOnlyShare ?? 0.25);
	return omicall2026(call, urlOnly);
}

/** One call in the shape of REFERENCE.md's sample. */
function makeReferenceCall(rand, createdMs, recordingBase) {
	const id = uuid(rand);
	const roll = rand();
	const direction = roll < 0.55 ? 'inbound' : roll < 0.9 ? 'outbound' : 'local';
	const answered = rand() < 0.7;
	const agent = pick(rand, AGENTS);
	const person = customer(rand);
	const hotline = pick(rand, HOTLINES);
	const billSec = answered ? between(rand, 8, 600) : 0;
	const ring = between(rand, 3, 25);
	const other = AGENTS.find((a) => a !== agent) ?? agent;
	const numbers = {
		inbound: [person.phone, hotline],
		outbound: [hotline, person.phone],
		local: [agent.sip_user, other.sip_user],
	}[direction];
	const tagged = answered && rand() < 0.2 ? [pick(rand, TAGS)] : [];
	return {
		transaction_id: id,
		direction,
		source_number: numbers[0],
		destination_number: numbers[1],
		disposition: answered ? 'answered' : 'cancelled',
		bill_sec: billSec,
		duration: billSec + ring,
		record_seconds: billSec,
		time_start_to_answer: answered ? Math.floor(createdMs / 1000) - billSec - 2 : null,
		recording_file: answered ? `${recordingBase}/recordings/${id}.wav` : '',
		sip_user: agent.sip_user,
		provider: direction === 'local' ? 'internal' : person.provider,
		ivr: 'none',
		note: '',
		tag: tagged,
		call_out_price: direction === 'outbound' && answered ? Math.ceil(billSec / 60) * 1090 : 0,
		created_date: createdMs,
		last_updated_date: createdMs + between(rand, 1000, 5000),
		is_auto_call: rand() < 0.05,
		user: [agentRecord(agent)],
		customer:
			direction === 'local'
				? null
				: { full_name: person.fullName, full_name_unsigned: unsigned(person.fullName) },
		is_have_forward_out: false,
		bill_sec_forward_out: 0,
	};
}

/**
 * `perDay` calls a day spread over [from, to], deterministic for a given seed. `shape: '2026'`
 * gives the calls created at or after `shapeFrom` (default: all) the newer fields, the same calls
 * otherwise; `urlOnlyShare` as in makeCall.
 */
function generateCalls({
	from,
	to,
	perDay,
	seed = 1,
	recordingBase = 'https://recordings.invalid',
	shape = 'reference',
	shapeFrom = -Infinity,
	urlOnlyShare,
}) {
	const rand = random(seed);
	const count = Math.round(((to - from + 1) / DAY) * perDay);
	const calls = [];
	for (let i = 0; i < count; i++) {
		const createdMs = from + Math.floor(rand() * (to - from + 1));
		const callShape = createdMs >= shapeFrom ? shape : 'reference';
		calls.push(makeCall(rand, createdMs, recordingBase, { shape: callShape, urlOnlyShare }));
	}
	return calls;
}

/** "MM/DD/YYYY HH:mm:ss" in Vietnam time, as VBot writes `date_create`. */
function vietnamTime(ms) {
	const iso = new Date(ms + VIETNAM_OFFSET).toISOString();
	return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

const VBOT_OUTCOMES = [
	{ type_call: 'CALLIN', disposition: 'ANSWER' },
	{ type_call: 'CALLOUT', disposition: 'ANSWER' },
	{ type_call: 'CALLOUT', disposition: 'NOANSWER' },
	{ type_call: 'CALLOUT', disposition: 'BUSY' },
	{ type_call: 'MISSCALL', disposition: 'MISSCALL' },
	{ type_call: 'CALLIN', disposition: 'CANCEL' },
];

/**
 * A v2 record as VBot's 2026 answers write it (UPDATES-2026 § B): a `group_id`, an
 * `external_call_id`, `duration_call` (seconds with ringing), lower-case dispositions with `more`
 * for some of the unanswered calls, and `OUTCALL` for some outbound ones. `extra` draws what the
 * reference shape has no field for, so the same seed gives the same calls in either shape.
 */
function vbot2026(record, extra) {
	const outcome = record.disposition.toLowerCase();
	const disposition = outcome === 'noanswer' && extra() < 0.5 ? 'more' : outcome;
	const lowerLeg = (leg) => ({ ...leg, disposition });
	const talk = Number(record.time_call);
	return {
		...record,
		type_call: record.type_call === 'CALLOUT' && extra() < 0.5 ? 'OUTCALL' : record.type_call,
		disposition,
		caller: record.caller.map(lowerLeg),
		callee: record.callee.map(lowerLeg),
		group_id: uuid(extra),
		external_call_id: extra() < 0.2 ? `crm-${between(extra, 100_000, 999_999)}` : '',
		duration_call: talk + (talk > 0 ? between(extra, 3, 25) : between(extra, 10, 45)),
	};
}

/**
 * `count` VBot history records for one customer phone, the newest at `newest`, an hour or more
 * apart; `shape: '2026'` writes them as vbot2026 does.
 */
function generateVbotHistory({
	vbotId,
	projectCode,
	phone,
	count,
	newest,
	seed = 7,
	recordingBase = 'https://recordings.invalid',
	shape = 'reference',
}) {
	const rand = random(seed);
	const extra = random(seed ^ 0x2026);
	const records = [];
	let at = newest;
	for (let i = 0; i < count; i++) {
		const outcome = pick(rand, VBOT_OUTCOMES);
		const agent = pick(rand, AGENTS);
		const answered = outcome.disposition === 'ANSWER';
		const talk = answered ? between(rand, 10, 900) : 0;
		const hotline = `0${pick(rand, HOTLINES).slice(2)}`;
		const inbound = outcome.type_call !== 'CALLOUT';
		const leg = (legPhone, legVbotId) => ({
			phone: legPhone,
			vbot_id: legVbotId,
			date_create: vietnamTime(at),
			disposition: outcome.disposition,
			time_call: String(talk),
			postage: inbound ? 0 : Math.ceil(talk / 60) * 880,
			source: inbound ? 'hotline' : 'app',
			member_no: agent.sip_user,
		});
		const customerLeg = leg(phone, vbotId);
		const agentLeg = leg(agent.sip_user, '');
		const record = {
			hotline_number: hotline,
			date_create: vietnamTime(at),
			time_call: String(talk),
			type_call: outcome.type_call,
			disposition: outcome.disposition,
			caller: [inbound ? customerLeg : agentLeg],
			callee: [inbound ? agentLeg : customerLeg],
			record_file: answered ? [`${recordingBase}/recordings/vbot-${projectCode}-${at}.wav`] : [],
		};
		records.push({
			meta: { vbotId, projectCode, phone, at },
			record: shape === '2026' ? vbot2026(record, extra) : record,
		});
		at -= HOUR + Math.floor(rand() * 6 * HOUR);
	}
	return records;
}

/** VBot v3's status table (UPDATES-2026 § C.1): disposition → sip_code and hangup_cause. */
const V3_STATUSES = Object.fromEntries(
	[
		[200, 'ANSWER', 'NORMAL_CLEARING'],
		[400, 'BAD_REQUEST'],
		[401, 'UNAUTHORIZED'],
		[402, 'OUT_OF_MONEY'],
		[403, 'DO_NOT_CALL'],
		[404, 'NOT_FOUND', 'UNALLOCATED_NUMBER'],
		[405, 'CALL_INTERVAL_NOT_ALLOWED'],
		[406, 'MEMBER_NOT_ACTIVATED'],
		[407, 'MEMBER_NOT_IN_PROJECT'],
		[408, 'TIME_OUT'],
		[409, 'DO_NOT_DISTURB'],
		[410, 'GONE'],
		[411, 'ABSENT'],
		[412, 'PACKAGE_EXPIRED'],
		[413, 'HOTLINE_NOT_SUPPORT_TELCO'],
		[414, 'TELCO_NOT_FOUND'],
		[415, 'INVALID_PARAMETER'],
		[416, 'PROJECT_EXPIRED'],
		[480, 'NOANSWER', 'NO_USER_RESPONSE'],
		[486, 'BUSY', 'USER_BUSY'],
		[487, 'CANCEL', 'ORIGINATOR_CANCEL'],
		[500, 'SERVER_ERROR'],
		[502, 'BAD_GATEWAY'],
		[603, 'DECLINE', 'CALL_REJECTED'],
	].map(([sip, disposition, cause = disposition]) => [
		disposition,
		{ sip_code: sip, hangup_cause: cause },
	]),
);
V3_STATUSES.ANSWERED = V3_STATUSES.ANSWER;

const TELCO_CODES = { viettel: 'VTL', vinaphone: 'VNP', mobifone: 'VMS' };
const V3_HOTLINES = HOTLINES.map((hotline) => `0${hotline.slice(2)}`);
const V3_MISSED = ['NOANSWER', 'NOANSWER', 'CANCEL', 'CANCEL', 'BUSY'];
const V3_NOT_REACHED = [
	'NOANSWER',
	'NOANSWER',
	'BUSY',
	'CANCEL',
	'DECLINE',
	'NOT_FOUND',
	'TIME_OUT',
	'DO_NOT_DISTURB',
	'SERVER_ERROR',
	'OUT_OF_MONEY',
];
/** The agent group (`group_member_no`) each agent answers for: customer care, then sales. */
const groupOf = (agent) => (AGENTS.indexOf(agent) < 3 ? 'mem_10001' : 'mem_10002');

/** The project's customers: the same phones call again; 7 in 10 are known to the CRM by a code. */
function v3Customers(rand, count) {
	return Array.from({ length: count }, (_, i) => {
		const person = customer(rand);
		const known = rand() < 0.7;
		return { ...person, known, code: known ? `KH${String(10_000 + i)}` : '' };
	});
}

const agentParty = (agent) => ({
	member_no: agent.sip_user,
	number: agent.sip_user,
	name: agent.full_name,
	channel: `SIP/${agent.sip_user}`,
	type: 'USER',
	telco_code: '',
});
const customerParty = (person) => ({
	member_no: '',
	number: person.phone,
	name: person.known ? person.fullName : '',
	channel: 'PSTN',
	type: 'Phone',
	telco_code: TELCO_CODES[person.provider],
});
const hotlineParty = (hotline) => ({
	member_no: '',
	number: hotline,
	name: '',
	channel: `SIP/${hotline}`,
	type: 'SIP',
	telco_code: '',
});

/** What happens in one call: who, which way, how it ended, and the agents rung before the one reached. */
function v3Plan(rand, customers) {
	const roll = rand();
	const kind = roll < 0.5 ? 'inbound' : roll < 0.9 ? 'outbound' : 'internal';
	const agent = pick(rand, AGENTS);
	const answered = rand() < 0.7;
	const disposition = answered
		? pick(rand, ['ANSWERED', 'ANSWER'])
		: pick(rand, kind === 'inbound' ? V3_MISSED : V3_NOT_REACHED);
	const others = AGENTS.filter((a) => a !== agent);
	// An inbound call rings a first agent of the group in vain in 1 of 4 calls.
	const missedAgent = kind === 'inbound' && rand() < 0.25 ? pick(rand, others) : undefined;
	return {
		kind,
		agent,
		answered,
		disposition,
		person: pick(rand, customers),
		colleague: pick(rand, others),
		missedAgent,
		hotline: kind === 'internal' ? '' : pick(rand, V3_HOTLINES),
		autoDial: kind === 'outbound' && rand() < 0.1,
		missedRing: missedAgent ? between(rand, 8, 20) : 0,
		ring: between(rand, 3, 25),
		talk: answered ? between(rand, 8, 900) : 0,
	};
}

/** The call's row: the plan's parties, times and charges in get-all's fields. */
function v3Row(rand, createMs, plan) {
	const { kind, agent, answered, talk } = plan;
	const ring = plan.missedRing + plan.ring;
	const parties = {
		inbound: [customerParty(plan.person), agentParty(agent)],
		outbound: [agentParty(agent), customerParty(plan.person)],
		internal: [agentParty(agent), agentParty(plan.colleague)],
	}[kind];
	const charged = kind === 'outbound' && answered;
	return {
		trans_id: uuid(rand),
		group_id: uuid(rand),
		create_at: createMs,
		call_at: answered ? createMs + ring * 1000 : null,
		caller_info: parties[0],
		callee_info: parties[1],
		hotline: plan.hotline,
		type_call: kind === 'inbound' ? (answered ? 1 : 3) : 2,
		end_call: answered
			? pick(rand, ['CALLER', 'CALLEE'])
			: kind === 'inbound'
				? 'CALLER'
				: 'CALLEE',
		postage: charged ? Math.ceil(talk / 60) * 880 : 0,
		time_call: talk,
		duration: ring + talk,
		disposition: plan.disposition,
		is_record: answered && rand() < 0.9,
		customer_code: kind === 'internal' ? '' : plan.person.code,
		payment_channel: kind === 'outbound' ? pick(rand, ['PACKAGE', 'BALANCE']) : '',
		group_member_no: groupOf(agent),
		external_call_id: plan.autoDial
			? `autocall-${between(rand, 100_000, 999_999)}`
			: kind === 'outbound' && rand() < 0.15
				? `crm-${between(rand, 100_000, 999_999)}`
				: '',
		auto_dial_service_charge: plan.autoDial ? 300 : 0,
	};
}

/** A leg: the row's fields for one channel, with its own outcome from the status table. */
function v3Leg(row, fields) {
	const disposition = fields.disposition === 'ANSWERED' ? 'ANSWER' : fields.disposition;
	return { ...row, ...fields, disposition, ...V3_STATUSES[disposition] };
}

/**
 * The legs get-detail lists, in the order they began: the originating leg (whose trans_id is the
 * row's), the agent legs (a missed first agent, then the one reached) or, outbound, the hotline's
 * leg to the customer. Bridged legs share a conference_id.
 */
function v3Legs(rand, row, plan) {
	const conference = `conf-${uuid(rand).slice(0, 8)}`;
	const bridged = { conference_id: row.call_at === null ? '' : conference };
	const talking = { ...bridged, disposition: row.disposition };
	if (plan.kind === 'internal') {
		return [v3Leg(row, talking), v3Leg(row, { ...talking, trans_id: uuid(rand) })];
	}
	if (plan.kind === 'outbound') {
		const toCustomer = {
			trans_id: uuid(rand),
			caller_info: hotlineParty(row.hotline),
			create_at: row.create_at + 1000,
			duration: row.duration - 1,
		};
		return [v3Leg(row, { ...talking, postage: 0 }), v3Leg(row, { ...talking, ...toCustomer })];
	}
	const legs = [v3Leg(row, { ...talking, callee_info: hotlineParty(row.hotline) })];
	let agentStart = row.create_at + 1000;
	if (plan.missedAgent) {
		legs.push(
			v3Leg(row, {
				trans_id: uuid(rand),
				create_at: agentStart,
				call_at: null,
				callee_info: agentParty(plan.missedAgent),
				group_member_no: groupOf(plan.missedAgent),
				time_call: 0,
				duration: plan.missedRing,
				disposition: 'NOANSWER',
				is_record: false,
				conference_id: '',
			}),
		);
		agentStart += plan.missedRing * 1000;
	}
	const agentLeg = {
		...talking,
		trans_id: uuid(rand),
		create_at: agentStart,
		duration: row.duration - (agentStart - row.create_at) / 1000,
	};
	legs.push(v3Leg(row, agentLeg));
	return legs;
}

/** One VBot v3 call-log row created at `createMs`, with its `legs` for get-detail. */
function makeVbotV3Call(rand, createMs, customers = v3Customers(rand, 1)) {
	const plan = v3Plan(rand, customers);
	const row = v3Row(rand, createMs, plan);
	return { ...row, legs: v3Legs(rand, row, plan) };
}

/**
 * `perDay` calls a day of one VBot v3 project over [from, to] (create_at, epoch ms), deterministic
 * for a seed, among `customers` customers who call again; each call with its `legs`.
 */
function generateVbotV3Calls({ from, to, perDay, seed = 11, customers = 60 }) {
	const rand = random(seed);
	const pool = v3Customers(rand, customers);
	const count = Math.round(((to - from + 1) / DAY) * perDay);
	return Array.from({ length: count }, () =>
		makeVbotV3Call(rand, from + Math.floor(rand() * (to - from + 1)), pool),
	);
}

module.exports = {
	DAY,
	HOUR,
	AGENTS,
	HOTLINES,
	V3_STATUSES,
	between,
	customer,
	generateCalls,
	generateVbotHistory,
	generateVbotV3Calls,
	makeCall,
	makeVbotV3Call,
	pick,
	random,
	uuid,
	vietnamTime,
};
