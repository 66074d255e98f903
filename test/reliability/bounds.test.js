'use strict';
// Vendor answers that would never end: a recording or an answer too large to hold, a server
// dripping a byte at a time, and paging that keeps saying "more". Each is cut off at a bound the
// node names: Max Recording Size, 64 MiB per answer, Timeout as the deadline of the whole exchange,
// the list's own totals, a page that repeats, and 100,000 calls per item or per poll.

const { useSandbox } = require('../harness/sandbox');
const { runNode, callsBetween, ids } = require('../harness/n8n');
const { triggerPoller } = require('../harness/trigger');
const { envelope } = require('../sandbox/callHistoryApi');
const { DAY, generateCalls, generateVbotHistory, makeCall, random } = require('../sandbox/seed');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const LIST = '/api/call_transaction/list';
const MiB = 1024 * 1024;
const unpaced = { requestsPerSecond: 0, maxRetries: 0 };

const listRequests = () => api.sandbox.received(LIST);
const getMany = (options = {}, extra = {}) =>
	runNode({
		parameters: callsBetween(JAN_1, JAN_1 + DAY, { options: { ...unpaced, ...options } }),
		credentials: api.credentials(),
		...extra,
	});

/** A list answer of `calls` with this paging block. */
const page = (calls, paging) => ({
	status: 200,
	body: envelope({
		items: calls,
		total_items: paging.items,
		total_pages: paging.pages,
		has_next: true,
	}),
});

let seed = 3000;
const freshCalls = (count) =>
	Array.from({ length: count }, () => makeCall(random(seed++), JAN_1 + 1000, 'x'));

describe('recordings and answers are bounded, and Timeout is a deadline', () => {
	beforeEach(() =>
		api.sandbox.calls.replace(
			generateCalls({
				from: JAN_1,
				to: JAN_1 + DAY,
				perDay: 6,
				seed: 81,
				recordingBase: api.sandbox.url,
			}),
		),
	);
	const recorded = () =>
		api.sandbox.calls.range(JAN_1, JAN_1 + DAY).filter((c) => c.recording_file);
	const recordingPath = (call) => new URL(call.recording_file).pathname;
	const recordingOptions = { downloadRecordings: true, allowPrivateRecordings: true };

	test('a 300 MiB recording announced by its Content-Length is refused before it is read', async () => {
		const [call] = recorded();
		api.sandbox.fault({
			path: recordingPath(call),
			respond: { stream: { bytes: 300 * MiB, chunkBytes: MiB, contentType: 'audio/wav' } },
		});

		const { error } = await getMany(recordingOptions);

		expect(error?.message).toBe(
			`The recording of call ${call.transaction_id} could not be downloaded: it is larger than Max Recording Size (200 MB)`,
		);
		const [download] = api.sandbox.received(recordingPath(call));
		expect(download.sentBytes).toBeLessThan(100 * MiB);
	});

	test('a recording without a Content-Length is cut off as soon as it passes Max Recording Size', async () => {
		const [call] = recorded();
		api.sandbox.fault({
			path: recordingPath(call),
			respond: { stream: { bytes: 200 * MiB, chunkBytes: MiB, contentLength: false } },
		});

		const { items, error } = await getMany(
			{ ...recordingOptions, maxRecordingMb: 5 },
			{ continueOnFail: true },
		);

		expect(error).toBeUndefined();
		const failed = items.find((i) => i.json.transaction_id === call.transaction_id);
		expect(failed.json.error).toBe(
			`The recording of call ${call.transaction_id} could not be downloaded: it is larger than Max Recording Size (5 MB)`,
		);
		const [download] = api.sandbox.received(recordingPath(call));
		expect(download.sentBytes).toBeGreaterThan(5 * MiB);
		expect(download.sentBytes).toBeLessThan(100 * MiB);
		// The others still carry theirs.
		expect(items.filter((i) => i.binary).length).toBe(recorded().length - 1);
	});

	test('a recording dripping a byte every 0.5 s is cut off at Timeout', async () => {
		const [call] = recorded();
		api.sandbox.fault({
			path: recordingPath(call),
			respond: { stream: { bytes: 200, chunkBytes: 1, everyMs: 500, contentType: 'audio/wav' } },
		});

		const { error } = await getMany({ ...recordingOptions, timeout: 2 });

		expect(error?.message).toBe(
			`The recording of call ${call.transaction_id} could not be downloaded: it did not arrive within Timeout (2 s)`,
		);
		const [download] = api.sandbox.received(recordingPath(call));
		expect(download.sentBytes).toBeLessThan(20);
	});

	test('an API answer larger than 64 MiB is refused as it arrives', async () => {
		api.sandbox.fault({
			path: LIST,
			respond: { stream: { bytes: 70 * MiB, chunkBytes: MiB, contentType: 'application/json' } },
		});

		const { error } = await getMany();

		expect(error?.message).toMatch(
			/^The Call History API sent an answer that is larger than 64 MiB/,
		);
		expect(listRequests()[0].sentBytes).toBeLessThan(70 * MiB);
	});

	test('an API answer dripping a byte every 0.5 s is cut off at Timeout, and retried', async () => {
		api.sandbox.fault({
			path: LIST,
			respond: {
				stream: { bytes: 200, chunkBytes: 1, everyMs: 500, contentType: 'application/json' },
			},
		});

		const { json, error } = await getMany({ timeout: 2, maxRetries: 1 });

		expect(error).toBeUndefined();
		expect(ids(json)).toEqual(ids(api.sandbox.calls.range(JAN_1, JAN_1 + DAY)));
		expect(listRequests()[0].sentBytes).toBeLessThan(20);
		expect(listRequests()).toHaveLength(2);
	});
});

