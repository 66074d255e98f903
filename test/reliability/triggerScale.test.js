'use strict';
// A busy account and a hostile one, as the trigger meets them: a week of calls already emitted
// read again in the look-back on every poll, a window that never ends after others were read, and
// ids of any length. The trigger keeps moving, and what it saves stays small.

const { useSandbox } = require('../harness/sandbox');
const { triggerPoller } = require('../harness/trigger');
const { mark, printedSince } = require('../harness/output');
const { envelope } = require('../sandbox/callHistoryApi');
const { DAY, generateCalls, makeCall, random } = require('../sandbox/seed');

const api = useSandbox();
const MINUTE = 60_000;
const LIST = '/api/call_transaction/list';
const unpaced = { requestsPerSecond: 0, maxRetries: 0 };

const pollerFrom = (start, extra = {}) =>
	triggerPoller(
		{
			source: 'callHistory',
			startFrom: 'date',
			startDate: new Date(start).toISOString(),
			settleMinutes: 0,
			lookBackMinutes: 10,
			options: unpaced,
			...extra,
		},
		() => api.credentials(),
	);

let seed = 9000;
const callAt = (ms) => makeCall(random(seed++), Math.round(ms), 'x');

test('a week of 105,000 calls already emitted, read again in the look-back, does not stop the trigger', async () => {
	const start = Date.now() - 7 * DAY;
	const week = generateCalls({
		from: start + 1,
		to: Date.now() - 10 * MINUTE,
		perDay: 15_000,
		seed: 93,
	});
	api.sandbox.calls.replace(week);
	const trigger = pollerFrom(start, { lookBackMinutes: 7 * 24 * 60 });
	// The state of a trigger that has emitted every call of the week, as a busy account's has.
	await trigger.poll();
	trigger.state = {
		...trigger.state,
		cursor: Date.now() - 5 * MINUTE,
		horizon: start,
		seen: week.map((call) => [call.transaction_id, call.created_date]),
	};
	const fresh = Array.from({ length: 100 }, (_, i) => callAt(Date.now() - 1000 + i));
	api.sandbox.calls.add(fresh);

	const polled = await trigger.poll();

	expect(week.length).toBeGreaterThan(100_000);
	expect(polled.error).toBeUndefined();
	expect(polled.ids.sort()).toEqual(fresh.map((call) => call.transaction_id).sort());
}, 180_000);

test('a window that passes 100,000 calls after others were read: the poll emits those, moves past them, and the next poll fails', async () => {
	const start = Date.now() - 2 * DAY;
	const older = Array.from({ length: 60 }, (_, i) => callAt(start + (i + 1) * 10 * MINUTE));
	api.sandbox.calls.replace(older);
	// The newest day answers fresh calls on every page under totals it never reaches.
	const newestDay = Date.now() - 1.5 * DAY;
	api.sandbox.fault({
		path: LIST,
		times: 10_000,
		match: (query) => Number(query.from_date) > newestDay,
		respond: {
			answer: () => ({
				status: 200,
				body: envelope({
					items: Array.from({ length: 50 }, () => callAt(Date.now() - DAY)),
					total_items: 5e10,
					total_pages: 1e9,
					has_next: true,
				}),
			}),
		},
	});
	const trigger = pollerFrom(start, { options: { ...unpaced, windowDays: 1 } });
	const logged = mark();

	const first = await trigger.poll();

	expect(first.error).toBeUndefined();
	expect(first.ids).toEqual(older.map((call) => call.transaction_id));
	expect(printedSince(logged)).toMatch(
		/More than 100,000 calls in one poll.*this poll emits the calls read before it/,
	);
	const cursor = trigger.state.cursor;
	expect(cursor).toBeGreaterThanOrEqual(older.at(-1).created_date);
	// The end of the older day's window: the newest day is read again by the next poll.
	expect(cursor).toBeLessThan(Date.now() - DAY);

	const second = await trigger.poll();

	expect(second.error?.message).toBe(
		'More than 100,000 calls in one poll, more than the trigger holds at once',
	);
	expect(trigger.state.cursor).toBe(cursor);
}, 180_000);

test('ids of 10,000 characters are remembered by their hash: the saved state stays small, and each call is emitted once', async () => {
	const start = Date.now() - 30 * MINUTE;
	const calls = [1, 2, 3].map((n) => {
		const call = callAt(start + n * MINUTE);
		call.transaction_id = `${n}`.repeat(10_000);
		return call;
	});
	api.sandbox.calls.replace(calls);
	// A look-back over the calls: the state remembers them, and the next poll reads them again.
	const trigger = pollerFrom(start, { lookBackMinutes: 60 });

	const first = await trigger.poll();
	const second = await trigger.poll();

	expect(first.error).toBeUndefined();
	expect(first.ids).toEqual(calls.map((call) => call.transaction_id));
	expect(second.ids).toEqual([]);
	expect(JSON.stringify(trigger.staticData).length).toBeLessThan(1000);
});
