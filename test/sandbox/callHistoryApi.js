'use strict';
// The Call History API (OMICall) as ../shared/api/REFERENCE.md describes it: every answer is an
// envelope { status_code, instance_id, instance_name, payload, key_enabled }, and failures other
// than authentication come back as HTTP 200 with status_code -9999 and the error code in `message`;
// with settings.callHistoryErrorShape = 'payload', every failure is in the shape of the vendor's
// current docs (UPDATES-2026 § A) instead: the code in `payload.error`, none at the top level.

function envelope(payload) {
	return {
		status_code: 9999,
		instance_id: 'sandbox',
		instance_name: 'call-history-sandbox',
		payload,
		key_enabled: false,
	};
}

/** A failure's code in the 2026 shape if settings.callHistoryErrorShape says so, else `asReference`. */
const codeIn = (code, settings, asReference) =>
	settings.callHistoryErrorShape === 'payload'
		? { payload: { error: code, message: 'Please check the information sent and try again.' } }
		: asReference;

function failure(code, settings) {
	return {
		status: 200,
		body: {
			status_code: -9999,
			instance_id: 'sandbox',
			instance_name: 'call-history-sandbox',
			...codeIn(code, settings, { message: code, payload: null }),
		},
	};
}

/** An HTTP error's short body (401 unauthorized, 404 route_not_found), shaped like failure(). */
function httpFailure(status, code, settings) {
	return { status, body: { status_code: -9999, ...codeIn(code, settings, { message: code }) } };
}

const { pageOf } = require('./order');

const ok = (payload) => ({ status: 200, body: envelope(payload) });
const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Checks from_date / to_date the way the vendor does; returns an error answer or the bounds. */
function readRange(query, settings) {
	const refuse = (code) => ({ error: failure(code, settings) });
	if (query.from_date === undefined || query.from_date === '')
		return refuse('from_date_is_required');
	if (query.to_date === undefined || query.to_date === '') return refuse('to_date_is_required');
	const from = Number(query.from_date);
	const to = Number(query.to_date);
	if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) return refuse('date_invalid');
	if (to - from > settings.maxWindowMs) return refuse('date_is_too_long');
	return { from, to };
}

function matchesFilters(call, query) {
	const agents = asList(query.agents);
	if (agents.length && !call.user.some((u) => agents.includes(u.email))) return false;
	const directions = asList(query.direction);
	if (directions.length && !directions.includes(call.direction)) return false;
	if (query.disposition && call.disposition !== query.disposition) return false;
	if (query.is_auto_call !== undefined && String(call.is_auto_call) !== String(query.is_auto_call))
		return false;
	if (query.sip_user && call.sip_user !== query.sip_user) return false;
	if (query.source_number && call.source_number !== query.source_number) return false;
	if (query.destination_number && call.destination_number !== query.destination_number)
		return false;
	if (query.keyword) {
		const keyword = String(query.keyword).toLowerCase();
		const haystack = [
			call.source_number,
			call.destination_number,
			call.note,
			call.customer?.full_name,
			call.customer?.full_name_unsigned,
		]
			.filter(Boolean)
			.join(' ')
			.toLowerCase();
		if (!haystack.includes(keyword)) return false;
	}
	return true;
}

function list(query, sandbox) {
	const range = readRange(query, sandbox.settings);
	if (range.error) return range.error;
	const page = query.page === undefined ? 1 : Number(query.page);
	const asked = query.size === undefined ? 50 : Number(query.size);
	if (!Number.isInteger(page) || page < 1 || !Number.isInteger(asked) || asked < 1)
		return failure('page_invalid', sandbox.settings);
	const size = Math.min(asked, sandbox.settings.maxPageSize);
	const calls = sandbox.calls
		.range(range.from, range.to)
		.filter((call) => matchesFilters(call, query));
	const totalPages = Math.ceil(calls.length / size);
	return ok({
		items: pageOf(calls, page, size, sandbox.settings.listOrder),
		page_number: page,
		page_size: size,
		total_items: calls.length,
		total_pages: totalPages,
		has_next: page < totalPages,
		next_page: page < totalPages ? page + 1 : page,
		has_previous: page > 1,
		previous_page: page > 1 ? page - 1 : 1,
	});
}

function detail(id, sandbox) {
	const call = sandbox.calls.get(id);
	return call ? ok(call) : failure('resource_not_found', sandbox.settings);
}

function change(id, body, sandbox) {
	const call = sandbox.calls.get(id);
	if (!call) return failure('resource_not_found', sandbox.settings);
	if (!body || typeof body.note !== 'string' || body.note.trim() === '')
		return failure('note_is_required', sandbox.settings);
	if (
		body.tag !== undefined &&
		(!Array.isArray(body.tag) || body.tag.some((t) => typeof t !== 'string'))
	) {
		return failure('tag_invalid', sandbox.settings);
	}
	call.note = body.note;
	if (body.tag !== undefined) call.tag = body.tag;
	call.last_updated_date = Date.now();
	return ok(call);
}

/** Counts like the vendor sample; a count of zero comes back as null, as the sample's total_call_answer does. */
function report(query, sandbox) {
	const range = readRange(query, sandbox.settings);
	if (range.error) return range.error;
	const numbers = asList(query.numbers);
	const calls = sandbox.calls
		.range(range.from, range.to)
		.filter((call) => !query.sip_user || call.sip_user === query.sip_user)
		.filter(
			(call) =>
				!numbers.length ||
				numbers.includes(call.source_number) ||
				numbers.includes(call.destination_number),
		);
	const byDirection = new Map();
	const byDisposition = new Map();
	let localCalls = 0;
	let localAnswered = 0;
	for (const call of calls) {
		if (call.direction === 'local') {
			localCalls++;
			if (call.disposition === 'answered') localAnswered++;
			continue;
		}
		const d = byDirection.get(call.direction) ?? {
			_id: call.direction,
			total_count: 0,
			total_time: 0,
		};
		d.total_count++;
		d.total_time += call.bill_sec;
		byDirection.set(call.direction, d);
		const s = byDisposition.get(call.disposition) ?? {
			_id: call.disposition,
			total_count: 0,
			total_outbound: 0,
			total_inbound: 0,
		};
		s.total_count++;
		s[call.direction === 'outbound' ? 'total_outbound' : 'total_inbound']++;
		byDisposition.set(call.disposition, s);
	}
	return ok({
		categorized_by_direction: [...byDirection.values()],
		categorized_by_disposition: [...byDisposition.values()],
		categorized_by_local_direction: {
			total_call: localCalls || null,
			total_call_answer: localAnswered || null,
		},
	});
}

const isJson = (contentType) => /^application\/json\b/.test(contentType ?? '');

/** Routes one request under the API's base URL; `path` is still percent-encoded. */
function handleCallHistory(req, sandbox) {
	const { method, path, query, body } = req;
	const one = /^\/api\/call_transaction\/(detail|change)\/([^/]+)$/.exec(path);
	if (method === 'GET' && path === '/api/call_transaction/list') return list(query, sandbox);
	if (method === 'GET' && path === '/api/call_transaction/report') return report(query, sandbox);
	if (one && one[1] === 'detail' && method === 'GET')
		return detail(decodeURIComponent(one[2]), sandbox);
	if (one && one[1] === 'change' && method === 'POST')
		// The vendor reads a JSON body alone: any other carries no note for it.
		return change(decodeURIComponent(one[2]), isJson(req.contentType) ? body : undefined, sandbox);
	return httpFailure(404, 'route_not_found', sandbox.settings);
}

module.exports = { handleCallHistory, failure, httpFailure, envelope, isJson };
