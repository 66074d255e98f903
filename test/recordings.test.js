'use strict';
// Download Recordings: each call's recording in the item's binary data through n8n-core's binary
// helpers, as <call id>.<ext> with its MIME type; calls without one pass through; a broken link
// is that call's error under Continue On Fail; downloads are retried like API requests.

const { useSandbox } = require('./harness/sandbox');
const { runNode, callsBetween } = require('./harness/n8n');
const { DAY, generateCalls, generateVbotHistory, makeCall, random } = require('./sandbox/seed');
const { toneWav } = require('./sandbox/recordings');

const api = useSandbox();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const VBOT = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };

const recordingPath = (url) => new URL(url).pathname;
const bytesOf = (binary) => Buffer.from(binary.data, 'base64');
const downloads = () => api.sandbox.requests.filter((r) => r.path.startsWith('/recordings/'));

function getMany(options = {}, extra = {}) {
	return runNode({
		parameters: callsBetween(JAN_1, JAN_1 + DAY, {
			// The sandbox is on 127.0.0.1: its links are private addresses.
			options: {
				downloadRecordings: true,
				allowPrivateRecordings: true,
				requestsPerSecond: 0,
				...options,
			},
		}),
		credentials: api.credentials(),
		continueOnFail: extra.continueOnFail,
	});
}

beforeEach(() =>
	api.sandbox.calls.replace(
		generateCalls({
			from: JAN_1,
			to: JAN_1 + DAY,
			perDay: 12,
			seed: 71,
			recordingBase: api.sandbox.url,
		}),
	),
);

test('Get Many: each recording as <transaction_id>.wav, audio/wav, the very bytes; calls without one pass through', async () => {
	const { items, error } = await getMany();

	expect(error).toBeUndefined();
	const calls = api.sandbox.calls.range(JAN_1, JAN_1 + DAY);
	expect(items.map((i) => i.json)).toEqual(calls);
	const recorded = calls.filter((c) => c.recording_file);
	expect(recorded.length).toBeGreaterThan(3);
	expect(recorded.length).toBeLessThan(calls.length);
	for (const [index, call] of calls.entries()) {
		const { binary } = items[index];
		if (!call.recording_file) {
			expect(binary).toBeUndefined();
			continue;
		}
		expect(binary.data).toMatchObject({
			fileName: `${call.transaction_id}.wav`,
			mimeType: 'audio/wav',
			fileExtension: 'wav',
		});
		const name = recordingPath(call.recording_file).slice('/recordings/'.length, -'.wav'.length);
		const expected = toneWav(300 + ([...name].reduce((s, c) => s + c.charCodeAt(0), 0) % 500));
		expect(bytesOf(binary.data).equals(expected)).toBe(true);
		expect(bytesOf(binary.data).subarray(0, 4).toString()).toBe('RIFF');
	}
	expect(downloads().map((r) => r.path)).toEqual(
		recorded.map((c) => recordingPath(c.recording_file)),
	);
	// A plain link: the access token is not sent with it.
	expect(downloads().every((r) => r.auth === 'missing')).toBe(true);
});

