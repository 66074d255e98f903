import { createHash } from 'crypto';
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../../../../common/json';
import { VBOT_HISTORY_COUNT_PATH } from './paths';
import { adviceForStatus } from '../../engine/errors';
import { RETRY } from '../../engine/remedies';
import {
	firstObject,
	isoOf,
	list,
	mapped,
	number,
	idText,
	text,
	type Direction,
	type SimpleCall,
	type SimplifyContext,
	type Status,
} from '../../engine/simple';
import type { CallList, Meaning, RecordShape, VendorApi, VendorFailure } from '../../engine/vendor';

/**
 * VBot's CRM customer call history: v2 (REFERENCE.md § B, UPDATES-2026.md § B), and the same
 * endpoints in v3 (§ C.2) with an API key and without vbot_id and project_code.
 */

export const HISTORY_PATH = '/api/crm/historycall/getAll';
export const COUNT_PATH = VBOT_HISTORY_COUNT_PATH;

/**
 * A VBot envelope, `{ status?, error, message, data }`: `status` 1 (older answers) or `error` 0
 * (since 2026-04) is success. `meaningOf` says what a failure's number (and words) mean for one API,
 * in an HTTP 200 answer (`answered`) or in the body of an HTTP error.
 */
export function vbotEnvelope(
	name: string,
	platforms: VendorApi['platforms'],
	meaningOf: (error: number, message: string, answered: boolean) => Meaning | undefined,
): VendorApi {
	const api: VendorApi = {
		name,
		platforms,
		unwrap(answer) {
			if (!('status' in answer) && !('error' in answer)) {
				return { malformed: 'is not a VBot envelope (no status or error)' };
			}
			const succeeded =
				'status' in answer ? Number(answer.status) === 1 : Number(answer.error) === 0;
			if (succeeded) return 'data' in answer ? { data: answer.data } : { malformed: 'has no data' };
			return { failure: failureOf(answer, true) };
		},
		failureIn(body) {
			if (!isObject(body) || body.error === undefined) return undefined;
			const { code, meaning } = failureOf(body, false);
			return { code, meaning };
		},
	};
	const failureOf = (answer: IDataObject, answered: boolean): VendorFailure => {
		const error = Number(answer.error);
		const vendorMessage = typeof answer.message === 'string' ? answer.message : undefined;
		const meaning = meaningOf(error, vendorMessage ?? '', answered) ?? {
			advice: adviceForStatus(api, error >= 400 ? error : 400),
		};
		return { code: `error ${String(answer.error)}`, vendorMessage, meaning };
	};
	return api;
}

export const vbotApi = vbotEnvelope('VBot API', ['vbot', 'vbotV3'], (error) =>
	error === 429 ? { advice: adviceForStatus(vbotApi, 429), remedy: RETRY } : undefined,
);

const VIETNAM = 'UTC+7';

const DIRECTIONS: Record<string, Direction> = {
	callin: 'inbound',
	incall: 'inbound',
	misscall: 'inbound',
	callout: 'outbound',
	outcall: 'outbound',
};

/** The vendor's disposition table (UPDATES-2026.md § B): `more` is no answer. */
const STATUSES: Record<string, Status> = {
	answer: 'answered',
	someoneanswered: 'answered',
	normal_clearing: 'answered',
	botivr: 'answered',
	cancel: 'cancelled',
	misscall: 'missed',
	noanswer: 'missed',
	more: 'missed',
	busy: 'busy',
	congestion: 'failed',
	chanunavail: 'failed',
	invalidargs: 'failed',
	dontcall: 'failed',
	torture: 'failed',
	logout: 'failed',
	incall: 'other',
};

/** VBot's "MM/DD/YYYY HH:mm:ss", local time in Vietnam; undefined when it is not one. */
function vietnamTime(value: unknown): DateTime | undefined {
	const local = text(value);
	const parsed = local
		? DateTime.fromFormat(local, 'MM/dd/yyyy HH:mm:ss', { zone: VIETNAM })
		: undefined;
	return parsed?.isValid ? parsed : undefined;
}

/** Older records carry no id: a stable hash of the fields that tell one call from another. */
export function hashIdOf(record: IDataObject): string {
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

/** The record's id: its `group_id` (the call's id in VBot) when it has one, else the hash. */
const idOf = (record: IDataObject) => idText(record.group_id) ?? hashIdOf(record);

/** A record of a VBot customer's call history. */
export function simplifyHistoryRecord(
	record: IDataObject,
	{ timezone }: SimplifyContext,
): SimpleCall {
	const direction = mapped(DIRECTIONS, record.type_call, 'other');
	const status = mapped(STATUSES, record.disposition, 'other');
	const caller = firstObject(record.caller);
	const callee = firstObject(record.callee);
	const agentLeg = direction.mapped === 'outbound' ? caller : callee;
	const talkSec = number(record.time_call);
	const totalSec = number(record.duration_call);
	const startedAt = vietnamTime(record.date_create);
	const costs = [caller, callee].map((leg) => number(leg.postage)).filter((c) => c !== null);
	return {
		platform: 'vbot',
		id: idOf(record),
		groupId: idText(record.group_id),
		externalCallId: idText(record.external_call_id),
		hotline: idText(record.hotline_number),
		customerCode: null,
		direction: direction.mapped,
		vendorDirection: direction.vendor,
		status: status.mapped,
		vendorStatus: status.vendor,
		from: text(caller.phone),
		to: text(callee.phone),
		startedAt: isoOf(startedAt, timezone),
		answeredAt: null,
		// duration_call is the whole call, ringing included, from date_create on.
		endedAt: totalSec === null ? null : isoOf(startedAt?.plus({ seconds: totalSec }), timezone),
		durationSec: totalSec ?? talkSec,
		billSec: status.mapped === 'answered' ? talkSec : 0,
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

export const historyRecord: RecordShape = {
	// A record known by its hash before VBot sent group_id stays the same record.
	idsOf: (record) => [...new Set([idOf(record), hashIdOf(record)])],
	madeAt: (record) => vietnamTime(record.date_create)?.toMillis(),
	simplify: simplifyHistoryRecord,
	recordings: (record) =>
		list(record.record_file)
			.map(text)
			.filter((url): url is string => url !== null)
			.map((url) => ({ url })),
};

/** A count in an answer's data: a whole number, or what is wrong with it. */
export function readCount(data: unknown): number | { malformed: string } {
	const count = Number(data);
	if (data === null || data === '' || !Number.isInteger(count) || count < 0) {
		const said = JSON.stringify(data) ?? String(data);
		const shown = said.length > 80 ? `${said.slice(0, 80)}…` : said;
		return { malformed: `has a count that is not a whole number (${shown})` };
	}
	return count;
}

/** Records in an answer's data: a bare array of objects, or what is wrong with it. */
export function readRecords(
	data: unknown,
	what: string,
): { items: IDataObject[] } | { malformed: string } {
	if (!Array.isArray(data) || !data.every(isObject)) {
		return { malformed: `has no list of ${what} in its data` };
	}
	return { items: data as IDataObject[] };
}

/**
 * A customer's history: not read by date (the vendor publishes no unit for `from` and `to`), pages
 * from 1 as bare arrays with no paging block, so a page shorter than the server's page size ends
 * the list, and the count tells a server's cap from the end.
 */
export const historyList: CallList = {
	api: vbotApi,
	path: HISTORY_PATH,
	firstPage: 1,
	pageQuery: (page, size) => ({ page, size }),
	readPage: (data) => readRecords(data, 'history records'),
	count: { path: COUNT_PATH, query: () => ({}), read: readCount },
	record: historyRecord,
};
