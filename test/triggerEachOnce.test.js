'use strict';
// The trigger's "each call once" where it had holes, through n8n-core's poll path against the
// sandbox: calls made just before activation, Look-Back changed on an active workflow, polls that
// overlap, and lists served in another order than newest first.

// The overlap test reads what the trigger tells n8n's debug log.
process.env.N8N_LOG_LEVEL = 'debug';

const { useSandbox } = require('./harness/sandbox');
const { pollTrigger, triggerPoller } = require('./harness/trigger');
const { mark, printedSince } = require('./harness/output');
const { generateVbotHistory, makeCall, random } = require('./sandbox/seed');

const api = useSandbox();
const LIST = '/api/call_transaction/list';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BASE = {
	source: 'callHistory',
	settleMinutes: 0,
	lookBackMinutes: 10,
	options: { requestsPerSecond: 0, maxRetries: 1 },
};
const CUSTOMER = { vbotId: 'vb-order', projectCode: 'PRJ-O', phone: '0912345111' };

const iso = (ms) => new Date(ms).toISOString();
const poller = (parameters, platform = 'callHistory') =>
	triggerPoller({ ...BASE, ...parameters }, () => api.credentials(platform));

let seed = 7000;
/** A call made at `ms`, stored in the sandbox (as the vendor writes it, whenever that is). */
function write(ms) {
	const call = makeCall(random(seed++), Math.round(ms), 'x');
	api.sandbox.calls.add(call);
	return call;
}

/** A VBot record of the customer made at `ms` (VBot keeps whole seconds), stored in the sandbox. */
function writeRecord(ms) {
	const [entry] = generateVbotHistory({ ...CUSTOMER, count: 1, newest: ms, seed: seed++ });
	api.sandbox.vbot.add(entry);
	return entry.record;
}

const idsOf = (calls) =>
	[...calls]
		.sort(
			(a, b) => a.created_date - b.created_date || (a.transaction_id < b.transaction_id ? -1 : 1),
		)
		.map((call) => call.transaction_id);

