'use strict';
// Answers within 64 MiB that would still take the n8n process down: a page of millions of
// records, JSON nested a million deep, and window reports that grow past what a run can merge.
// Each is refused at a bound the node names, before it is built into items.

const { useSandbox } = require('../harness/sandbox');
const { runNode, callsBetween } = require('../harness/n8n');
const { envelope } = require('../sandbox/callHistoryApi');
const { DAY, generateCalls } = require('../sandbox/seed');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const LIST = '/api/call_transaction/list';
const REPORT = '/api/call_transaction/report';
const unpaced = { requestsPerSecond: 0, maxRetries: 0 };

const getMany = (options = {}) =>
	runNode({
		parameters: callsBetween(JAN_1, JAN_1 + DAY, { options: { ...unpaced, ...options } }),
		credentials: api.credentials(),
	});

/** A list answer, as raw JSON text, whose items are `items` (JSON text of the array's inside). */
const rawPage = (items) => ({
	status: 200,
	body: `{"status_code":9999,"instance_id":"sandbox","payload":{"items":[${items}],"total_items":1,"total_pages":1,"has_next":false}}`,
});

beforeEach(() => api.sandbox.calls.replace([]));

describe('a page of records', () => {
	test('with more records than the page size asked for is refused before any item is built', async () => {
		api.sandbox.fault({ path: LIST, respond: rawPage(Array(1000).fill('{}').join(',')) });

		const { error, json } = await getMany();

		expect(error?.message).toBe(
			'The Call History API sent an answer that lists 1,000 calls on one page, more than the 50 asked for',
		);
		expect(json).toEqual([]);
	});

	test('of 1.5 million empty records (5 MB) is refused before it is parsed', async () => {
		api.sandbox.fault({ path: LIST, respond: rawPage(Array(1_500_000).fill('{}').join(',')) });

		const { error } = await getMany();

		expect(error?.message).toBe(
			'The Call History API sent an answer that holds more than 1,000,000 values',
		);
	});

	test('a call nested 100,000 deep is refused, with the depth the node allows', async () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		api.sandbox.fault({ path: LIST, respond: rawPage(`{"transaction_id":"x","note":${deep}}`) });

		const { error, json } = await getMany();

		expect(error?.message).toBe(
			'The Call History API sent an answer that nests deeper than 32 levels',
		);
		expect(json).toEqual([]);
	});

	test('brackets and quotes inside texts count for nothing', async () => {
		const note = `${'[{'.repeat(40)}\\"${'}]'.repeat(40)}`;
		api.sandbox.fault({
			path: LIST,
			respond: rawPage(`{"transaction_id":"x","created_date":${JAN_1 + 1000},"note":"${note}"}`),
		});

		const { error, json } = await getMany();

		expect(error).toBeUndefined();
		expect(json.map((call) => call.note)).toEqual([note.replace('\\"', '"')]);
	});
});

describe('Call › Get Report', () => {
	const to = JAN_1 + 12 * DAY - 1;
	const getReport = () =>
		runNode({
			parameters: {
				resource: 'call',
				operation: 'getReport',
				fromDate: new Date(JAN_1).toISOString(),
				toDate: new Date(to).toISOString(),
				options: { ...unpaced, concurrency: 2 },
			},
			credentials: api.credentials(),
		});
	/** Each window answers `entries` entries of its own, `_id`s no other window has. */
	const distinctEntries = (entries) => {
		let window = 0;
		return {
			answer: () => {
				window += 1;
				const byAgent = Array.from({ length: entries }, (_, i) => ({
					_id: `w${window}-${i}`,
					total_count: 1,
				}));
				return { status: 200, body: envelope({ categorized_by_agent: byAgent }) };
			},
		};
	};

	test('merges window by window, and stops once the merged report passes 100,000 values', async () => {
		api.sandbox.fault({ path: REPORT, times: 4, respond: distinctEntries(10_000) });

		const { error } = await getReport();

		// Each entry is 3 values (the entry, its _id, its count): the fourth window passes the bound.
		expect(error?.message).toBe(
			'The report of this date range holds more than 100,000 values, more than the node merges in one run',
		);
		expect(api.sandbox.received(REPORT).length).toBeLessThanOrEqual(4 + 2);
	});

	test('windows whose entries share their _ids merge into one entry each, summed', async () => {
		api.sandbox.calls.replace(generateCalls({ from: JAN_1, to, perDay: 50, seed: 12 }));
		const byAgent = Array.from({ length: 20_000 }, (_, i) => ({
			_id: `agent-${i}`,
			total_count: 2,
		}));
		api.sandbox.fault({
			path: REPORT,
			times: 4,
			respond: { status: 200, body: envelope({ categorized_by_agent: byAgent }) },
		});

		const { error, json } = await getReport();

		expect(error).toBeUndefined();
		const [report] = json;
		expect(report.categorized_by_agent).toHaveLength(20_000);
		expect(report.categorized_by_agent[19_999]).toEqual({ _id: 'agent-19999', total_count: 8 });
	});
});
