'use strict';
// VBot's Open API v3 (../shared/api/UPDATES-2026.md § C), served under /vbot/v3.0: an `X-API-Key`
// header on every request (no token, no vbot_id, no project_code), the envelope
// { error, message, data } with error 0 for success and HTTP 200 either way, 409 for a wrong or
// missing key. It serves the project's call log (/m-cdr/api/call/get-all, count-all, get-detail),
// a recorded call's audio (/api/crm/historycall/record/{trans_id}) and the v2 customer history.

const { pageOf } = require('./order');
const { customerHistory } = require('./vbotApi');
const { toneAnswer } = require('./recordings');
const { readCallQuery, readPage } = require('./vbotV3Query');
const { V3_STATUSES } = require('./seed');

const MESSAGES = {
	[-1]: 'Tham số không hợp lệ',
	404: 'Không tìm thấy dữ liệu',
	409: 'API Key không hợp lệ hoặc không có quyền truy cập',
	500: 'Lỗi hệ thống',
};

const answer = (data) => ({ status: 200, body: { error: 0, message: 'Thành công', data } });

function failure(error, message = MESSAGES[error] ?? 'Lỗi') {
	return { status: 200, body: { error, message, data: null } };
}

/** A scripted `vendorError`: a number is that `error`; a text is the message of an error 429, as in v2. */
const faultFailure = (code) =>
	/^-?\d+$/.test(String(code)) ? failure(Number(code)) : failure(429, code);

const badParameter = (name) => failure(-1, `Tham số ${name} không hợp lệ`);

/** The customer history's dialect in v3 (see vbotApi.js): the phone alone names the customer. */
const V3_HISTORY = {
	answer: (settings, data) => answer(data),
	failure: (settings, error, message) => failure(error, message),
	customerFields: ['phone'],
};

function matchingCalls(query, sandbox) {
	const asked = readCallQuery(query);
	if (asked.bad) return { error: badParameter(asked.bad) };
	return { calls: sandbox.vbotCalls.range(asked.from, asked.to).filter(asked.matches) };
}

/** One page (from 0) of at most settings.vbotV3MaxPageSize calls, newest first unless vbotV3Order says. */
function getAll(query, sandbox) {
	const paging = readPage(query);
	if (paging.bad) return badParameter(paging.bad);
	const { calls, error } = matchingCalls(query, sandbox);
	if (error) return error;
	const { vbotV3MaxPageSize, vbotV3Order } = sandbox.settings;
	const size = Math.min(paging.size, vbotV3MaxPageSize);
	return answer(pageOf(calls, paging.page + 1, size, vbotV3Order));
}

function countAll(query, sandbox) {
	const { calls, error } = matchingCalls(query, sandbox);
	return error ?? answer(calls.length);
}

/** A call stored without legs has one: its row with the status table's codes. */
const onlyLeg = (row) => ({ ...row, conference_id: '', ...V3_STATUSES[row.disposition] });

function getDetail(query, sandbox) {
	const groupId = query.group_id;
	if (typeof groupId !== 'string' || groupId === '') return badParameter('group_id');
	const group = sandbox.vbotCalls.group(groupId);
	if (!group) return failure(404, 'Không tìm thấy cuộc gọi');
	return answer(group.legs ?? [onlyLeg(group.row)]);
}

/**
 * The audio file of a call whose is_record is true, or of one the webhooks delivered with a
 * recording (the account's recordings, whichever API asks); a name in sandbox.brokenRecordings has none.
 */
function record(transId, sandbox) {
	const recorded =
		sandbox.vbotCalls.get(transId)?.is_record || sandbox.webhooks.vbotRecordings.has(transId);
	if (!recorded || sandbox.brokenRecordings.has(transId))
		return failure(404, 'Không tìm thấy file ghi âm');
	const disposition = { 'content-disposition': `attachment; filename="${transId}.wav"` };
	return toneAnswer(transId, sandbox.settings, disposition);
}

const RECORD_PATH = /^\/api\/crm\/historycall\/record\/([^/]+)$/;

/** Routes one request below the v3 base path (`/vbot/v3.0`) whose key was accepted. */
function handleVbotV3(req, sandbox) {
	const { method, path, query } = req;
	const recording = RECORD_PATH.exec(path);
	if (method === 'GET' && path === '/m-cdr/api/call/get-all') return getAll(query, sandbox);
	if (method === 'GET' && path === '/m-cdr/api/call/count-all') return countAll(query, sandbox);
	if (method === 'GET' && path === '/m-cdr/api/call/get-detail') return getDetail(query, sandbox);
	if (method === 'GET' && recording) return record(decodeURIComponent(recording[1]), sandbox);
	return customerHistory(req, sandbox, V3_HISTORY) ?? { ...failure(404, 'Not found'), status: 404 };
}

module.exports = { handleVbotV3, failure, faultFailure };
