'use strict';
// The webhook triggers in queue mode: main registers OMICall's webhook on activation and receives
// the events (the memory of events already seen lives there), the workers run the executions. Each
// event starts one execution on a worker, in order per call, however often it is delivered; VBot's
// sender without the Auth header is refused on main; deactivation removes OMICall's registration.

const { useQueueWorld } = require('../lib/world');
const { endedExecutions, endedWithOutput } = require('../../lib/executions');
const { eventsDelivered } = require('../../../test/sandbox/webhooks');
const { VBOT_WEBHOOK_AUTH } = require('../../lib/stack');

const world = useQueueWorld();
const TRIGGER = 'Each call event';
const webhookUrl = (webhookId) => `${world.state.n8nUrl}/webhook/${webhookId}/webhook`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each execution's trigger item ({ event, callId }) and the worker that ran it, oldest first. */
async function startedOnWorkers(workflowId, count) {
	const { installed } = world.state;
	const executions = await endedWithOutput(world.n8n, installed, workflowId, count, TRIGGER, {
		timeoutMs: 120_000,
	});
	expect(executions.map((e) => [e.status, e.mode])).toEqual(
		executions.map(() => ['success', 'webhook']),
	);
	expect(executions.map((e) => e.items.length)).toEqual(executions.map(() => 1));
	return executions.map(({ id, items: [{ event, callId }] }) => ({
		event,
		callId,
		worker: world.workerThatRan(id),
	}));
}

beforeEach(() => world.sandbox.reset());

test('OMICall: main registers and receives, each event runs once on a worker, in order', async () => {
	const id = world.state.workflows['omicall-events-e2e.json'].id;
	await world.n8n.activate(id);
	try {
		expect(world.sandbox.webhooks.omicall.get('call').url).toBe(
			webhookUrl('e2e00002-0000-4000-8000-00000000c0de'),
		);
		const deliveries = [];
		for (const seed of [21, 22, 23]) {
			deliveries.push(...(await world.sandbox.omicallCall({ seed, duplicates: 1 })).deliveries);
		}
		const expected = eventsDelivered(deliveries);
		const started = await startedOnWorkers(id, expected.length);
		expect(started.map(({ event, callId }) => ({ event, callId }))).toEqual(expected);
		expect(started.every(({ worker }) => worker === 1 || worker === 2)).toBe(true);
		await sleep(1500);
		const again = await endedExecutions(world.n8n, id, expected.length);
		expect(again).toHaveLength(expected.length);
		console.log(`OMICall's events ran on workers ${started.map((s) => s.worker).join(', ')}`);
	} finally {
		await world.n8n.deactivate(id);
	}
	expect(world.sandbox.webhooks.omicall.has('call')).toBe(false);
});

test('VBot: with the Auth header each event runs once on a worker; without it, 401 and none', async () => {
	const id = world.state.workflows['vbot-events-e2e.json'].id;
	const url = webhookUrl('e2e00003-0000-4000-8000-00000000c0de');
	const events = ['MANUAL_CALL_LOG', 'MANUAL_CALL_RECORDING', 'MANUAL_CALL_COMPLETE'];
	await world.n8n.activate(id);
	try {
		world.sandbox.setVbotWebhook({ url, ...VBOT_WEBHOOK_AUTH, events });
		const { call } = await world.sandbox.vbotCall({
			kind: 'manual',
			answered: true,
			duplicates: 1,
		});
		const started = await startedOnWorkers(id, events.length);
		expect(started.map((s) => [s.event, s.callId])).toEqual(events.map((e) => [e, call.transId]));
		expect(started.every(({ worker }) => worker === 1 || worker === 2)).toBe(true);

		const wrong = { [VBOT_WEBHOOK_AUTH.headerName]: 'Bearer wrong' };
		const body = JSON.stringify({ manualCallLog: { transId: 'x' } });
		const refused = await world.sandbox.deliverRaw(url, { body, headers: wrong });
		expect(refused.status).toBe(401);
		await sleep(1500);
		expect(await endedExecutions(world.n8n, id, events.length)).toHaveLength(events.length);
	} finally {
		await world.n8n.deactivate(id);
	}
});
