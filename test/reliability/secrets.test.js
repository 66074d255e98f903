'use strict';
// The access token never appears in an error (message, description, context, cause), an output
// item, or anything n8n-core and the node print: every operation is failed in every way with a
// known token, and everything they produce is searched for it.

const { inspect } = require('node:util');
const { useSandbox } = require('../harness/sandbox');
const { runNode } = require('../harness/n8n');
const { DAY } = require('../sandbox/seed');

const TOKEN = 'sbx_known-token-7c4e1f0a9b';
const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const RANGE = {
	fromDate: new Date(JAN_1).toISOString(),
	toDate: new Date(JAN_1 + 4 * DAY).toISOString(),
};
const VBOT = { resource: 'vbotCall', vbotId: 'v', projectCode: 'p', phone: '0900000000' };

const OPERATIONS = {
	'Call › Get Many': { resource: 'call', operation: 'getMany', ...RANGE, returnAll: true },
	'Call › Get': { resource: 'call', operation: 'get', transactionId: 'tx-1' },
	'Call › Update': { resource: 'call', operation: 'update', transactionId: 'tx-1', note: 'n' },
	'Call › Get Report': { resource: 'call', operation: 'getReport', ...RANGE },
	'VBot Call › Get Many': { ...VBOT, operation: 'getMany', returnAll: true },
	'VBot Call › Count': { ...VBOT, operation: 'count' },
};

const FAILURES = {
	'the token refused (HTTP 401)': { token: 'refused' },
	'HTTP 503 after a retry': {
		fault: { times: 100, respond: { status: 503, headers: { 'retry-after': '0' } } },
		options: { maxRetries: 1 },
	},
	'a connection reset': {
		fault: { times: 100, respond: { reset: true } },
		options: { maxRetries: 0 },
	},
	'a timeout': { fault: { respond: { hang: true } }, options: { maxRetries: 0, timeout: 1 } },
	'a vendor error envelope': {
		fault: { times: 100, respond: { vendorError: 'permission_denied' } },
		options: { maxRetries: 0 },
	},
	'a truncated answer': { fault: { respond: { truncate: true } } },
};

const CASES = Object.entries(OPERATIONS).flatMap(([operation, parameters]) =>
	Object.entries(FAILURES).map(([failure, how]) => [operation, failure, parameters, how]),
);

const leaksIn = (result) =>
	[
		JSON.stringify(result.run),
		JSON.stringify(result.items),
		inspect(result.error, { depth: 12, showHidden: true }),
		result.printed,
	].filter((text) => text.includes(TOKEN));

beforeAll(() => {
	api.sandbox.token = TOKEN;
});

test.each(CASES)('%s, failed by %s', async (_operation, _failure, parameters, how) => {
	if (how.token === 'refused') api.sandbox.token = 'another-token';
	if (how.fault) api.sandbox.fault(how.fault);
	const platform = parameters.resource === 'vbotCall' ? 'vbot' : 'callHistory';

	for (const continueOnFail of [false, true]) {
		const result = await runNode({
			parameters: { ...parameters, options: { requestsPerSecond: 0, ...how.options } },
			credentials: api.credentials(platform, TOKEN),
			continueOnFail,
		});

		const failed = continueOnFail ? result.items[0]?.json.error : result.error?.message;
		expect(failed).toEqual(expect.any(String));
		expect(leaksIn(result)).toEqual([]);
		if (how.fault) api.sandbox.fault(how.fault);
	}
	api.sandbox.token = TOKEN;
	// The token did travel: as the Authorization header of the requests, and nowhere else.
	expect(api.sandbox.requests.length).toBeGreaterThan(0);
});
