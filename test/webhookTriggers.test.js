'use strict';
// The webhook triggers through n8n-core (HookContext for activation, WebhookContext for each
// delivery, test/harness/webhook.js) against the sandbox's webhook API and its deliveries.

const { useSandbox } = require('./harness/sandbox');
const { webhookTrigger } = require('./harness/webhook');
const { vbotBodies, makeVbotCall } = require('./sandbox/webhooks');
const { random } = require('./sandbox/seed');

const api = useSandbox();
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
});
