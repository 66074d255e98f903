'use strict';
// Call History Trigger through n8n-core's poll path against the sandbox, over a scripted timeline:
// calls arrive between polls, late, on the edge of what a poll read, during an outage, after a
// restart and across a week-long gap. The union of what the polls emit is every scripted call,
// each once, oldest first.

const { useSandbox } = require('./harness/sandbox');
const { triggerPoller } = require('./harness/trigger');
const { DAY, generateVbotHistory, makeCall, random } = require('./sandbox/seed');
const { advance } = require('../dist/nodes/CallHistoryTrigger/pollState');

const api = useSandbox();
const LIST = '/api/call_transaction/list';
const MINUTE = 60_000;

const BASE = {
	source: 'callHistory',
	settleMinutes: 0,
	lookBackMinutes: 10,
	options: { requestsPerSecond: 0, maxRetries: 1 },
};

beforeEach(() => {
	api.sandbox.calls.replace([]);
	api.sandbox.vbot.replace([]);
});

let seed = 1000;
/** A call made at `ms`, stored in the sandbox (as the vendor writes it, whenever that is). */
function write(ms) {
	const call = makeCall(random(seed++), Math.round(ms), 'x');
	api.sandbox.calls.add(call);
	return call;
}

/** Polls on; remembers the static data as n8n would between polls. */
const poller = (parameters, credentials = () => api.credentials()) =>
	triggerPoller({ ...BASE, ...parameters }, credentials);

const idsOf = (calls) =>
	[...calls]
		.sort(
			(a, b) => a.created_date - b.created_date || (a.transaction_id < b.transaction_id ? -1 : 1),
		)
		.map((call) => call.transaction_id);

