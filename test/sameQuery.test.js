'use strict';
// The action node and the trigger send a filter through the same code (fields/descriptions.ts's
// sendsQuery: the node's routing preSend and the trigger's queryOf shape a value with one
// function): for the same filters, the sandbox receives the same list query from both.

const { useSandbox } = require('./harness/sandbox');
const { runNode } = require('./harness/n8n');
const { pollTrigger } = require('./harness/trigger');

const api = useSandbox();
const LIST = '/api/call_transaction/list';
const CALL_LOG = '/m-cdr/api/call/get-all';
const HOUR = 3_600_000;

/** The query of the last list request the sandbox received, without paging and dates. */
function filterQuery(path, platform) {
	const request = api.sandbox.received(path, platform).at(-1);
	const ignored = ['page', 'size', 'from_date', 'to_date', 'from', 'to', 'limit'];
	return {
		query: Object.fromEntries(
			Object.entries(request.query).filter(([name]) => !ignored.includes(name)),
		),
		raw: request.rawQuery
			.split('&')
			.filter((pair) => !ignored.includes(decodeURIComponent(pair.split('=')[0])))
			.sort(),
	};
}

const range = () => ({
	fromDate: new Date(Date.now() - HOUR).toISOString(),
	toDate: new Date().toISOString(),
});

const CASES = [
	['lists with spaces, empty entries and commas', { agents: ' a@x.vn , ,b@x.vn,' }, 2],
	['a list from an expression', { agents: '={{ ["c@x.vn", " d@x.vn "] }}' }, 2],
	['an empty list', { agents: ' , ' }, 0],
	['text with spaces', { keyword: '  Nguyễn Văn  ', sipUser: ' 101 ' }, 2],
	['blank text', { keyword: '   ', sourceNumber: ' 842873001234 ' }, 1],
];

test.each(CASES)(
	'OMICall, %s: Get Many and the trigger send one query',
	async (_, filters, sent) => {
		await runNode({
			parameters: { resource: 'call', operation: 'getMany', ...range(), returnAll: true, filters },
			credentials: api.credentials(),
		});
		const fromNode = filterQuery(LIST);
		await pollTrigger({
			parameters: {
				source: 'callHistory',
				filters,
				startFrom: 'date',
				startDate: range().fromDate,
			},
			credentials: api.credentials(),
			mode: 'manual',
		});
		const fromTrigger = filterQuery(LIST);
		expect(fromTrigger).toEqual(fromNode);
		expect(fromNode.raw).toHaveLength(sent);
	},
);

test('VBot call log, text filters: Get Many and the trigger send one query', async () => {
	const filters = { keyword: ' 0912 ', hotline: ' 1900 ', memberNo: '' };
	await runNode({
		parameters: {
			resource: 'vbotCallLog',
			operation: 'getMany',
			...range(),
			returnAll: true,
			filters,
		},
		credentials: api.credentials('vbotV3'),
	});
	const fromNode = filterQuery(CALL_LOG, 'vbotV3');
	await pollTrigger({
		parameters: { source: 'vbotCallLog', filters, startFrom: 'date', startDate: range().fromDate },
		credentials: api.credentials('vbotV3'),
		mode: 'manual',
	});
	expect(filterQuery(CALL_LOG, 'vbotV3')).toEqual(fromNode);
	expect(fromNode.query).toMatchObject({ hotline: '1900' });
});
