'use strict';
// The webhook triggers in active workflows of the real n8n (one process), the sandbox standing for
// the vendors: OMICall's trigger registers n8n's production URL through the sandbox's webhook API
// and removes it on deactivation, never taking over another workflow's; VBot's is set in the
// sandbox's "console" with the credential's Auth header. Each event starts one execution, in order,
// however often it is delivered; a sender without the header starts none.

const { useWorld } = require('../lib/world');
const { endedWithOutput, executionsOf } = require('../lib/executions');
const { VBOT_WEBHOOK_AUTH } = require('../lib/stack');
const { eventsDelivered, vbotBodies } = require('../../test/sandbox/webhooks');

const world = useWorld();
// The trigger's name in the real-time example, and in the workflows that post every event.
const EXAMPLE_TRIGGER = 'Each ended call';
const TRIGGER = 'Each call event';

const workflowOf = (file) => world.state.workflows[file].id;
const webhookUrl = (webhookId) => `${world.state.n8nUrl}/webhook/${webhookId}/webhook`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What each execution's trigger output, oldest execution first; each must hold one item. */
async function eventsStarted(workflowId, count, trigger = TRIGGER) {
	const { installed } = world.state;
	const executions = await endedWithOutput(world.n8n, installed, workflowId, count, trigger);
	expect(executions.map((e) => [e.status, e.mode])).toEqual(
		executions.map(() => ['success', 'webhook']),
	);
	expect(executions.map((e) => e.items.length)).toEqual(executions.map(() => 1));
	return executions.map(({ items: [{ event, callId }] }) => ({ event, callId }));
}

describe('OMICall Webhook Trigger', () => {
	test('the real-time example registers its URL, posts each ended call once and leaves nothing behind', async () => {
		const id = workflowOf('calls-to-crm-in-real-time-e2e.json');
		await world.n8n.activate(id);
		try {
			const hook = world.sandbox.webhooks.omicall.get('call');
			expect(hook).toMatchObject({
				url: webhookUrl('e2e00001-0000-4000-8000-00000000c0de'),
				events: ['hangup'],
			});
			const calls = [];
			for (let i = 0; i < 2; i++)
				calls.push((await world.sandbox.omicallCall({ duplicates: 1 })).call);
			await eventsStarted(id, 2, EXAMPLE_TRIGGER);
			await sleep(1000);
			const ids = calls.map((call) => call.transaction_id);
			// Two executions may post at once: the CRM gets each call once, in either order.
			expect(world.sandbox.crm.map((entry) => entry.body.callId).sort()).toEqual([...ids].sort());
			// Each hang-up was delivered twice and answered 200 both times.
			const hangups = world.sandbox.deliveries.filter((d) => d.event === 'hangup');
			expect(hangups.map((d) => [d.callId, d.status])).toEqual(
				ids.flatMap((callId) => [
					[callId, 200],
					[callId, 200],
				]),
			);
			expect((await executionsOf(world.n8n, id)).length).toBe(2);
		} finally {
			await world.n8n.deactivate(id);
		}
		expect(world.sandbox.webhooks.omicall.has('call')).toBe(false);
		expect(world.sandbox.received('/api/webhooks/destroy')).toHaveLength(1);
	});

	test('each event starts one execution, in order per call, and an active registration is not taken over', async () => {
		const id = workflowOf('omicall-events-e2e.json');
		const other = workflowOf('calls-to-crm-in-real-time-e2e.json');
		await world.n8n.activate(id);
		try {
			const ours = webhookUrl('e2e00002-0000-4000-8000-00000000c0de');
			expect(world.sandbox.webhooks.omicall.get('call').url).toBe(ours);
			const deliveries = [];
			for (const seed of [11, 12, 13]) {
				deliveries.push(...(await world.sandbox.omicallCall({ seed, duplicates: 1 })).deliveries);
			}
			const expected = eventsDelivered(deliveries);
			expect(expected.length).toBeGreaterThanOrEqual(6);
			expect(await eventsStarted(id, expected.length)).toEqual(expected);
			await sleep(1000);
			expect((await executionsOf(world.n8n, id)).length).toBe(expected.length);

			// Another workflow on the same account: its activation fails naming the URL it would replace.
			await expect(world.n8n.activate(other)).rejects.toThrow(
				`The OMICall account already sends its call events to ${ours}`,
			);
			expect(world.sandbox.webhooks.omicall.get('call').url).toBe(ours);
			await world.n8n.deactivate(other).catch(() => undefined);
			expect(world.sandbox.webhooks.omicall.get('call').url).toBe(ours);
		} finally {
			await world.n8n.deactivate(id);
		}
		expect(world.sandbox.webhooks.omicall.has('call')).toBe(false);
	});
});

describe('VBot Webhook Trigger', () => {
	const EVENTS = ['MANUAL_CALL_LOG', 'MANUAL_CALL_RECORDING', 'MANUAL_CALL_COMPLETE'];

	test('with the Auth header each event starts one execution in order; without it, 401 and none', async () => {
		const id = workflowOf('vbot-events-e2e.json');
		const url = webhookUrl('e2e00003-0000-4000-8000-00000000c0de');
		await world.n8n.activate(id);
		try {
			world.sandbox.setVbotWebhook({ url, ...VBOT_WEBHOOK_AUTH, events: EVENTS });
			const { call, deliveries } = await world.sandbox.vbotCall({
				kind: 'manual',
				answered: true,
				duplicates: 1,
			});
			expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 200));
			const started = await eventsStarted(id, EVENTS.length);
			expect(started.map((item) => item.event)).toEqual(EVENTS);
			expect(new Set(started.map((item) => item.callId))).toEqual(new Set([call.transId]));

			const body = JSON.stringify(vbotBodies.MANUAL_CALL_LOG({ ...call, transId: 'other-call' }));
			const { headerName } = VBOT_WEBHOOK_AUTH;
			const refused = [
				await world.sandbox.deliverRaw(url, { body }),
				await world.sandbox.deliverRaw(url, { body, headers: { [headerName]: 'Bearer wrong' } }),
			];
			expect(refused.map((answer) => answer.status)).toEqual([401, 401]);
			expect(refused.map((answer) => answer.body).join('')).not.toContain('e2e-vbot-webhook');

			const headers = { [headerName]: VBOT_WEBHOOK_AUTH.headerValue };
			const tooLarge = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) });
			const bad = [
				await world.sandbox.deliverRaw(url, { body: tooLarge, headers }),
				await world.sandbox.deliverRaw(url, { body: '[1, 2]', headers }),
			];
			expect(bad.map((answer) => answer.status)).toEqual([413, 400]);
			await sleep(1500);
			expect((await executionsOf(world.n8n, id)).length).toBe(EVENTS.length);
			expect(world.sandbox.crm.map((entry) => entry.body)).toHaveLength(EVENTS.length);
		} finally {
			await world.n8n.deactivate(id);
		}
	});
});
