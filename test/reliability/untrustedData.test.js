'use strict';
// Data the node keeps or merges is treated as data: a trigger state that does not hold together
// (edited, imported, written by an older version) is replaced by a fresh one with a warning, never
// a failure or silence forever; call ids such as `constructor` or `__proto__` are ids like any
// other; and a vendor report's `__proto__` key is an own key of the merged report, summed.

const { useSandbox } = require('../harness/sandbox');
const { runNode } = require('../harness/n8n');
const { triggerPoller } = require('../harness/trigger');
const { mark, printedSince } = require('../harness/output');
const { DAY, generateCalls, makeCall, random } = require('../sandbox/seed');

const api = useSandbox();
const MINUTE = 60_000;
const REPORT = '/api/call_transaction/report';
const BASE = {
	source: 'callHistory',
	settleMinutes: 0,
	lookBackMinutes: 10,
	options: { requestsPerSecond: 0, maxRetries: 0 },
};

let seed = 4000;
function write(ms, id) {
	const call = makeCall(random(seed++), Math.round(ms), 'x');
	if (id !== undefined) call.transaction_id = id;
	api.sandbox.calls.add(call);
	return call;
}

beforeEach(() => api.sandbox.calls.replace([]));

describe('a saved trigger state that does not hold together', () => {
	const start = () => Date.now() - 30 * MINUTE;

	test.each([
		['seen is null', (state) => ({ ...state, seen: null })],
		['cursor is text', (state) => ({ ...state, cursor: 'x' })],
		['since is missing', (state) => ({ ...state, since: undefined })],
		['a seen entry is not [id, instant]', (state) => ({ ...state, seen: [['a', 'yesterday']] })],
		['the state is a string', () => 'garbage'],
		['its cursor is in the future', (state) => ({ ...state, cursor: Date.now() + DAY })],
		['its horizon is past what it read', (state) => ({ ...state, horizon: state.cursor + DAY })],
	])('%s: replaced by a fresh one from Start From, with a warning', async (_, corrupt) => {
		const startedAt = start();
		const trigger = triggerPoller(
			{ ...BASE, startFrom: 'date', startDate: new Date(startedAt).toISOString() },
			() => api.credentials(),
		);
		const first = write(startedAt + MINUTE);
		expect((await trigger.poll()).ids).toEqual([first.transaction_id]);
		trigger.state = corrupt(trigger.state);
		const later = write(Date.now() - MINUTE);
		const logged = mark();

		const polled = await trigger.poll();

		expect(polled.error).toBeUndefined();
		// Fresh from Start Date: the calls since it, once more, and none after it is saved again.
		expect(polled.ids).toEqual([first.transaction_id, later.transaction_id]);
		expect(printedSince(logged)).toMatch(/the saved poll state is not usable/);
		expect((await trigger.poll()).ids).toEqual([]);
	});
});

test('calls whose ids are names of object properties are emitted, each once', async () => {
	const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
	const startedAt = Date.now() - 20 * MINUTE;
	const calls = names.map((id, i) => write(startedAt + (i + 1) * MINUTE, id));
	const trigger = triggerPoller(
		{ ...BASE, startFrom: 'date', startDate: new Date(startedAt).toISOString() },
		() => api.credentials(),
	);

	const first = await trigger.poll();
	const second = await trigger.poll();

	expect(first.error).toBeUndefined();
	expect(first.ids).toEqual(calls.map((call) => call.transaction_id));
	expect(second.ids).toEqual([]);
});

test('a report key named __proto__ is an own key of the merged report, summed like the others', async () => {
	const JAN_1 = Date.UTC(2025, 11, 31, 17);
	const to = JAN_1 + 9 * DAY - 1;
	api.sandbox.calls.replace(generateCalls({ from: JAN_1, to, perDay: 20, seed: 5 }));
	// Three 3-day windows: the newest answers as the vendor does; the two older ones carry the key
	// (at their top level, and in an entry the newest window also has), as raw JSON parsed the way
	// a vendor answer is.
	const answer = (payload) => `{"status_code":9999,"instance_id":"sandbox","payload":${payload}}`;
	const olderWindow = (n) => (query) => Number(query.to_date) === to - n * 3 * DAY;
	api.sandbox.fault({
		path: REPORT,
		match: olderWindow(1),
		respond: {
			status: 200,
			body: answer(
				'{"categorized_by_direction":[{"_id":"inbound","total_count":1,"__proto__":{"isAdmin":true}}],"__proto__":{"total":3}}',
			),
		},
	});
	api.sandbox.fault({
		path: REPORT,
		match: olderWindow(2),
		respond: { status: 200, body: answer('{"__proto__":{"isAdmin":true,"total":2}}') },
	});

	const { json, error } = await runNode({
		parameters: {
			resource: 'call',
			operation: 'getReport',
			fromDate: new Date(JAN_1).toISOString(),
			toDate: new Date(to).toISOString(),
			options: { requestsPerSecond: 0 },
		},
		credentials: api.credentials(),
	});

	expect(error).toBeUndefined();
	expect(api.sandbox.requests.filter((r) => r.fault)).toHaveLength(2);
	const [report] = json;
	expect(Object.getPrototypeOf(report)).toBe(Object.prototype);
	expect(report.isAdmin).toBeUndefined();
	expect(Object.keys(report)).toContain('__proto__');
	expect(Object.getOwnPropertyDescriptor(report, '__proto__').value).toEqual({
		isAdmin: true,
		total: 5,
	});
	const inbound = report.categorized_by_direction.find((entry) => entry._id === 'inbound');
	expect(Object.getPrototypeOf(inbound)).toBe(Object.prototype);
	expect(inbound.isAdmin).toBeUndefined();
	expect(Object.getOwnPropertyDescriptor(inbound, '__proto__').value).toEqual({ isAdmin: true });
});
