import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';
import { isObject, objectOrEmpty } from '../../../../common/json';
import { VBOT_LOG_COUNT_PATH } from './paths';
import { adviceForStatus } from '../../engine/errors';
import { RETRY } from '../../engine/remedies';
import {
	idText,
	isoFromEpoch,
	isoOf,
	mapped,
	number,
	text,
	type Direction,
	type SimpleCall,
	type SimplifyContext,
	type Status,
} from '../../engine/simple';
import type { CallList, RecordShape } from '../../engine/vendor';
import type { DateWindow } from '../../engine/windows';
import { readCount, readRecords, vbotEnvelope } from './history';

/** VBot Open API v3's project-wide call log, the m-cdr module (UPDATES-2026.md § C.1). */

export const LOG_PATH = '/m-cdr/api/call/get-all';
export const LOG_COUNT_PATH = VBOT_LOG_COUNT_PATH;
export const LOG_DETAIL_PATH = '/m-cdr/api/call/get-detail';
export const RECORD_PATH = '/api/crm/historycall/record';

export const callLogApi = vbotEnvelope('VBot API', ['vbotV3'], (error, _message, answered) => {
	// In an HTTP 200 answer, 404 is VBot's "no such data": only get-detail asks for one call.
	if (error === 404 && answered) {
		return {
			advice: {
				summary: 'VBot has no call with this Group ID',
				fix: 'Check Group ID, e.g. take it from the output of Get Many (groupId when simplified).',
			},
		};
	}
	// VBot publishes no code for a date window too long, so no answer halves one: a bad parameter
	// (-1) is said as such, whatever words come with it.
	if (error === -1) {
		return {
			advice: {
				summary: 'VBot refused a parameter of the request',
				fix: 'Check From Date, To Date and the filters. If VBot refuses long date ranges, lower "Days per Request" under Options.',
			},
		};
	}
	if (error === 409) {
		return {
			advice: {
				summary: 'the API key is invalid or has no access',
				fix: 'Make one in the VBot console under Team settings → API Key, and paste it into the credential.',
			},
		};
	}
	return error === 429 ? { advice: adviceForStatus(callLogApi, 429), remedy: RETRY } : undefined;
});

/** `type_call`: 1 inbound, 2 outbound, 3 missed (an inbound call no one answered). */
const DIRECTIONS: Record<string, Direction> = { '1': 'inbound', '2': 'outbound', '3': 'inbound' };

/** The v3 status table: answered, no answer, busy, cancelled; every other status a failure. */
const STATUSES: Record<string, Status> = {
	answer: 'answered',
	answered: 'answered',
	noanswer: 'missed',
	busy: 'busy',
	cancel: 'cancelled',
};

/** A call of the project's call log. */
export function simplifyLogCall(
	call: IDataObject,
	{ timezone, baseUrl }: SimplifyContext,
): SimpleCall {
	const direction = mapped(DIRECTIONS, call.type_call, 'other');
	const missed = String(call.type_call) === '3';
	const status = mapped(STATUSES, call.disposition, call.disposition ? 'failed' : 'other');
	const caller = objectOrEmpty(call.caller_info);
	const callee = objectOrEmpty(call.callee_info);
	const agentLeg = direction.mapped === 'outbound' ? caller : callee;
	const customerLeg = direction.mapped === 'outbound' ? callee : caller;
	const createdAt = number(call.create_at);
	const totalSec = number(call.duration);
	const id = String(call.trans_id ?? '');
	return {
		platform: 'vbot',
		id,
		groupId: idText(call.group_id),
		externalCallId: idText(call.external_call_id),
		hotline: idText(call.hotline),
		customerCode: idText(call.customer_code),
		direction: direction.mapped,
		vendorDirection: direction.vendor,
		status: missed ? 'missed' : status.mapped,
		vendorStatus: status.vendor,
		from: text(caller.number),
		to: text(callee.number),
		startedAt: isoFromEpoch(createdAt, timezone),
		answeredAt: isoFromEpoch(call.call_at, timezone),
		// `duration` is the whole call, from create_at on.
		endedAt:
			createdAt === null || totalSec === null
				? null
				: isoOf(DateTime.fromMillis(createdAt + totalSec * 1000), timezone),
		durationSec: totalSec,
		billSec: number(call.time_call),
		recordingUrls:
			call.is_record === true ? [`${baseUrl}${RECORD_PATH}/${encodeURIComponent(id)}`] : [],
		agent: { name: text(agentLeg.name), extension: text(agentLeg.member_no), email: null },
		customer: { name: text(customerLeg.name) },
		tags: [],
		note: '',
		cost: number(call.postage),
	};
}

export const logRecord: RecordShape = {
	idsOf: (call) => (call.trans_id === undefined ? [] : [String(call.trans_id)]),
	madeAt: (call) => number(call.create_at) ?? undefined,
	simplify: simplifyLogCall,
	recordings: (call) =>
		call.is_record === true && call.trans_id !== undefined
			? [
					{
						path: `${RECORD_PATH}/${encodeURIComponent(String(call.trans_id))}`,
						// The record endpoint answers a VBot envelope with error 404 when there is none.
						isNone: (answer: unknown) => isObject(answer) && Number(answer.error) === 404,
					},
				]
			: [],
};

/** A window of the log: its bounds, epoch ms. */
const windowQuery = (window?: DateWindow) => ({ from: window?.from, to: window?.to });

/**
 * The project's call log: read by date window (epoch ms `from` and `to`; no longest window is
 * published), pages from 0 as bare arrays with no paging block, so a page shorter than the
 * server's page size ends a window, and the count of the window tells a server's cap from the end.
 */
export const callLogList: CallList = {
	api: callLogApi,
	path: LOG_PATH,
	firstPage: 0,
	byDate: {
		defaultDays: 30,
		about:
			'VBot publishes no longest window, nor a code for one too long: if it refuses long ranges (error -1), lower this.',
	},
	pageQuery: (page, size, window) => ({ ...windowQuery(window), page, size }),
	readPage: (data) => readRecords(data, 'calls'),
	count: { path: LOG_COUNT_PATH, query: windowQuery, read: readCount },
	record: logRecord,
};
