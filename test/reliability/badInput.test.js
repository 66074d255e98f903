'use strict';
// Bad input is refused before any request, with a message that names the field. Each case also
// runs against a build with its check taken out (a mutant, see mutants.js), where the very same
// assertions must fail: proof that the test tests the check, not something around it.
// Empty required fields are given as expressions, which n8n's own "required" check cannot see.

const { useSandbox } = require('../harness/sandbox');
const { runNode } = require('../harness/n8n');
const { DAY, generateCalls } = require('../sandbox/seed');
const { mutantWithout } = require('./mutants');

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
		mutant: { file: 'parameters.js', find: "parsed.kind === 'empty'", replace: 'false' },
	},
	{
		name: 'To Date unparseable',
		parameters: getMany({ toDate: 'next Tuesday' }),
		message: /^To Date is not a valid date: /,
		mutant: { file: 'parameters.js', find: "parsed.kind === 'invalid'", replace: 'false' },
	},
	{
		name: 'From Date after To Date',
		parameters: getMany({ fromDate: RANGE.toDate, toDate: RANGE.fromDate }),
		message: 'From Date is after To Date: swap them',
		mutant: { file: 'parameters.js', find: 'if (from > to) {', replace: 'if (false) {' },
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
		mutant: {
			file: 'parameters.js',
			find: 'to - from >= MAX_RANGE_DAYS * windows_1.DAY_MS',
			replace: 'false',
		},
	},
	{
		name: 'Limit below 1',
		parameters: getMany({ returnAll: false, limit: 0 }),
		message: 'Limit must be a whole number of at least 1',
		mutant: {
			file: 'parameters.js',
			find: '{ min: 1, fallback: 50 }',
			replace: '{ min: -Infinity, fallback: 50 }',
		},
	},
	{
		name: 'Page Size above the vendor’s 50',
		parameters: getMany({ options: { pageSize: 51 } }),
		message: 'Page Size must be a whole number from 1 to 50',
		mutant: { file: 'callList.js', find: 'max: 50,', replace: 'max: Infinity,' },
	},
	{
		name: 'VBot Page Size above 1000',
		parameters: vbot({ options: { pageSize: 1001 } }),
		message: 'Page Size must be a whole number from 1 to 1000',
		mutant: { file: 'vbotHistory.js', find: 'max: 1000,', replace: 'max: Infinity,' },
	},
	{
		name: 'Days per Request above 30',
		parameters: getMany({ options: { windowDays: 31 } }),
		message: 'Days per Request must be a whole number from 1 to 30',
		mutant: { file: 'parameters.js', find: 'max: 30,', replace: 'max: Infinity,' },
	},
	{
		name: 'Concurrency above 8',
		parameters: getMany({ options: { concurrency: 9 } }),
		message: 'Concurrency must be a whole number from 1 to 8',
		mutant: { file: 'parameters.js', find: 'max: 8,', replace: 'max: Infinity,' },
	},
	{
		name: 'Transaction ID of whitespace',
		parameters: { resource: 'call', operation: 'get', transactionId: blank },
		message: 'Transaction ID is empty',
		mutant: {
			file: 'parameters.js',
			find: "id === '' || id === '.' || id === '..'",
			replace: 'false',
		},
	},
	{
		name: 'an empty Note',
		parameters: update({ note: blank }),
		message: 'Note is empty',
		mutant: { file: 'parameters.js', find: "text === ''", replace: 'false' },
	},
	{
		name: 'Tags that are not strings',
		parameters: update({ tags: '={{ ["vip", 7] }}' }),
		message: 'Tags must be text',
		mutant: { file: 'parameters.js', find: 'wrong !== -1', replace: 'false' },
	},
	{
		name: 'VBot ID missing',
		parameters: vbot({ vbotId: blank }),
		message: 'VBot ID is empty',
		mutant: { file: 'parameters.js', find: "text === ''", replace: 'false' },
	},
	{
		name: 'Max Retries above 10',
		parameters: getMany({ options: { maxRetries: 11 } }),
		message: 'Max Retries must be a whole number from 0 to 10',
		mutant: {
			file: 'transport.js',
			find: "'Max Retries', 0, 10,",
			replace: "'Max Retries', 0, Infinity,",
		},
	},
	{
		name: 'Requests per Second below 0',
		parameters: vbot({ operation: 'count', options: { requestsPerSecond: -1 } }),
		message: 'Requests per Second must be a whole number from 0 to 1000',
		mutant: {
			file: 'transport.js',
			find: "'Requests per Second', 0, 1000, 10",
			replace: "'Requests per Second', -Infinity, 1000, 10",
		},
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
		mutant: {
			file: 'transport.js',
			find: "'Timeout', 1, 600,",
			replace: "'Timeout', -Infinity, 600,",
		},
	},
];

beforeEach(() =>
	api.sandbox.calls.replace(generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 10, seed: 51 })),
);

const run = ({ parameters }, dist) =>
	runNode({
		parameters,
		credentials: api.credentials(parameters.resource === 'vbotCall' ? 'vbot' : 'callHistory'),
		dist,
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
		const mutant = mutantWithout(testCase.name, testCase.mutant);

		const result = await run(testCase, mutant);

		expect(() => expectRefused(result, testCase)).toThrow();
	});
});
