'use strict';
// VBot's CRM call-history API (v2.0 open API) as ../shared/api/REFERENCE.md describes it:
// parameters in the query string, an envelope { status, error, message, data }, and newer
// answers that drop `status` (settings.vbotEnvelope = 'error-only'); a missing or bad parameter
// is error -1 in an HTTP 200 answer (UPDATES-2026 § B). Recordings: those of the calls the
// webhooks delivered (webhooks.js).

const { pageOf } = require('./order');
const { toneAnswer } = require('./recordings');

function answer(settings, data) {
	const body = { status: 1, error: 0, message: 'Thành công', data };
	if (settings.vbotEnvelope === 'error-only') delete body.status;
	return { status: 200, body };
}

function failure(settings, error, message) {
	const body = { status: 0, error, message, data: null };
	if (settings.vbotEnvelope === 'error-only') delete body.status;
	return { status: 200, body };
}

/**
 * How an API speaks the customer history: its envelope (`answer`, `failure`, given the settings),
 * and the query fields naming the customer. v3 serves the same endpoints in its own (see
 * vbotV3Api.js).
 */
const V2 = { answer, failure, customerFields: ['vbot_id', 'project_code', 'phone'] };

/** The `error` of a missing or bad parameter, v2 and v3 alike (UPDATES-2026 § B, § C). */
const BAD_PARAMETER = -1;

/** The store's name for each query field naming the customer. */
const WHO = { vbot_id: 'vbotId', project_code: 'projectCode', phone: 'phone' };

const missing = (settings, api, name) =>
	api.failure(settings, BAD_PARAMETER, `Thiếu tham số ${name}`);

function readCustomer(query, settings, api) {
	for (const name of api.customerFields) {
		if (!query[name]) return { error: missing(settings, api, name) };
	}
	// Only the API's own fields name the customer: v3 ignores a vbot_id or project_code sent anyway.
	return { who: Object.fromEntries(api.customerFields.map((name) => [WHO[name], query[name]])) };
}

function getAll(query, sandbox, api = V2) {
	const { settings } = sandbox;
	const customer = readCustomer(query, settings, api);
	if (customer.error) return customer.error;
	const page = Number(query.page);
	const asked = Number(query.size);
	if (!Number.isInteger(page) || page < 1) return missing(settings, api, 'page');
	if (!Number.isInteger(asked) || asked < 1) return missing(settings, api, 'size');
	const size = Math.min(asked, settings.vbotMaxPageSize);
	const records = sandbox.vbot.find(customer.who);
	return api.answer(settings, pageOf(records, page, size, settings.vbotOrder));
}

function countAll(query, sandbox, api = V2) {
	const customer = readCustomer(query, sandbox.settings, api);
	if (customer.error) return customer.error;
	return api.answer(sandbox.settings, sandbox.vbot.find(customer.who).length);
}

/** The answer to a customer-history request in `api`'s dialect, or undefined for another path. */
function customerHistory(req, sandbox, api = V2) {
	if (req.method === 'GET' && req.path === '/api/crm/historycall/getAll')
		return getAll(req.query, sandbox, api);
	if (req.method === 'GET' && req.path === '/api/crm/historycall/countAll')
		return countAll(req.query, sandbox, api);
	return undefined;
}

const RECORD_PATH = /^\/api\/crm\/historycall\/record\/([^/]+)$/;

/** The audio of a call the webhooks delivered with a recording (UPDATES-2026 § B). */
function record(transId, sandbox) {
	if (!sandbox.webhooks.vbotRecordings.has(transId) || sandbox.brokenRecordings.has(transId))
		return failure(sandbox.settings, 404, 'Không tìm thấy file ghi âm');
	const disposition = { 'content-disposition': `attachment; filename="${transId}.wav"` };
	return toneAnswer(transId, sandbox.settings, disposition);
}

/** Routes one request below the VBot base path (`/vbot/v2.0`). */
function handleVbot(req, sandbox) {
	const recording = RECORD_PATH.exec(req.path);
	if (req.method === 'GET' && recording) return record(decodeURIComponent(recording[1]), sandbox);
	return (
		customerHistory(req, sandbox) ?? {
			status: 404,
			body: { status: 0, error: 404, message: 'Not found' },
		}
	);
}

module.exports = { handleVbot, failure, customerHistory };
