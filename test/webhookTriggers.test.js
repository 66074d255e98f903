'use strict';
// The webhook triggers through n8n-core (HookContext for activation, WebhookContext for each
// delivery, test/harness/webhook.js) against the sandbox's webhook API and its deliveries.

const { useOtherHost } = require('./harness/otherHost');
const { useSandbox } = require('./harness/sandbox');
const { webhookTrigger } = require('./harness/webhook');
const { vbotBodies, makeVbotCall } = require('./sandbox/webhooks');
const { toneAnswer } = require('./sandbox/recordings');
const { random } = require('./sandbox/seed');

const api = useSandbox();
const other = useOtherHost();
const ANSWERED_SEED = 5;
const omicall = () => ({ platform: 'callHistory', ...api.credentials('callHistory') });
const SECRET = 'webhook-secret-value';
const vbot = (more) => ({ platform: 'vbot', ...api.credentials('vbot'), ...more });

async function started(vendor, parameters, credentials) {
	const trigger = await webhookTrigger(vendor, parameters, credentials).start();
	opened.push(trigger);
	return trigger;
}
const opened = [];
afterEach(async () => {
	await Promise.all(opened.splice(0).map((trigger) => trigger.close()));
});

const registration = () => api.sandbox.webhooks.omicall.get('call');