describe('Call History Trigger', () => {
	test('Start From Now: the calls made before activation are not emitted, the ones after are', async () => {
		const trigger = poller({});
		write(Date.now() - 5 * MINUTE);
		expect((await trigger.poll()).ids).toEqual([]);
		const after = write(trigger.state.cursor + 1);
		expect((await trigger.poll()).ids).toEqual([after.transaction_id]);
	});

	test('a scripted timeline: every call emitted once, in order, across polls, late writes, an edge, an outage and restarts', async () => {
		// Started from half an hour ago, so that calls written late still fall after the start.
		const trigger = poller({
			startFrom: 'date',
			startDate: new Date(Date.now() - 30 * MINUTE).toISOString(),
		});
		const emitted = [];
		const scripted = [];
		const step = async (calls) => {
			scripted.push(...calls);
			const polled = await trigger.poll();
			expect(polled.error).toBeUndefined();
			emitted.push(...polled.ids);
			return polled;
		};

		// The first poll emits what was made since the start.
		const history = [write(Date.now() - 40 * MINUTE), write(Date.now() - 20 * MINUTE)];
		const first = await step(history.slice(1));
		expect(first.ids).toEqual([history[1].transaction_id]);
		const activatedAt = trigger.state.cursor;

		// Calls arrive between polls: emitted oldest first.
		const arrivals = [write(activatedAt + 1), write(activatedAt + 2), write(Date.now() - 1)];
		const second = await step(arrivals);
		expect(second.ids).toEqual(idsOf(arrivals));

		// The vendor writes a call late (made 5 minutes before the last poll read up to), and calls
		// on the very edge of what the last poll read and just after it.
		const edge = trigger.state.cursor;
		const late = [write(edge - 5 * MINUTE), write(edge), write(edge + 1)];
		const third = await step(late);
		expect(third.ids).toEqual(idsOf(late));

		// An outage: the poll fails with the vendor's reason, emits nothing, and keeps the state.
		const during = [write(Date.now() - 2), write(Date.now() - 1)];
		const before = trigger.state;
		api.sandbox.fault({
			path: LIST,
			respond: { status: 503, body: { message: 'down' } },
			times: 100,
		});
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/503/);
		expect(failed.ids).toEqual([]);
		expect(trigger.state).toEqual(before);
		api.sandbox.faults.clear();
		const recovered = await step(during);
		expect(recovered.ids).toEqual(idsOf(during));

		// Restarts (every poll starts from the saved JSON) with nothing new: nothing emitted.
		for (let i = 0; i < 3; i++) expect((await step([])).ids).toEqual([]);

		// Each poll is in order (above); over all polls, every scripted call once.
		expect([...emitted].sort()).toEqual(idsOf(scripted).sort());
		expect(new Set(emitted).size).toBe(emitted.length);
	});

	test('a week-long gap is read window by window and emitted in full, oldest first, once', async () => {
		const trigger = poller({ options: { requestsPerSecond: 0, windowDays: 3 } });
		await trigger.poll();
		// n8n was down for a week: the state is the one saved by a poll a week ago.
		const weekAgo = trigger.state.cursor - 7 * DAY;
		trigger.state = { ...trigger.state, since: weekAgo + 1, cursor: weekAgo, horizon: weekAgo + 1 };
		const backlog = [];
		for (let at = weekAgo + 1; at < Date.now(); at += 47 * MINUTE) backlog.push(write(at));

		api.sandbox.reset();
		const polled = await trigger.poll();
		expect(polled.error).toBeUndefined();
		expect(polled.ids).toEqual(idsOf(backlog));
		const windows = new Set(api.sandbox.received(LIST).map((r) => r.query.from_date));
		expect(windows.size).toBe(3);
		expect((await trigger.poll()).ids).toEqual([]);
	});

	test('Start From a date: a backlog longer than a poll reads is emitted over consecutive polls', async () => {
		const start = Date.now() - 40 * DAY;
		const backlog = [];
		for (let at = start + 1; at < Date.now() - MINUTE; at += 6 * 3_600_000) backlog.push(write(at));
		write(start - 1);
		const trigger = poller({
			startFrom: 'date',
			startDate: new Date(start).toISOString(),
			options: { requestsPerSecond: 0, windowDays: 30 },
		});
		const first = await trigger.poll();
		const second = await trigger.poll();
		expect(first.ids.length).toBeGreaterThan(0);
		expect(second.ids.length).toBeGreaterThan(0);
		expect([...first.ids, ...second.ids]).toEqual(idsOf(backlog));
	});

	test('Fetch Test Event returns the newest call and leaves the state alone', async () => {
		const trigger = poller({});
		const older = write(Date.now() - 2 * DAY);
		const newest = write(Date.now() - DAY);
		const test = await trigger.poll('manual');
		expect(test.error).toBeUndefined();
		expect(test.ids).toEqual([newest.transaction_id]);
		expect(test.ids).not.toContain(older.transaction_id);
		expect(test.staticData).toEqual({});
		expect(trigger.state).toBeUndefined();
	});

	test('Simplify gives the one shape of both platforms', async () => {
		const trigger = poller({ simplify: true });
		await trigger.poll();
		const call = write(trigger.state.cursor + 1);
		const polled = await trigger.poll();
		expect(polled.json).toHaveLength(1);
		expect(polled.json[0]).toMatchObject({ platform: 'callHistory', id: call.transaction_id });
	});

	test('a refused token: a clear error, the state kept, and the token nowhere in it', async () => {
		const token = 'tok_refused_7f3a9c';
		write(Date.now() - MINUTE);
		const trigger = poller(
			{ startFrom: 'date', startDate: new Date(Date.now() - 10 * MINUTE).toISOString() },
			() => api.credentials('callHistory', token),
		);
		const polled = await trigger.poll();
		expect(polled.error).toBeDefined();
		expect(polled.error.message).toMatch(/401|token|Access Token/i);
		expect(JSON.stringify(polled.error)).not.toContain(token);
		expect(require('node:util').inspect(polled.error, { depth: 8 })).not.toContain(token);
		expect(trigger.state).toBeUndefined();
	});

	test('VBot: new records of the customer, deduplicated by their stable hash, late ones too', async () => {
		const customer = { vbotId: 'vb-trig', projectCode: 'PRJ-T', phone: '0912345000' };
		const record = (at, i) =>
			generateVbotHistory({ ...customer, count: 1, newest: at, seed: 90 + i });
		const before = record(Date.now() - 3 * MINUTE, 0);
		api.sandbox.vbot.replace([...record(Date.now() - 20 * MINUTE, 9), ...before]);
		const trigger = poller(
			{
				source: 'vbot',
				...customer,
				startFrom: 'date',
				startDate: new Date(Date.now() - 10 * MINUTE).toISOString(),
			},
			() => api.credentials('vbot'),
		);
		expect((await trigger.poll()).json).toEqual(before.map((r) => r.record));
		// Two records VBot writes late (made before the last poll read up to), newest first as VBot lists.
		const late = [record(Date.now() - MINUTE, 1), record(Date.now() - 2 * MINUTE, 2)];
		api.sandbox.vbot.add(...late);
		const second = await trigger.poll();
		expect(second.json).toEqual(
			late
				.flat()
				.reverse()
				.map((r) => r.record),
		);
		expect((await trigger.poll()).json).toEqual([]);
		// The same call written again: the same hash, not emitted again.
		api.sandbox.vbot.add(before.map((r) => ({ ...r, record: structuredClone(r.record) })));
		expect((await trigger.poll()).json).toEqual([]);
	});

	test.each([
		[{ settleMinutes: -1 }, 'Settle Delay must be a number of minutes from 0 to 1440'],
		[{ lookBackMinutes: '={{ "soon" }}' }, 'Look-Back must be a number of minutes from 0 to 10080'],
		[{ startFrom: 'date', startDate: '={{ "" }}' }, 'Start Date is empty'],
		[
			{
				source: 'vbot',
				vbotId: ' ',
				projectCode: 'p',
				phone: '1',
				startFrom: 'date',
				startDate: '2026-01-01T00:00:00+07:00',
			},
			'VBot ID is empty',
		],
	])('bad input %j is refused before any request: %s', async (parameters, message) => {
		const polled = await poller(parameters).poll();
		expect(polled.error?.message).toBe(message);
		expect(api.sandbox.requests).toEqual([]);
	});

	test('the de-duplication memory stays bounded over 10,000 polls', () => {
		// One poll a minute, three calls a minute (one of them written 5 minutes late), a 60-minute look-back.
		let state = { key: 'k', since: 0, cursor: 0, horizon: 0, seen: new Map() };
		const lookBack = 60 * MINUTE;
		let emitted = 0;
		let largest = 0;
		const written = [];
		for (let poll = 1; poll <= 10_000; poll++) {
			const now = poll * MINUTE;
			written.push(
				{ id: `a${poll}`, at: now - 30_000 },
				{ id: `b${poll}`, at: now - 1 },
				{ id: `c${poll}`, at: now - 5 * MINUTE },
			);
			const visible = written.filter((call) => call.at >= state.cursor + 1 - lookBack);
			const { emit, next } = advance(
				state,
				visible.map((c) => ({ ...c, json: {} })),
				now,
				lookBack,
			);
			emitted += emit.length;
			state = next;
			largest = Math.max(largest, state.seen.size);
			if (written.length > 500) written.splice(0, written.length - 500);
		}
		// All but the four late calls of the first four polls, made before the trigger started.
		expect(emitted).toBe(30_000 - 4);
		expect(largest).toBeLessThanOrEqual(3 * 61);
	});
});
