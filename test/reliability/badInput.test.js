'use strict';
// Bad input is refused before any request, with a message that names the field. Each case also
// runs with its check taken out (a mutant, see mutants.js: a bound widened in the node's own
// description, or a check of fields/checks.js's table made to pass), where the very same
// assertions must fail: proof that the test tests the check, not something around it.
// Empty required fields are given as expressions, which n8n's own "required" check cannot see.

const { useSandbox } = require('../harness/sandbox');
const { runNode } = require('../harness/n8n');
const { DAY, generateCalls } = require('../sandbox/seed');
const { withMutant } = require('./mutants');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const RANGE = {
	fromDate: new Date(JAN_1).toISOString(),
	toDate: new Date(JAN_1 + DAY).toISOString(),
};
const getMany = (extra) => ({ resource: 'call', operation: 'getMany', ...RANGE, ...extra });
const update = (extra) => ({
	resource: 'call',
	operation: 'update',
	transactionId: 'tx-1',
	note: 'n',
	...extra,
});
const vbot = (extra) => ({
	resource: 'vbotCall',
	operation: 'getMany',
	vbotId: 'v',
	projectCode: 'p',
	phone: '0900000000',
	...extra,
});
const blank = '={{ "  " }}';

const CASES = [
	{
		name: 'From Date missing',
		parameters: getMany({ fromDate: '={{ "" }}' }),
		message: 'From Date is empty',
		mutant: { check: 'dateGiven' },
	},
	{
		name: 'To Date unparseable',
		parameters: getMany({ toDate: 'next Tuesday' }),
		message: /^To Date is not a valid date: /,
		mutant: { check: 'dateReadable' },
	},
	{
		name: 'From Date after To Date',
		parameters: getMany({ fromDate: RANGE.toDate, toDate: RANGE.fromDate }),
		message: 'From Date is after To Date: swap them',
		mutant: { check: 'datesInOrder' },
	},
	{
		name: 'a range over 366 days',
		// Unpaced, so that the mutant's 134 windows go quickly.
		parameters: getMany({
			fromDate: new Date(JAN_1 - 400 * DAY).toISOString(),
			options: { requestsPerSecond: 0 },
		}),
		message:
			'The date range is 401 days long, more than 366: narrow From Date and To Date to 366 days or less',
		description: /split the workflow into runs of a year or less/,
		mutant: { check: 'rangeWithinLimit' },
	},
	{
		name: 'Limit below 1',
		parameters: getMany({ returnAll: false, limit: 0 }),
		message: 'Limit must be a whole number of at least 1',
		mutant: { bound: { of: 'limit', minValue: -Infinity } },
	},
	{
		name: 'Page Size above the vendor’s 50',
		parameters: getMany({ options: { pageSize: 51 } }),
		message: 'Page Size must be a whole number from 1 to 50',
		mutant: { bound: { of: 'options.pageSize', maxValue: Infinity } },
	},
	{
		name: 'VBot Page Size above 1000',
		parameters: vbot({ options: { pageSize: 1001 } }),
		message: 'Page Size must be a whole number from 1 to 1000',
		mutant: { bound: { of: 'options.pageSize', maxValue: Infinity } },
	},
	{
		name: 'Days per Request above 30',
		parameters: getMany({ options: { windowDays: 31 } }),
		message: 'Days per Request must be a whole number from 1 to 30',
		mutant: { bound: { of: 'options.windowDays', maxValue: Infinity } },
	},
	{
		name: 'Concurrency above 8',
		parameters: getMany({ options: { concurrency: 9 } }),
		message: 'Concurrency must be a whole number from 1 to 8',
		mutant: { bound: { of: 'options.concurrency', maxValue: Infinity } },
	},
	{
		name: 'Transaction ID of whitespace',
		parameters: { resource: 'call', operation: 'get', transactionId: blank },
		message: 'Transaction ID is empty',
		mutant: { check: 'pathSegment' },
	},
	{
		name: 'an empty Note',
		parameters: update({ note: blank }),
		message: 'Note is empty',
		mutant: { check: 'textGiven' },
	},
	{
		name: 'Tags that are not strings',
		parameters: update({ tags: '={{ ["vip", 7] }}' }),
		message: 'Tags must be text',
		mutant: { check: 'tagsAreText' },
	},
	{
		name: 'VBot ID missing',
		parameters: vbot({ vbotId: blank }),
		message: 'VBot ID is empty',
		mutant: { check: 'textGiven' },
	},
	{
		name: 'Max Retries above 10',
		parameters: getMany({ options: { maxRetries: 11 } }),
		message: 'Max Retries must be a whole number from 0 to 10',
		mutant: { bound: { of: 'options.maxRetries', maxValue: Infinity } },
	},
	{
		name: 'Requests per Second below 0',
		parameters: vbot({ operation: 'count', options: { requestsPerSecond: -1 } }),
		message: 'Requests per Second must be a whole number from 0 to 1000',
		mutant: { bound: { of: 'options.requestsPerSecond', minValue: -Infinity } },
	},
	{
		name: 'Timeout of 0 seconds',
		parameters: {
			resource: 'call',
			operation: 'get',
			transactionId: 'tx-1',
			options: { timeout: 0 },
		},
		message: 'Timeout must be a whole number from 1 to 600',
		mutant: { bound: { of: 'options.timeout', minValue: -Infinity } },
	},
];

beforeEach(() =>
	api.sandbox.calls.replace(generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 10, seed: 51 })),
);

const run = ({ parameters }) =>
	runNode({
		parameters,
		credentials: api.credentials(parameters.resource === 'vbotCall' ? 'vbot' : 'callHistory'),
	});

/**
 * The refusal every case must meet: its own message, as an n8n node error (RoutingNode wraps what
 * a pagination function throws into a NodeApiError), and no request sent.
 */
function expectRefused({ error }, testCase) {
	expect(['NodeOperationError', 'NodeApiError']).toContain(error?.name);
	if (testCase.message instanceof RegExp) expect(error.message).toMatch(testCase.message);
	else expect(error.message).toBe(testCase.message);
	if (testCase.description) expect(error.description).toMatch(testCase.description);
	expect(api.sandbox.requests).toEqual([]);
}

describe('refused before any request, naming the field', () => {
	test.each(CASES)('$name', async (testCase) => {
		expectRefused(await run(testCase), testCase);
	});
});

describe('with the check taken out of the build, the same assertions fail', () => {
	test.each(CASES)('$name', async (testCase) => {
		const result = await withMutant(testCase.parameters, testCase.mutant, () => run(testCase));

		expect(() => expectRefused(result, testCase)).toThrow();
	});
});