describe('paging that never ends', () => {
	test('the same page again and again with has_next: the window stops at the second page', async () => {
		const same = freshCalls(50);
		api.sandbox.fault({
			path: LIST,
			times: 1000,
			respond: { answer: () => page(same, { items: 50_000, pages: 1000 }) },
		});

		const { error } = await getMany();

		expect(error?.message).toMatch(
			/^The Call History API sent an answer that repeats calls of earlier pages only, yet says more pages follow/,
		);
		expect(error.description).toMatch(/page 2/);
		expect(listRequests()).toHaveLength(2);
	});

	test('fresh calls on every page past the totals it announced: the window stops past them', async () => {
		api.sandbox.fault({
			path: LIST,
			times: 1000,
			respond: { answer: () => page(freshCalls(50), { items: 50, pages: 1 }) },
		});

		const { error } = await getMany();

		expect(error?.message).toMatch(
			/^The Call History API sent an answer that keeps announcing more pages than its own totals \(1 pages at first\)/,
		);
		expect(listRequests()).toHaveLength(3);
	});

	test('fresh calls on every page under huge totals: Get Many stops at 100,000 calls, page by page', async () => {
		api.sandbox.fault({
			path: LIST,
			times: 5000,
			respond: { answer: () => page(freshCalls(50), { items: 5e10, pages: 1e9 }) },
		});

		const { error } = await getMany();

		expect(error?.message).toBe(
			'More than 100,000 calls for one input item, more than n8n can output from one node run',
		);
		expect(listRequests()).toHaveLength(2001);
	}, 60_000);

	test('the trigger stops at 100,000 calls in one poll, and saves nothing', async () => {
		api.sandbox.fault({
			path: LIST,
			times: 5000,
			respond: { answer: () => page(freshCalls(50), { items: 5e10, pages: 1e9 }) },
		});
		const trigger = triggerPoller(
			{
				source: 'callHistory',
				startFrom: 'date',
				startDate: new Date(Date.now() - 2 * DAY).toISOString(),
				settleMinutes: 0,
				options: unpaced,
			},
			() => api.credentials(),
		);

		const polled = await trigger.poll();

		expect(polled.error?.message).toBe(
			'More than 100,000 calls in one poll, more than the trigger holds at once',
		);
		expect(trigger.state).toBeUndefined();
		expect(listRequests().length).toBeLessThan(2100);
	}, 60_000);
});