test.each([
	['no Content-Type', ''],
	['a Content-Type that is not audio', 'application/octet-stream'],
])(
	'with %s, the link’s extension gives the standard MIME type: audio/mpeg, audio/wav, audio/mp4',
	async (_, contentType) => {
		api.sandbox.settings.recordingContentType = contentType;
		const recorded = api.sandbox.calls.range(JAN_1, JAN_1 + DAY).filter((c) => c.recording_file);
		const endings = { mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/mp4' };
		const withEnding = recorded.slice(0, 3).map((call, i) => {
			const ext = Object.keys(endings)[i];
			call.recording_file = call.recording_file.replace(/\.wav$/, `.${ext}`);
			return { call, ext };
		});

		const { items, error } = await getMany();

		expect(error).toBeUndefined();
		for (const { call, ext } of withEnding) {
			const { binary } = items.find((i) => i.json.transaction_id === call.transaction_id);
			expect(binary.data).toMatchObject({
				fileName: `${call.transaction_id}.${ext}`,
				mimeType: endings[ext],
				fileExtension: ext,
			});
		}
	},
);

test('the binary field’s name is settable', async () => {
	const { items } = await getMany({ binaryPropertyName: 'audio' });

	const withRecording = items.filter((i) => i.binary);
	expect(withRecording.length).toBeGreaterThan(0);
	withRecording.forEach((i) => expect(Object.keys(i.binary)).toEqual(['audio']));
});

test('Get: the one call with its recording', async () => {
	const [call] = api.sandbox.calls.range(JAN_1, JAN_1 + DAY).filter((c) => c.recording_file);

	const { items, error } = await runNode({
		parameters: {
			resource: 'call',
			operation: 'get',
			transactionId: call.transaction_id,
			options: { downloadRecordings: true, allowPrivateRecordings: true },
		},
		credentials: api.credentials(),
	});

	expect(error).toBeUndefined();
	expect(items[0].binary.data.fileName).toBe(`${call.transaction_id}.wav`);
});

test('a download answered 503 is retried, the same link', async () => {
	const [first] = api.sandbox.calls.range(JAN_1, JAN_1 + DAY).filter((c) => c.recording_file);
	const path = recordingPath(first.recording_file);
	api.sandbox.fault({ path, respond: { status: 503, headers: { 'retry-after': '0' } } });

	const { items, error } = await getMany();

	expect(error).toBeUndefined();
	expect(downloads().filter((r) => r.path === path)).toHaveLength(2);
	expect(
		items.find((i) => i.json.transaction_id === first.transaction_id).binary.data.fileName,
	).toBe(`${first.transaction_id}.wav`);
});

describe('a broken recording link', () => {
	const broken = () => {
		const [call] = api.sandbox.calls.range(JAN_1, JAN_1 + DAY).filter((c) => c.recording_file);
		api.sandbox.brokenRecordings.add(
			recordingPath(call.recording_file).slice('/recordings/'.length, -'.wav'.length),
		);
		return call;
	};

	test('with Continue On Fail: that call carries the error, the others their recordings', async () => {
		const call = broken();

		const { items, error } = await getMany({}, { continueOnFail: true });

		expect(error).toBeUndefined();
		const failed = items.filter((i) => i.json.error);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({
			transaction_id: call.transaction_id,
			error: `The recording of call ${call.transaction_id} could not be downloaded: HTTP 404`,
		});
		expect(failed[0].binary).toBeUndefined();
		const others = items.filter((i) => i.json.recording_file && !i.json.error);
		expect(others.length).toBeGreaterThan(0);
		others.forEach((i) => expect(i.binary.data.mimeType).toBe('audio/wav'));
	});

	test('an HTML page served with HTTP 200 in place of the file is that call’s error, not a recording', async () => {
		const [call] = api.sandbox.calls.range(JAN_1, JAN_1 + DAY).filter((c) => c.recording_file);
		api.sandbox.fault({
			path: recordingPath(call.recording_file),
			respond: {
				status: 200,
				headers: { 'content-type': 'text/html; charset=utf-8' },
				body: '<html><body>Phiên đăng nhập đã hết hạn</body></html>',
			},
		});

		const { items, error } = await getMany({}, { continueOnFail: true });

		expect(error).toBeUndefined();
		const failed = items.find((i) => i.json.transaction_id === call.transaction_id);
		expect(failed.binary).toBeUndefined();
		expect(failed.json.error).toBe(
			`The recording of call ${call.transaction_id} could not be downloaded: the vendor answered a text or HTML page instead of a recording`,
		);
	});

	test('without it: the node fails and names the call', async () => {
		const call = broken();

		const { error } = await getMany();

		expect(error.message).toBe(
			`The recording of call ${call.transaction_id} could not be downloaded: HTTP 404`,
		);
	});
});

test('VBot: each record_file, named by the record’s stable id; Simplify keeps the binary', async () => {
	api.sandbox.vbot.replace(
		generateVbotHistory({
			...VBOT,
			count: 12,
			newest: JAN_1,
			seed: 72,
			recordingBase: api.sandbox.url,
		}),
	);

	const { items, error } = await runNode({
		parameters: {
			resource: 'vbotCall',
			operation: 'getMany',
			...VBOT,
			returnAll: true,
			simplify: true,
			options: { downloadRecordings: true, allowPrivateRecordings: true },
		},
		credentials: api.credentials('vbot'),
	});

	expect(error).toBeUndefined();
	const recorded = items.filter((i) => i.json.recordingUrls.length > 0);
	expect(recorded.length).toBeGreaterThan(0);
	for (const item of recorded) {
		expect(item.binary.data).toMatchObject({
			fileName: `${item.json.id}.wav`,
			mimeType: 'audio/wav',
		});
	}
	items
		.filter((i) => i.json.recordingUrls.length === 0)
		.forEach((i) => expect(i.binary).toBeUndefined());
});

test('a call id is a file name, not a path: separators become _, nothing becomes a directory', async () => {
	const ids = ['../../etc/cron.d/x', 'tenantA/1', 'tenantB/1', 'a\\b\u0000c\u001fd\u007f'];
	api.sandbox.calls.replace(
		ids.map((id, i) => {
			const call = makeCall(random(900 + i), JAN_1 + (i + 1) * 60_000, 'x');
			call.transaction_id = id;
			call.recording_file = `${api.sandbox.url}/recordings/r${i}.wav`;
			return call;
		}),
	);

	const { items, error } = await getMany();

	expect(error).toBeUndefined();
	const files = items.map(({ json, binary }) => [json.transaction_id, binary.data]);
	expect(files.map(([id, data]) => [id, data.fileName, data.directory])).toEqual(
		[
			['../../etc/cron.d/x', '.._.._etc_cron.d_x.wav', undefined],
			['tenantA/1', 'tenantA_1.wav', undefined],
			['tenantB/1', 'tenantB_1.wav', undefined],
			['a\\b\u0000c\u001fd\u007f', 'a_bcd.wav', undefined],
		].reverse(),
	);
	files.forEach(([, data]) => expect(Object.keys(data)).not.toContain('directory'));
});
