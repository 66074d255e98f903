'use strict';
// VBot's CRM call-history API (v2.0 open API) as ../shared/api/REFERENCE.md describes it:
// parameters in the query string, an envelope { status, error, message, data }, and newer
// answers that drop `status` (settings.vbotEnvelope = 'error-only').

const { pageOf } = require('./order');

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

function readCustomer(query, settings) {
	for (const name of ['vbot_id', 'project_code', 'phone']) {
		if (!query[name]) return { error: failure(settings, 1, `Thiếu tham số ${name}`) };
	}
	return { who: { vbotId: query.vbot_id, projectCode: query.project_code, phone: query.phone } };
}

function getAll(query, sandbox) {
	const { settings } = sandbox;
	const customer = readCustomer(query, settings);
	if (customer.error) return customer.error;
	const page = Number(query.page);
	const asked = Number(query.size);
	if (!Number.isInteger(page) || page < 1) return failure(settings, 1, 'Thiếu tham số page');
	if (!Number.isInteger(asked) || asked < 1) return failure(settings, 1, 'Thiếu tham số size');
	const size = Math.min(asked, settings.vbotMaxPageSize);
	return answer(settings, pageOf(sandbox.vbot.find(customer.who), page, size, settings.vbotOrder));
}

function countAll(query, sandbox) {
	const customer = readCustomer(query, sandbox.settings);
	if (customer.error) return customer.error;
	return answer(sandbox.settings, sandbox.vbot.find(customer.who).length);
}

/** Routes one request below the VBot base path (`/vbot/v2.0`). */
function handleVbot(req, sandbox) {
	if (req.method === 'GET' && req.path === '/api/crm/historycall/getAll')
		return getAll(req.query, sandbox);
	if (req.method === 'GET' && req.path === '/api/crm/historycall/countAll')
		return countAll(req.query, sandbox);
	return { status: 404, body: { status: 0, error: 404, message: 'Not found' } };
}

module.exports = { handleVbot, failure };
