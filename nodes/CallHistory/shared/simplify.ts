import { createHash } from 'crypto';
import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { ParameterContext } from './parameters';
import { isObject } from './json';

export type Direction = 'inbound' | 'outbound' | 'internal' | 'other';
export type Status = 'answered' | 'missed' | 'busy' | 'failed' | 'cancelled' | 'other';

/** One shape for a call of either platform (the README's "Simplify" table). */
export interface SimpleCall extends IDataObject {
	platform: 'callHistory' | 'vbot';
	id: string;
	direction: Direction;
	vendorDirection: string | null;
	status: Status;
	vendorStatus: string | null;
	from: string | null;
	to: string | null;
	startedAt: string | null;
	answeredAt: string | null;
	durationSec: number | null;
	billSec: number | null;
	recordingUrls: string[];
	agent: { name: string | null; extension: string | null; email: string | null };
	customer: { name: string | null };
	tags: string[];
	note: string;
	cost: number | null;
}

/** Every direction the vendors document, lower-cased; anything else is `other`. */
export const DIRECTIONS: Record<string, Direction> = {
	inbound: 'inbound',
	outbound: 'outbound',
	local: 'internal',
	callin: 'inbound',
	incall: 'inbound',
	misscall: 'inbound',
	callout: 'outbound',
	outcall: 'outbound',
};

/** Every disposition the vendors document, lower-cased; anything else is `other`. */
export const STATUSES: Record<string, Status> = {
	answered: 'answered',
	answer: 'answered',
	someoneanswered: 'answered',
	normal_clearing: 'answered',
	botivr: 'answered',
	cancelled: 'cancelled',
	cancel: 'cancelled',
	misscall: 'missed',
	noanswer: 'missed',
	busy: 'busy',
	congestion: 'failed',
	chanunavail: 'failed',
	invalidargs: 'failed',
	dontcall: 'failed',
	torture: 'failed',
	logout: 'failed',
	incall: 'other',
	more: 'other',
};

const VIETNAM = 'UTC+7';

const text = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

function number(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : null;
}

function mapped<T extends string>(table: Record<string, T>, value: unknown, fallback: T) {
	const vendor = text(value);
	return { mapped: (vendor && table[vendor.toLowerCase()]) || fallback, vendor };
}

function isoOf(date: DateTime, timezone: string): string | null {
	return date.isValid ? date.setZone(timezone).toISO() : null;
}

/** Epoch milliseconds (or seconds, with `unit`) as ISO 8601 in the workflow's time zone. */
function isoFromEpoch(value: unknown, timezone: string, unit: 'ms' | 's' = 'ms'): string | null {
	const epoch = number(value);
	if (epoch === null || epoch <= 0) return null;
	return isoOf(DateTime.fromMillis(unit === 's' ? epoch * 1000 : epoch), timezone);
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function tagsOf(value: unknown): string[] {
	return list(value)
		.map((tag) => (isObject(tag) ? text(tag.name) : text(tag)))
		.filter((tag): tag is string => tag !== null);
}

/** A call of the Call History API (OMICall). */
export function simplifyCallHistoryCall(call: IDataObject, timezone: string): SimpleCall {
	const direction = mapped(DIRECTIONS, call.direction, 'other');
	const status = mapped(STATUSES, call.disposition, 'other');
	const agent = list(call.user).find(isObject) ?? {};
	const customer = isObject(call.customer) ? call.customer : {};
	const recording = text(call.recording_file);
	return {
		platform: 'callHistory',
		id: String(call.transaction_id ?? ''),
		direction: direction.mapped,
		vendorDirection: direction.vendor,
		status: status.mapped,
		vendorStatus: status.vendor,
		from: text(call.source_number),
		to: text(call.destination_number),
		startedAt: isoFromEpoch(call.created_date, timezone),
		answeredAt: isoFromEpoch(call.time_start_to_answer, timezone, 's'),
		durationSec: number(call.duration),
		billSec: number(call.bill_sec),
		recordingUrls: recording ? [recording] : [],
		agent: {
			name: text(agent.full_name),
			extension: text(call.sip_user),
			email: text(agent.email),
		},
		customer: { name: text(customer.full_name) },
		tags: tagsOf(call.tag),
		note: text(call.note) ?? '',
		cost: number(call.call_out_price),
	};
}

/** VBot's "MM/DD/YYYY HH:mm:ss", local time in Vietnam; undefined when it is not one. */
function vietnamTime(value: unknown): DateTime | undefined {
	const local = text(value);
	const parsed = local
		? DateTime.fromFormat(local, 'MM/dd/yyyy HH:mm:ss', { zone: VIETNAM })
		: undefined;
	return parsed?.isValid ? parsed : undefined;
}

/** When a VBot record's call was made, in epoch milliseconds, or undefined. */
export function vbotCallTimeMs(record: IDataObject): number | undefined {
	return vietnamTime(record.date_create)?.toMillis();
}

function isoFromVietnamTime(value: unknown, timezone: string): string | null {
	const time = vietnamTime(value);
	return time ? isoOf(time, timezone) : null;
}

/** VBot records carry no id: a stable hash of the fields that tell one call from another. */
export function vbotIdOf(record: IDataObject): string {
	const phones = (legs: unknown) =>
		list(legs)
			.map((leg) => (isObject(leg) ? String(leg.phone ?? '') : ''))
			.join(',');
	const identity = [
		record.date_create,
		record.hotline_number,
		record.type_call,
		phones(record.caller),
		phones(record.callee),
		record.time_call,
	].join('|');
	return `vbot-${createHash('sha256').update(identity).digest('hex').slice(0, 24)}`;
}

/** A record of VBot's call history. */
export function simplifyVbotCall(record: IDataObject, timezone: string): SimpleCall {
	const direction = mapped(DIRECTIONS, record.type_call, 'other');
	const status = mapped(STATUSES, record.disposition, 'other');
	const caller = list(record.caller).find(isObject) ?? {};
	const callee = list(record.callee).find(isObject) ?? {};
	const agentLeg = direction.mapped === 'outbound' ? caller : callee;
	const durationSec = number(record.time_call);
	const costs = [caller, callee].map((leg) => number(leg.postage)).filter((c) => c !== null);
	return {
		platform: 'vbot',
		id: vbotIdOf(record),
		direction: direction.mapped,
		vendorDirection: direction.vendor,
		status: status.mapped,
		vendorStatus: status.vendor,
		from: text(caller.phone),
		to: text(callee.phone),
		startedAt: isoFromVietnamTime(record.date_create, timezone),
		answeredAt: null,
		durationSec,
		billSec: status.mapped === 'answered' ? durationSec : 0,
		recordingUrls: list(record.record_file)
			.map(text)
			.filter((url): url is string => url !== null),
		agent: { name: null, extension: text(agentLeg.member_no), email: null },
		customer: { name: null },
		tags: [],
		note: '',
		cost: costs.length > 0 ? costs.reduce((sum, cost) => sum + cost, 0) : null,
	};
}

/** The output items as they are, or simplified when the operation's Simplify is on. */
export function simplifiedIf(
	context: ParameterContext,
	items: INodeExecutionData[],
	simplify: (call: IDataObject, timezone: string) => SimpleCall,
): INodeExecutionData[] {
	if (context.getNodeParameter('simplify', false) !== true) return items;
	const timezone = context.getTimezone();
	return items.map((item) => {
		const json: IDataObject = simplify(item.json, timezone);
		// A call whose recording failed under Continue On Fail keeps its error.
		if (item.json.error !== undefined) json.error = item.json.error;
		return { ...item, json };
	});
}
