import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../../../../common/json';
import { nonEmptyText, OMICALL_REPORT_PATH, omicallCodeOf } from './codes';
import {
	adviceForStatus,
	PERMISSION_DENIED,
	RATE_LIMITED,
	TOKEN_ADVICE,
} from '../../engine/errors';
import { RETRY, SHORTER_WINDOW } from '../../engine/remedies';
import {
	firstObject,
	isoFromEpoch,
	list,
	mapped,
	number,
	text,
	type Direction,
	type SimpleCall,
	type SimplifyContext,
	type Status,
} from '../../engine/simple';
import type { CallList, Meaning, RecordShape, VendorApi } from '../../engine/vendor';

/** OMICall's Call History API (../shared/api/REFERENCE.md § A, UPDATES-2026.md § A). */

export const LIST_PATH = '/api/call_transaction/list';
export const DETAIL_PATH = '/api/call_transaction/detail';
export const CHANGE_PATH = '/api/call_transaction/change';
export const REPORT_PATH = OMICALL_REPORT_PATH;

const DATES: Meaning = {
	advice: { summary: 'the vendor refused the date range', fix: 'Check From Date and To Date.' },
};
const TOKEN: Meaning = { advice: TOKEN_ADVICE };
const RATE_LIMIT: Meaning = { advice: RATE_LIMITED, remedy: RETRY };
/** A budget of requests per 30 minutes: a retry within seconds spends more of it, so none is made. */
const THIRTY_MINUTE_BUDGET: Meaning = {
	advice: {
		summary: 'the account has used up its requests for this 30 minutes',
		fix: 'Run the workflow again in 30 minutes, and lower Requests per Second under Options or run it less often. The node did not retry: a retry now would spend more of the budget.',
	},
};

/** The documented error codes, in plain words with what to do, and what the engine may do. */
const CODES: Record<string, Meaning> = {
	token_expired: TOKEN,
	permission_denied: { advice: PERMISSION_DENIED },
	resource_not_found: {
		advice: {
			summary: 'no call has this transaction ID',
			fix: 'Check Transaction ID, e.g. take it from the output of Get Many.',
		},
	},
	date_is_too_long: {
		advice: {
			summary: 'the date window is longer than the vendor allows',
			fix: 'Lower "Days per Request" under Options.',
		},
		remedy: SHORTER_WINDOW,
	},
	limit_request_30_minute: THIRTY_MINUTE_BUDGET,
	rate_limit_exceeded: RATE_LIMIT,
	date_invalid: DATES,
	from_date_is_required: DATES,
	to_date_is_required: DATES,
	note_is_required: { advice: { summary: 'the vendor needs a note', fix: 'Fill in Note.' } },
	api_key_is_required: TOKEN,
	api_key_invalid: TOKEN,
};

export const omicallApi: VendorApi = {
	name: 'Call History API',
	platforms: ['callHistory'],
	unwrap(answer) {
		if (answer.status_code === undefined) {
			return { malformed: 'is not a Call History API envelope (no status_code)' };
		}
		if (Number(answer.status_code) === 9999) {
			return 'payload' in answer ? { data: answer.payload } : { malformed: 'has no payload' };
		}
		const code = omicallCodeOf(answer) ?? `status_code ${answer.status_code}`;
		const said = isObject(answer.payload) ? nonEmptyText(answer.payload.message) : undefined;
		const meaning = CODES[code] ?? { advice: adviceForStatus(omicallApi, 400) };
		return { failure: { code, vendorMessage: said, meaning } };
	},
	failureIn(body) {
		const code = isObject(body) ? omicallCodeOf(body) : undefined;
		return code === undefined ? undefined : { code, meaning: CODES[code] };
	},
};

const whole = (value: unknown) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

const DIRECTIONS: Record<string, Direction> = {
	inbound: 'inbound',
	outbound: 'outbound',
	local: 'internal',
};
const STATUSES: Record<string, Status> = { answered: 'answered', cancelled: 'cancelled' };

function tagsOf(value: unknown): string[] {
	return list(value)
		.map((tag) => (isObject(tag) ? text(tag.name) : text(tag)))
		.filter((tag): tag is string => tag !== null);
}

/** The recording link: `recording_file` when it is one, else `recording_file_url` (2026 answers). */
const recordingOf = (call: IDataObject) =>
	text(call.recording_file) ?? text(call.recording_file_url);

/** A call of the Call History API. */
export function simplifyCall(call: IDataObject, { timezone }: SimplifyContext): SimpleCall {
	const direction = mapped(DIRECTIONS, call.direction, 'other');
	const status = mapped(STATUSES, call.disposition, 'other');
	const agent = firstObject(call.user);
	const customer = isObject(call.customer) ? call.customer : {};
	const recording = recordingOf(call);
	// The vendor writes created_date when the call is stored, at hang-up: the start is time_start_call.
	const startedAt =
		isoFromEpoch(call.time_start_call, timezone, 's') ?? isoFromEpoch(call.created_date, timezone);
	return {
		platform: 'callHistory',
		id: String(call.transaction_id ?? ''),
		// The Call History API's records carry none of these keys.
		groupId: null,
		externalCallId: null,
		hotline: null,
		customerCode: null,
		direction: direction.mapped,
		vendorDirection: direction.vendor,
		status: status.mapped,
		vendorStatus: status.vendor,
		from: text(call.source_number),
		to: text(call.destination_number),
		startedAt,
		answeredAt: isoFromEpoch(call.time_start_to_answer, timezone, 's'),
		endedAt:
			isoFromEpoch(call.time_end_call, timezone, 's') ?? isoFromEpoch(call.created_date, timezone),
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

export const callRecord: RecordShape = {
	idsOf: (call) => (call.transaction_id === undefined ? [] : [String(call.transaction_id)]),
	madeAt: (call) => number(call.created_date) ?? undefined,
	simplify: simplifyCall,
	recordings: (call) => {
		const url = recordingOf(call);
		return url ? [{ url }] : [];
	},
};

/**
 * The list of calls: read by date window (at most 30 days, 3 by the 2021 docs), pages from 1 of at
 * most 50, each with a paging block. Whether another page follows comes from that block
 * (has_next, else total_pages), never from a page being short: the vendor may serve fewer than
 * asked. An empty page ends a window whatever its block says, so a confused vendor cannot loop.
 */
export const callList: CallList = {
	api: omicallApi,
	path: LIST_PATH,
	firstPage: 1,
	byDate: {
		defaultDays: 3,
		about:
			'The vendor refuses longer windows with date_is_too_long: its 2021 documentation allows 3 days, accounts since 2023 allow up to 30.',
	},
	pageQuery: (page, size, window) => ({ from_date: window?.from, to_date: window?.to, page, size }),
	readPage(payload, page) {
		if (!isObject(payload) || !Array.isArray(payload.items)) {
			return { malformed: 'has no list of items in its payload' };
		}
		if (!payload.items.every(isObject)) return { malformed: 'lists items that are not calls' };
		const said =
			typeof payload.has_next === 'boolean'
				? payload.has_next
				: typeof payload.total_pages === 'number'
					? page < payload.total_pages
					: true;
		return {
			items: payload.items as IDataObject[],
			hasNext: said && payload.items.length > 0,
			declaredPages: whole(payload.total_pages),
			total: whole(payload.total_items),
		};
	},
	record: callRecord,
};
