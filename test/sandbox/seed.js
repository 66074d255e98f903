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

module.exports = {
	DAY,
	HOUR,
	AGENTS,
	HOTLINES,
	generateCalls,
	generateVbotHistory,
	makeCall,
	random,
	vietnamTime,
};