/** Waits until `done()` holds, looking every 5 ms: a wait for an event, not for an amount of time. */
async function until(done, what) {
	for (const deadline = Date.now() + 10_000; !done(); ) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

let releaseHeld = () => undefined;

beforeEach(() => {
	api.sandbox.calls.replace([]);
	api.sandbox.vbot.replace([]);
});
afterEach(() => releaseHeld());

test('Start From Now: no call made before activation is emitted, not even one within Settle Delay', async () => {
	const trigger = poller({ settleMinutes: 2 });
	const activatedFrom = Date.now();
	expect((await trigger.poll()).ids).toEqual([]);
	const activatedBy = Date.now();
	// As if activated 3 minutes ago: Settle Delay has passed since, and every call below has settled.
	const { since, cursor, horizon } = trigger.state;
	trigger.state = {
		...trigger.state,
		since: since - 3 * MINUTE,
		cursor: cursor - 3 * MINUTE,
		...(horizon === undefined ? {} : { horizon: horizon - 3 * MINUTE }),
	};
	const beforeActivation = activatedFrom - 3 * MINUTE;
	const afterActivation = activatedBy - 3 * MINUTE;
	[90_000, 30_000, 1].forEach((ms) => write(beforeActivation - ms));
	const after = [write(afterActivation + 1), write(afterActivation + 30_000)];

	const polled = await trigger.poll();

	expect(polled.error).toBeUndefined();
	expect(polled.ids).toEqual(idsOf(after));
	expect((await trigger.poll()).ids).toEqual([]);
});

describe('Look-Back changed on an active workflow', () => {
	/** A workflow started 3 hours ago that has emitted `calls`, with `lookBackMinutes`. */
	async function activeWith(lookBackMinutes, count) {
		const start = Date.now() - 3 * HOUR;
		const calls = Array.from({ length: count }, (_, i) =>
			write(start + 1 + Math.floor((i * 3 * HOUR) / count)),
		);
		const parameters = { startFrom: 'date', startDate: iso(start), lookBackMinutes };
		const trigger = poller(parameters);
		const first = await trigger.poll();
		expect(first.ids).toEqual(idsOf(calls));
		return { parameters, staticData: trigger.staticData };
	}

	/** The same workflow with Look-Back set to `lookBackMinutes`, from its saved state. */
	function changedTo(active, lookBackMinutes) {
		const trigger = poller({ ...active.parameters, lookBackMinutes });
		trigger.staticData = active.staticData;
		return trigger;
	}

	test('raised from 60 to 180 minutes: nothing emitted twice, a call written late emitted once', async () => {
		const active = await activeWith(60, 200);
		const raised = changedTo(active, 180);
		const late = write(Date.now() - 30 * MINUTE);

		const polled = await raised.poll();

		expect(polled.error).toBeUndefined();
		expect(polled.ids).toEqual([late.transaction_id]);
		expect((await raised.poll()).ids).toEqual([]);
	});

	test('lowered from 180 to 60 minutes: a call written late within the old look-back is not lost', async () => {
		const active = await activeWith(180, 50);
		const lowered = changedTo(active, 60);
		const late = write(Date.now() - 100 * MINUTE);

		const polled = await lowered.poll();

		expect(polled.error).toBeUndefined();
		expect(polled.ids).toEqual([late.transaction_id]);
		expect((await lowered.poll()).ids).toEqual([]);
	});
});

test('a poll that starts while the previous one still runs reads nothing, says so in the debug log, and the state moves once', async () => {
	const parameters = { ...BASE, startFrom: 'date', startDate: iso(Date.now() - 10 * MINUTE) };
	const calls = Array.from({ length: 20 }, (_, i) => write(Date.now() - 9 * MINUTE + i * 1000));
	// The first poll's list request is held until the test lets it go.
	const held = new Promise((resolve) => (releaseHeld = resolve));
	api.sandbox.fault({ path: LIST, respond: { until: held } });
	const credentials = api.credentials();

	const first = pollTrigger({ parameters, credentials, staticData: {} });
	await until(() => api.sandbox.received(LIST).length === 1, "the first poll's request");
	const logged = mark();
	const second = await pollTrigger({ parameters, credentials, staticData: {} });

	expect(second.error).toBeUndefined();
	expect(second.json).toEqual([]);
	expect(second.staticData).toEqual({});
	expect(api.sandbox.received(LIST)).toHaveLength(1);
	expect(printedSince(logged)).toMatch(/previous poll of this workflow and node is still running/);

	releaseHeld();
	const done = await first;
	expect(done.error).toBeUndefined();
	expect(done.json.map((call) => call.transaction_id)).toEqual(idsOf(calls));
	const after = await pollTrigger({ parameters, credentials, staticData: done.staticData });
	expect(after.error).toBeUndefined();
	expect(after.json).toEqual([]);
});

describe.each(['newest', 'oldest', 'shuffled'])('lists served %s first', (order) => {
	beforeEach(() => {
		Object.assign(api.sandbox.settings, { listOrder: order, vbotOrder: order });
	});

	test('Call History: a backlog read in one poll emits every call once, one written late while it pages too', async () => {
		// 130 calls of a day, 3 pages of one window, all older than the look-back.
		const start = Date.now() - 2 * 24 * HOUR;
		const calls = Array.from({ length: 130 }, (_, i) => write(start + 1 + i * 10 * MINUTE));
		// While page 3 is fetched, the vendor writes a call that lands on page 2 as it serves pages.
		const servedOrder = order === 'oldest' ? calls : [...calls].reverse();
		const [a, b] = [servedOrder[74], servedOrder[75]];
		let late;
		api.sandbox.fault({
			path: LIST,
			match: (query) => query.page === '3',
			respond: {
				before: () => (late = write((a.created_date + b.created_date) / 2)),
			},
		});
		const trigger = poller({ startFrom: 'date', startDate: iso(start) });

		const polled = await trigger.poll();

		expect(polled.error).toBeUndefined();
		expect(late).toBeDefined();
		expect(polled.ids).toEqual(idsOf([...calls, late]));
		expect((await trigger.poll()).ids).toEqual([]);
	});

	test('VBot: the records made since the start, then each new one, once', async () => {
		const now = Date.now();
		const older = Array.from({ length: 90 }, (_, i) => writeRecord(now - 5 * HOUR - i * MINUTE));
		const inRange = Array.from({ length: 20 }, (_, i) => writeRecord(now - 2 * HOUR + i * MINUTE));
		const trigger = poller(
			{ source: 'vbot', ...CUSTOMER, startFrom: 'date', startDate: iso(now - 3 * HOUR) },
			'vbot',
		);

		const first = await trigger.poll();
		const fresh = Array.from({ length: 5 }, (_, i) => writeRecord(Date.now() - 60_000 + i * 1000));
		const second = await trigger.poll();
		const third = await trigger.poll();

		expect(older).toHaveLength(90);
		expect([first.error, second.error, third.error]).toEqual([undefined, undefined, undefined]);
		expect(first.json).toEqual(inRange);
		expect(second.json).toEqual(fresh);
		expect(third.json).toEqual([]);
	});

	test('Fetch Test Event returns the newest call, and the newest VBot record', async () => {
		const calls = Array.from({ length: 80 }, (_, i) => write(Date.now() - 2 * HOUR + i * MINUTE));
		const records = Array.from({ length: 80 }, (_, i) =>
			writeRecord(Date.now() - 2 * HOUR + i * MINUTE),
		);

		const call = await poller({}).poll('manual');
		const record = await poller({ source: 'vbot', ...CUSTOMER }, 'vbot').poll('manual');

		expect(call.error).toBeUndefined();
		expect(call.ids).toEqual([calls.at(-1).transaction_id]);
		expect(record.error).toBeUndefined();
		expect(record.json).toEqual([records.at(-1)]);
	});
});