describe('a VBot call with many recording links is bounded as one call', () => {
	const VBOT = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };
	/** One recorded VBot call whose record_file lists `count` links; answers their paths. */
	const callWithLinks = (count) => {
		const history = generateVbotHistory({
			...VBOT,
			count: 12,
			newest: JAN_1,
			seed: 72,
			recordingBase: api.sandbox.url,
		});
		const recorded = history.find(({ record }) => record.record_file.length > 0);
		const paths = Array.from({ length: count }, (_, i) => `/recordings/many-${i + 1}.wav`);
		recorded.record.record_file = paths.map((path) => `${api.sandbox.url}${path}`);
		api.sandbox.vbot.replace([recorded]);
		return paths;
	};
	const vbotGetMany = (options) =>
		runNode({
			parameters: {
				resource: 'vbotCall',
				operation: 'getMany',
				...VBOT,
				returnAll: true,
				simplify: true,
				options: { downloadRecordings: true, allowPrivateRecordings: true, ...unpaced, ...options },
			},
			credentials: api.credentials('vbot'),
			continueOnFail: true,
		});
	const downloads = (paths) => paths.flatMap((path) => api.sandbox.received(path));

	test('11 links: refused before any download, naming the call and the bound of 10', async () => {
		const paths = callWithLinks(11);

		const { items, error } = await vbotGetMany({});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toBe(
			`The recording of call ${items[0].json.id} could not be downloaded: it has 11 recording links, more than the 10 the node downloads for one call`,
		);
		expect(items[0].binary).toBeUndefined();
		expect(downloads(paths)).toEqual([]);
	});

	test('10 links are downloaded, as data … data_10', async () => {
		callWithLinks(10);

		const { items, error } = await vbotGetMany({});

		expect(error).toBeUndefined();
		expect(Object.keys(items[0].binary)).toEqual([
			'data',
			...Array.from({ length: 9 }, (_, i) => `data_${i + 2}`),
		]);
	});

	test('Max Recording Size bounds the call’s recordings together: the third 400 KiB of 1 MB is refused', async () => {
		const paths = callWithLinks(3);
		for (const path of paths) {
			api.sandbox.fault({
				path,
				respond: { stream: { bytes: 400 * 1024, chunkBytes: 64 * 1024, contentType: 'audio/wav' } },
			});
		}

		const { items, error } = await vbotGetMany({ maxRecordingMb: 1 });

		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe(
			`The recording of call ${items[0].json.id} could not be downloaded: its recordings together are larger than Max Recording Size (1 MB)`,
		);
		expect(items[0].binary).toBeUndefined();
		// Each asked once: a call over its budget is not retried.
		expect(paths.map((path) => api.sandbox.received(path).length)).toEqual([1, 1, 1]);
	});
});

test('a backlog of 25,000 calls: each poll emits at most 10,000, oldest first, and together every call once', async () => {
	const start = Date.now() - 5 * DAY;
	const backlog = generateCalls({ from: start, to: Date.now() - 60_000, perDay: 5000, seed: 91 });
	api.sandbox.calls.replace(backlog);
	const trigger = triggerPoller(
		{
			source: 'callHistory',
			startFrom: 'date',
			startDate: new Date(start).toISOString(),
			settleMinutes: 0,
			lookBackMinutes: 10,
			options: { ...unpaced, windowDays: 3 },
		},
		() => api.credentials(),
	);

	const emitted = [];
	const sizes = [];
	for (let poll = 0; poll < 5; poll++) {
		const polled = await trigger.poll();
		expect(polled.error).toBeUndefined();
		sizes.push(polled.ids.length);
		emitted.push(...polled.ids);
	}

	expect(backlog.length).toBeGreaterThan(24_000);
	expect(sizes.every((size) => size <= 10_000)).toBe(true);
	// The first poll reads nothing twice; later ones also read their look-back again.
	expect(sizes[0]).toBe(10_000);
	expect(sizes.filter((size) => size > 0)).toHaveLength(3);
	expect(sizes.at(-1)).toBe(0);
	const inOrder = [...backlog]
		.sort(
			(a, b) => a.created_date - b.created_date || (a.transaction_id < b.transaction_id ? -1 : 1),
		)
		.map((call) => call.transaction_id);
	expect(emitted).toEqual(inOrder);
}, 60_000);

test('a look-back holding more than 10,000 calls already emitted does not stall the trigger', async () => {
	// A week of 12,000 calls, all emitted, and a look-back of a week: each poll reads them again.
	const start = Date.now() - 7 * DAY;
	api.sandbox.calls.replace(
		generateCalls({ from: start + 1, to: Date.now() - 60 * 60_000, perDay: 1715, seed: 92 }),
	);
	const trigger = triggerPoller(
		{
			source: 'callHistory',
			startFrom: 'date',
			startDate: new Date(start).toISOString(),
			settleMinutes: 0,
			lookBackMinutes: 7 * 24 * 60,
			options: { ...unpaced, windowDays: 3 },
		},
		() => api.credentials(),
	);
	const backlog = [];
	for (let poll = 0; poll < 3; poll++) backlog.push(...(await trigger.poll()).ids);
	expect(backlog).toHaveLength(api.sandbox.calls.size);
	const cursor = trigger.state.cursor;
	const fresh = Array.from({ length: 100 }, (_, i) =>
		makeCall(random(7000 + i), Date.now() - 1000 + i, 'x'),
	);
	api.sandbox.calls.add(fresh);

	const polled = await trigger.poll();

	expect(polled.error).toBeUndefined();
	expect(polled.ids.sort()).toEqual(fresh.map((call) => call.transaction_id).sort());
	expect(trigger.state.cursor).toBeGreaterThanOrEqual(cursor);
}, 120_000);