describe('OMICall Webhook Trigger', () => {
	const HANGUP = { events: ['hangup'], simplify: true, options: {} };

	test('activation registers its URL with the events picked; each ended call starts one execution, in the simplified shape', async () => {
		const trigger = await started('omicall', HANGUP, omicall);
		await trigger.activate();
		expect(registration()).toMatchObject({ url: trigger.url, type: 'call', events: ['hangup'] });
		const { call } = await api.sandbox.omicallCall({ seed: ANSWERED_SEED });
		expect(trigger.items()).toHaveLength(1);
		const [item] = trigger.items();
		expect(item).toMatchObject({
			event: 'hangup',
			callId: call.transaction_id,
			id: call.transaction_id,
			platform: 'callHistory',
		});
		expect(item.body).toBeUndefined();
	});

	test('ringing, answered and hangup in order, each once though OMICall delivers each twice', async () => {
		const events = ['ringing', 'answered', 'hangup'];
		const trigger = await started('omicall', { ...HANGUP, events, simplify: false }, omicall);
		await trigger.activate();
		const { call } = await api.sandbox.omicallCall({ seed: ANSWERED_SEED, duplicates: 1 });
		expect(api.sandbox.deliveries.filter((d) => d.vendor === 'omicall')).toHaveLength(6);
		expect(trigger.items().map((item) => item.event)).toEqual(events);
		for (const item of trigger.items()) {
			expect(item.callId).toBe(call.transaction_id);
			expect(item.body.transaction_id).toBe(call.transaction_id);
		}
	});

	test("another URL's registration is not taken over: activation fails naming it, unless Replace Existing Webhook is on", async () => {
		const other = await started('omicall', HANGUP, omicall);
		await other.activate();
		const trigger = await started('omicall', HANGUP, omicall);
		await expect(trigger.activate()).rejects.toThrow(
			`The OMICall account already sends its call events to ${other.url}`,
		);
		expect(registration().url).toBe(other.url);

		trigger.parameters = { ...HANGUP, replaceExisting: true };
		await trigger.activate();
		expect(registration().url).toBe(trigger.url);
		// The replaced workflow's deactivation leaves the registration that is no longer its own.
		await other.deactivate();
		expect(registration().url).toBe(trigger.url);
		await trigger.deactivate();
		expect(registration()).toBeUndefined();
	});

	test('a test listener never takes over a registration, even with Replace Existing Webhook on', async () => {
		const active = await started('omicall', HANGUP, omicall);
		await active.activate();
		const parameters = { ...HANGUP, replaceExisting: true };
		const listener = await webhookTrigger('omicall', parameters, omicall, {
			mode: 'manual',
		}).start();
		opened.push(listener);
		await expect(listener.activate()).rejects.toThrow(
			`The OMICall account already sends its call events to ${active.url}: listening for a test event would take it over`,
		);
		expect(registration().url).toBe(active.url);
		expect(api.sandbox.received('/api/webhooks/register')).toHaveLength(1);
	});

	test('an activation that finds its own registration with the same events registers nothing again', async () => {
		const trigger = await started('omicall', HANGUP, omicall);
		await trigger.activate();
		await trigger.activate();
		expect(api.sandbox.received('/api/webhooks/register')).toHaveLength(1);
	});

	test('a VBot credential is refused before any request', async () => {
		const trigger = await started('omicall', HANGUP, () => vbot());
		await expect(trigger.activate()).rejects.toThrow('This credential is for VBot v2');
		expect(api.sandbox.received('/api/webhooks/list')).toHaveLength(0);
	});

	test('a body that is not a JSON object gets 400, one over 1 MB 413, one of no known event nothing unless asked', async () => {
		const trigger = await started('omicall', HANGUP, omicall);
		const send = (body, headers) => api.sandbox.deliverRaw(trigger.url, { body, headers });
		expect((await send('[1, 2]')).status).toBe(400);
		expect((await send('"hangup"')).status).toBe(400);
		expect((await send(`{"pad": "${'x'.repeat(1024 * 1024)}"}`)).status).toBe(413);
		expect((await send('{"transaction_id": "t-1"}')).status).toBe(200);
		expect(trigger.executions).toHaveLength(0);

		trigger.parameters = { ...HANGUP, options: { includeUnknown: true } };
		await send('{"transaction_id": "t-1", "<b>": "x"}');
		expect(trigger.items()).toEqual([
			{ event: 'unknown', callId: 't-1', body: { transaction_id: 't-1', '<b>': 'x' } },
		]);
	});

	test('unknown bodies of one call each start the workflow, told apart by the whole body; a repeat of one does not', async () => {
		const trigger = await started(
			'omicall',
			{ ...HANGUP, options: { includeUnknown: true } },
			omicall,
		);
		await trigger.activate();
		const bodies = ['ringing', 'answered', 'hangup', 'hangup'].map((state) =>
			JSON.stringify({ kind: state, transaction_id: 't-2' }),
		);
		for (const body of bodies) await api.sandbox.deliverRaw(trigger.url, { body });
		expect(trigger.items().map((item) => [item.event, item.callId, item.body.kind])).toEqual([
			['unknown', 't-2', 'ringing'],
			['unknown', 't-2', 'answered'],
			['unknown', 't-2', 'hangup'],
		]);
	});
});

