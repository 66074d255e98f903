'use strict';
// Bad parameters are refused before any request, with an error that names the field and the fix.

const { useSandbox } = require('./harness/sandbox');
const { runNode } = require('./harness/n8n');

const api = useSandbox();
const RANGE = { fromDate: '2026-01-01T00:00:00', toDate: '2026-01-02T00:00:00' };
const VBOT = { vbotId: 'VB0001', projectCode: 'SIEUTHI-ABC', phone: '0912345678' };

async function refused(resource, parameters) {
	const platform = resource === 'vbotCall' ? 'vbot' : 'callHistory';
	const result = await runNode({
		parameters: { resource, ...parameters },
		credentials: api.credentials(platform),
	});
	expect(api.sandbox.requests).toEqual([]);
	expect(['NodeOperationError', 'NodeApiError']).toContain(result.error?.name);
	return result.error;
}

describe.each(['getMany', 'getReport'])('Call › %s dates', (operation) => {
	test.each([
		[
			'From Date blank',
			{ fromDate: '  ' },
			'From Date is empty',
			/From Date is required\. Use the date picker/,
		],
		[
			'To Date empty from an expression',
			{ toDate: '={{ "" }}' },
			'To Date is empty',
			/To Date is required/,
		],
		[
			'From Date unparseable',
			{ fromDate: 'yesterday' },
			'From Date is not a valid date: "yesterday" is not a date',
			/ISO 8601/,
		],
		[
			'To Date unparseable',
			{ toDate: '2026-13-45' },
			'To Date is not a valid date: "2026-13-45" is not a date',
			/epoch milliseconds/,
		],
		[
			'From Date in epoch seconds',
			{ fromDate: '={{ 1767225600 }}' },
			'From Date is not a valid date: 1767225600 looks like epoch seconds; the node expects epoch milliseconds (multiply by 1000)',
			/ISO 8601/,
		],
		[
			'From Date after To Date',
			{ fromDate: '2026-01-03T00:00:00', toDate: '2026-01-02T00:00:00' },
			'From Date is after To Date: swap them',
			/^From Date is 2026-01-03T00:00:00\.000\+07:00 and To Date is 2026-01-02T00:00:00\.000\+07:00\. Swap them/,
		],
		[
			'a date of the wrong type',
			{ fromDate: '={{ { day: 1 } }}' },
			'From Date is not a valid date: a object is not a date',
			/ISO 8601/,
		],
	])('%s', async (_name, change, message, description) => {
		const error = await refused('call', { operation, returnAll: true, ...RANGE, ...change });

		expect(error.message).toBe(message);
		expect(error.description).toMatch(description);
	});
});

describe("required fields left empty: n8n's own check refuses to run the node", () => {
	test.each([
		['call', { operation: 'getMany', ...RANGE, fromDate: '' }, 'From Date'],
		['call', { operation: 'getReport', ...RANGE, toDate: '' }, 'To Date'],
		['call', { operation: 'get', transactionId: '' }, 'Transaction ID'],
		['call', { operation: 'update', transactionId: 'abc', note: '' }, 'Note'],
		['vbotCall', { operation: 'count', ...VBOT, phone: '' }, 'Phone'],
	])('%s %j', async (resource, parameters, label) => {
		const result = await runNode({
			parameters: { resource, ...parameters },
			credentials: api.credentials(),
		});

		expect(api.sandbox.requests).toEqual([]);
		expect(result.error.message).toBe(
			"The 'Call History' node has issues:\n" + `- Parameter "${label}" is required.`,
		);
	});
});

describe('Call › Get Many numbers', () => {
	test.each([
		['Limit 0', { returnAll: false, limit: 0 }, 'Limit must be a whole number of at least 1'],
		['Limit 2.5', { returnAll: false, limit: 2.5 }, 'Limit must be a whole number of at least 1'],
		[
			'Limit from an expression',
			{ returnAll: false, limit: '={{ "ten" }}' },
			'Limit must be a whole number of at least 1',
		],
		['Page Size 0', { options: { pageSize: 0 } }, 'Page Size must be a whole number from 1 to 50'],
		[
			'Page Size 51',
			{ options: { pageSize: 51 } },
			'Page Size must be a whole number from 1 to 50',
		],
		[
			'Days per Request 0',
			{ options: { windowDays: 0 } },
			'Days per Request must be a whole number from 1 to 30',
		],
		[
			'Days per Request 31',
			{ options: { windowDays: 31 } },
			'Days per Request must be a whole number from 1 to 30',
		],
	])('%s', async (_name, change, message) => {
		const error = await refused('call', {
			operation: 'getMany',
			returnAll: true,
			...RANGE,
			...change,
		});

		expect(error.message).toBe(message);
	});

	test('Days per Request out of range on Get Report', async () => {
		const error = await refused('call', {
			operation: 'getReport',
			...RANGE,
			options: { windowDays: 45 },
		});

		expect(error.message).toBe('Days per Request must be a whole number from 1 to 30');
	});
});

describe('Call › Get and Update', () => {
	test.each([
		['get', '  \t', 'Transaction ID is empty'],
		['get', '={{ $json.missing }}', 'Transaction ID is empty'],
		['get', '..', 'Transaction ID ".." is not a valid ID'],
		['update', '.', 'Transaction ID "." is not a valid ID'],
		['update', '={{ "  " }}', 'Transaction ID is empty'],
	])('%s with Transaction ID %j', async (operation, transactionId, message) => {
		const error = await refused('call', { operation, transactionId, note: 'n' });

		expect(error.message).toBe(message);
		expect(error.description).toBe(
			'Give the transaction_id of a call, e.g. from the output of Get Many.',
		);
	});

	test.each(['   \n', '={{ $json.missing }}'])('Update with Note %j', async (note) => {
		const error = await refused('call', { operation: 'update', transactionId: 'abc', note });

		expect(error.message).toBe('Note is empty');
		expect(error.description).toBe('The vendor needs a note to update a call. Fill in Note.');
	});

	test.each([
		[
			'={{ ["vip", 3] }}',
			'Item 1 of the Tags array is a number (3). Give an array of strings, or comma-separated text.',
		],
		[
			'={{ [null] }}',
			'Item 0 of the Tags array is a object (null). Give an array of strings, or comma-separated text.',
		],
		[
			'={{ { tag: "vip" } }}',
			'Tags is a object. Give comma-separated text, or an array of strings.',
		],
	])('Update with Tags %s', async (tags, description) => {
		const error = await refused('call', {
			operation: 'update',
			transactionId: 'abc',
			note: 'n',
			tags,
		});

		expect(error.message).toBe('Tags must be text');
		expect(error.description).toBe(description);
	});
});

describe('VBot Call', () => {
	test.each([
		['getMany', 'vbotId', 'VBot ID'],
		['getMany', 'projectCode', 'Project Code'],
		['count', 'phone', 'Phone'],
		['count', 'vbotId', 'VBot ID'],
	])('%s without %s', async (operation, field, label) => {
		const error = await refused('vbotCall', { operation, returnAll: true, ...VBOT, [field]: ' ' });

		expect(error.message).toBe(`${label} is empty`);
		expect(error.description).toMatch(
			new RegExp(`^VBot needs ${label} for every call-history request\\.`),
		);
	});

	test('Page Size out of range', async () => {
		const error = await refused('vbotCall', {
			operation: 'getMany',
			returnAll: true,
			...VBOT,
			options: { pageSize: 0 },
		});

		expect(error.message).toBe('Page Size must be a whole number from 1 to 1000');
	});
});