describe('VBot Webhook Trigger', () => {
	const LOG = { events: ['MANUAL_CALL_LOG'], simplify: true, options: {} };
	const consoleSet = (url, events) =>
		api.sandbox.setVbotWebhook({ url, headerName: 'Authorization', headerValue: SECRET, events });

	test("a request without the credential's Auth header, or with another value, gets 401 and starts nothing", async () => {
		const trigger = await started('vbot', LOG, () => vbot({ webhookHeaderValue: SECRET }));
		const body = JSON.stringify(vbotBodies.MANUAL_CALL_LOG(makeVbotCall(random(3), {})));
		for (const headers of [{}, { authorization: 'wrong' }, { authorization: `${SECRET}x` }]) {
			const answer = await api.sandbox.deliverRaw(trigger.url, { body, headers });
			expect(answer.status).toBe(401);
			expect(answer.body).not.toContain(SECRET);
		}
		expect(trigger.executions).toHaveLength(0);
		const answer = await api.sandbox.deliverRaw(trigger.url, {
			body,
			headers: { authorization: SECRET },
		});
		expect(answer.status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});

	test('each documented body is told by its shape, and named as the user picked', async () => {
		const events = [
			'MANUAL_CALL_LOG',
			'MANUAL_CALL_RECORDING',
			'MANUAL_CALL_AI_EXTRACTION',
			'MANUAL_CALL_COMPLETE',
		];
		const trigger = await started('vbot', { ...LOG, events }, () =>
			vbot({ webhookHeaderValue: SECRET }),
		);
		consoleSet(trigger.url, events);
		const { call } = await api.sandbox.vbotCall({ kind: 'manual', seed: 4, answered: true });
		expect(trigger.items().map((item) => [item.event, item.callId])).toEqual(
			events.map((event) => [event, call.transId]),
		);
		const complete = trigger.items()[3];
		expect(complete).toMatchObject({ platform: 'vbot', id: call.transId });
		expect(complete.recordingUrls).toHaveLength(1);
	});

	test('a bot call: its log, its recording picked as AUTO_CALL_RECORDING, each once through duplicates', async () => {
		const events = ['AUTO_CALL_LOG', 'AUTO_CALL_RECORDING'];
		const trigger = await started('vbot', { ...LOG, events }, () =>
			vbot({ webhookHeaderValue: SECRET }),
		);
		consoleSet(trigger.url, events);
		await api.sandbox.vbotCall({ kind: 'auto', seed: 6, answered: true, duplicates: 2 });
		expect(trigger.items().map((item) => item.event)).toEqual(events);
	});

	test('the deprecated HISTORY_CALL is the v2 record, simplified as the customer history is', async () => {
		const trigger = await started('vbot', { ...LOG, events: ['HISTORY_CALL'] }, () => vbot());
		consoleSet(trigger.url, ['HISTORY_CALL']);
		const { call } = await api.sandbox.vbotCall({ kind: 'history', seed: 8 });
		const groupId = vbotBodies.HISTORY_CALL(call).group_id;
		const [item] = trigger.items();
		// As Get Many of the customer history knows the call: by group_id.
		expect(item).toMatchObject({ event: 'HISTORY_CALL', callId: groupId, id: groupId });
		expect(item.startedAt).not.toBeNull();
	});

	test('IN_COMINGCALL, whose body is not published, arrives as unknown when picked', async () => {
		const trigger = await started('vbot', { ...LOG, events: ['IN_COMINGCALL'] }, () => vbot());
		consoleSet(trigger.url, ['IN_COMINGCALL']);
		const { body } = await api.sandbox.vbotIncoming({ seed: 2 });
		expect(trigger.items()).toEqual([{ event: 'unknown', callId: '', body }]);
	});

	test('an OMICall credential fails activation', async () => {
		const trigger = await started('vbot', LOG, omicall);
		await expect(trigger.activate()).rejects.toThrow(
			"this trigger receives VBot's webhooks: pick or create a VBot credential",
		);
	});

	test('a credential saved before Platform (VBot by its Base URL) whose Auth header n8n hides: activation fails, and a delivery gets 401', async () => {
		const legacy = () => {
			const saved = vbot({ webhookHeaderValue: SECRET });
			delete saved.platform;
			return saved;
		};
		const trigger = await started('vbot', LOG, legacy);
		await expect(trigger.activate()).rejects.toThrow(
			"This credential's Platform reads OMICall (it was saved before the field existed), so n8n does not read its Webhook Auth Header",
		);
		const body = JSON.stringify(vbotBodies.MANUAL_CALL_LOG(makeVbotCall(random(3), {})));
		const answer = await api.sandbox.deliverRaw(trigger.url, {
			body,
			headers: { authorization: SECRET },
		});
		expect(answer.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('Download Recordings on events', () => {
	const RECORDING = {
		events: ['MANUAL_CALL_RECORDING'],
		simplify: true,
		options: { downloadRecordings: true },
	};
	const MiB = 1024 * 1024;
	const recordPath = (transId) => `/api/crm/historycall/record/${transId}`;
	const served = (name) => toneAnswer(name, api.sandbox.settings).body;
	const bytesOf = (binary) => Buffer.from(binary.data, 'base64');

	async function vbotTrigger(options, credentials = () => vbot({ webhookHeaderValue: SECRET })) {
		const parameters = { ...RECORDING, options: { ...RECORDING.options, ...options } };
		const trigger = await started('vbot', parameters, credentials);
		api.sandbox.setVbotWebhook({
			url: trigger.url,
			headerValue: SECRET,
			events: RECORDING.events,
		});
		return trigger;
	}
	/** One MANUAL_CALL_RECORDING body, as VBot sends it, with `recordUrl`; its delivery's answer. */
	const sendRecording = (trigger, transId, recordUrl) =>
		api.sandbox.deliverRaw(trigger.url, {
			body: JSON.stringify({ transId, externalCallId: '', recordUrl }),
			headers: { authorization: SECRET },
		});

	test("VBot's MANUAL_CALL_RECORDING: the file VBot's record endpoint served, asked below Base URL with the credential", async () => {
		const trigger = await vbotTrigger();
		const { call, deliveries } = await api.sandbox.vbotCall({
			kind: 'manual',
			seed: 4,
			answered: true,
		});

		expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const [item] = trigger.executions.flat();
		expect(item.json).toEqual({
			event: 'MANUAL_CALL_RECORDING',
			callId: call.transId,
			body: {
				transId: call.transId,
				externalCallId: call.externalCallId,
				recordUrl: call.recordUrl,
			},
		});
		expect(item.binary.data).toMatchObject({
			fileName: `${call.transId}.wav`,
			mimeType: 'audio/wav',
		});
		expect(bytesOf(item.binary.data).equals(served(call.transId))).toBe(true);
		const asked = api.sandbox.received(recordPath(call.transId), 'vbot');
		expect(asked.map((request) => request.auth)).toEqual(['ok']);
	});

	test("with a VBot V3 key: the docs' /v2.0 recordUrl asked below the credential's /v3.0 Base URL, with the key", async () => {
		const v3 = () => ({ ...api.credentials('vbotV3'), webhookHeaderValue: SECRET });
		const trigger = await vbotTrigger({}, v3);
		const { call } = await api.sandbox.vbotCall({ kind: 'manual', seed: 4, answered: true });

		expect(call.recordUrl).toContain(`/v2.0${recordPath(call.transId)}`);
		const [item] = trigger.executions.flat();
		expect(item.json.recordingError).toBeUndefined();
		expect(bytesOf(item.binary.data).equals(served(call.transId))).toBe(true);
		const asked = api.sandbox.received(recordPath(call.transId), 'vbotV3');
		expect(asked.map((request) => request.auth)).toEqual(['ok']);
		expect(api.sandbox.received(recordPath(call.transId), 'vbot')).toHaveLength(0);
	});

	test('off (the default): the event as it came, and nothing downloaded', async () => {
		const trigger = await vbotTrigger({ downloadRecordings: false });
		const { call } = await api.sandbox.vbotCall({ kind: 'manual', seed: 4, answered: true });

		const [item] = trigger.executions.flat();
		expect(item.json).toMatchObject({ event: 'MANUAL_CALL_RECORDING', callId: call.transId });
		expect(item.binary).toBeUndefined();
		expect(api.sandbox.received(recordPath(call.transId))).toHaveLength(0);
	});

	test('a link to another host is a plain link: refused at a private address as the Call operations refuse it, else fetched without the credential', async () => {
		const trigger = await vbotTrigger();
		// A host that names VBot, with VBot's path, but not the credential's Base URL.
		const elsewhere = `${other.named('vbot.localhost')}/vbot/v2.0${recordPath('t-1')}`;

		expect((await sendRecording(trigger, 't-1', elsewhere)).status).toBe(200);
		const [refused] = trigger.executions.flat();
		expect(refused.json).toEqual({
			event: 'MANUAL_CALL_RECORDING',
			callId: 't-1',
			body: { transId: 't-1', externalCallId: '', recordUrl: elsewhere },
			recordingError:
				'The recording of call t-1 could not be downloaded: its link points to a private address (vbot.localhost). Turn on Allow Recordings From Private Addresses if your recordings are on your own network.',
		});
		expect(refused.binary).toBeUndefined();
		expect(other.received).toHaveLength(0);

		trigger.parameters = {
			...RECORDING,
			options: { ...RECORDING.options, allowPrivateRecordings: true },
		};
		expect((await sendRecording(trigger, 't-2', elsewhere)).status).toBe(200);
		const [request] = other.received;
		expect(request.headers.authorization).toBeUndefined();
		expect(request.headers['x-api-key']).toBeUndefined();
		// That host answered JSON: said, and no file.
		const fetched = trigger.executions.flat()[1];
		expect(fetched.json.recordingError).toMatch(
			/^The recording of call t-2 could not be downloaded: the vendor answered JSON instead of a recording/,
		);
		expect(api.sandbox.requests).toHaveLength(0);
	});

	test('a recording larger than Max Recording Size is refused; the event still starts the workflow', async () => {
		const trigger = await vbotTrigger({ maxRecordingMb: 1 });
		api.sandbox.fault({
			path: recordPath('big-1'),
			respond: { stream: { bytes: 2 * MiB, chunkBytes: MiB, contentType: 'audio/wav' } },
		});
		const { deliveries } = await api.sandbox.vbotCall({
			kind: 'manual',
			transId: 'big-1',
			answered: true,
		});

		expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const [item] = trigger.executions.flat();
		expect(item.json).toMatchObject({
			event: 'MANUAL_CALL_RECORDING',
			callId: 'big-1',
			recordingError:
				'The recording of call big-1 could not be downloaded: it is larger than Max Recording Size (1 MB)',
		});
		expect(item.binary).toBeUndefined();
		expect(api.sandbox.received(recordPath('big-1'))).toHaveLength(1);
	});

	test('a recording that does not come is cut off at Timeout, and the vendor is answered 200 with the event started', async () => {
		const trigger = await vbotTrigger({ timeout: 1, maxRetries: 0 });
		api.sandbox.fault({ path: recordPath('slow-1'), respond: { hang: true } });
		const startedAt = Date.now();
		const { deliveries } = await api.sandbox.vbotCall({
			kind: 'manual',
			transId: 'slow-1',
			answered: true,
		});

		expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
		expect(Date.now() - startedAt).toBeLessThan(5000);
		const [item] = trigger.executions.flat();
		expect(item.json.recordingError).toBe(
			'The recording of call slow-1 could not be downloaded: it did not arrive within Timeout (1 s)',
		);
	});

	test("OMICall's hangup: its recording link downloaded as a plain link, as Call › Get's; ringing and answered pass as they came", async () => {
		const events = ['ringing', 'answered', 'hangup'];
		const options = { downloadRecordings: true, allowPrivateRecordings: true };
		const trigger = await started('omicall', { events, simplify: true, options }, omicall);
		await trigger.activate();
		const { call } = await api.sandbox.omicallCall({ seed: ANSWERED_SEED });

		const items = trigger.executions.flat();
		expect(items.map((item) => item.json.event)).toEqual(events);
		expect(items.slice(0, 2).map((item) => item.binary)).toEqual([undefined, undefined]);
		const [hangup] = items.slice(-1);
		const link = call.recording_file || call.recording_file_url;
		expect(hangup.json.recordingUrls).toEqual([link]);
		expect(hangup.json.recordingError).toBeUndefined();
		expect(hangup.binary.data).toMatchObject({
			fileName: `${call.transaction_id}.wav`,
			mimeType: 'audio/wav',
		});
		const { pathname } = new URL(link);
		const name = pathname.slice('/recordings/'.length, -'.wav'.length);
		expect(bytesOf(hangup.binary.data).equals(served(name))).toBe(true);
		expect(api.sandbox.received(pathname).map((request) => request.auth)).toEqual(['missing']);
	});
});
