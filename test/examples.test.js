'use strict';
// The example workflows' Call History nodes, run as saved against the sandbox's demo data, each fed
// the previous Call History node's output the way the workflow connects them. (The other nodes,
// from n8n-nodes-base, run in the real-n8n suite under e2e/.)

const path = require('node:path');
const fs = require('node:fs');
const { useSandbox } = require('./harness/sandbox');
const { runNode } = require('./harness/n8n');
const { pollTrigger } = require('./harness/trigger');
const { webhookTrigger } = require('./harness/webhook');
const { seedDemo, DEMO_VBOT } = require('./sandbox/demo');

const CALL_HISTORY = 'n8n-nodes-call-history.callHistory';
const CALL_HISTORY_TRIGGER = 'n8n-nodes-call-history.callHistoryTrigger';
const CALL_HISTORY_TOOL = 'n8n-nodes-call-history.callHistoryTool';
const OMICALL_WEBHOOK_TRIGGER = 'n8n-nodes-call-history.omiCallWebhookTrigger';
const api = useSandbox();
const examples = fs
	.readdirSync(path.join(__dirname, '..', 'examples'))
	.filter((f) => f.endsWith('.json'));

/** The workflow's nodes from its first one on, following each node's first main connection. */
function chainOf(workflow) {
	const targets = new Set(
		Object.values(workflow.connections).flatMap((c) => (c.main ?? []).flat().map((t) => t.node)),
	);
	const byName = new Map(workflow.nodes.map((n) => [n.name, n]));
	const chain = [];
	let node = workflow.nodes.find((n) => !targets.has(n.name));
	while (node) {
		chain.push(node);
		node = byName.get(workflow.connections[node.name]?.main[0][0]?.node);
	}
	return chain;
}

/** The sandbox platform of the credential a node names (the ones `npm start` imports). */
const PLATFORM_OF_CREDENTIAL = {
	callHistorySandbox: 'callHistory',
	vbotSandbox: 'vbot',
	vbotV3Sandbox: 'vbotV3',
};
const platformOf = (node) => PLATFORM_OF_CREDENTIAL[node.credentials?.callHistoryApi?.id];

async function runExample(workflow) {
	const outputs = {};
	let items = [{ json: {} }];
	const [first] = chainOf(workflow);
	if (first.type === CALL_HISTORY_TRIGGER) {
		// As "Fetch Test Event" in the editor: the newest call.
		const polled = await pollTrigger({
			parameters: first.parameters,
			credentials: api.credentials(platformOf(first)),
			timezone: workflow.settings.timezone,
			mode: 'manual',
		});
		expect(polled.error).toBeUndefined();
		outputs[first.name] = polled.json;
		items = polled.items;
	}
	if (first.type === OMICALL_WEBHOOK_TRIGGER) {
		// Activated, as a call ends in OMICall.
		const credentials = () => api.credentials(platformOf(first));
		const trigger = await webhookTrigger('omicall', first.parameters, credentials).start();
		try {
			await trigger.activate();
			await api.sandbox.omicallCall();
			outputs[first.name] = trigger.items();
			items = trigger.executions.flat();
			expect(items).toHaveLength(1);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
	}
	for (const node of chainOf(workflow).filter((n) => n.type === CALL_HISTORY)) {
		const result = await runNode({
			parameters: node.parameters,
			credentials: api.credentials(platformOf(node)),
			timezone: workflow.settings.timezone,
			items,
		});
		expect(result.error).toBeUndefined();
		outputs[node.name] = result.json;
		items = result.items;
	}
	return outputs;
}

// An agent's tools run only when its model calls them: see the ask-about-calls test below.
const chains = examples.filter((file) =>
	chainOf(require(`../examples/${file}`)).some((node) =>
		node.type.startsWith('n8n-nodes-call-history.'),
	),
);

test.each(chains)('%s: its Call History nodes run as saved', async (file) => {
	const workflow = require(`../examples/${file}`);
	seedDemo(api.sandbox, { now: Date.now() });
	const outputs = await runExample(workflow);
	expect(Object.keys(outputs).length).toBeGreaterThan(0);
});

test('calls-per-agent.json returns every call of the last 7 days, once', async () => {
	const now = Date.now();
	seedDemo(api.sandbox, { now });
	const outputs = await runExample(require('../examples/calls-per-agent.json'));

	const requests = api.sandbox.received('/api/call_transaction/list');
	const oldest = Math.min(...requests.map((r) => Number(r.query.from_date)));
	const newest = Math.max(...requests.map((r) => Number(r.query.to_date)));
	expect(outputs['Calls of the last 7 days'].map((c) => c.transaction_id)).toEqual(
		api.sandbox.calls.range(oldest, newest).map((c) => c.transaction_id),
	);
	expect(now - oldest).toBeGreaterThan(7 * 86_400_000);
	expect(now - oldest).toBeLessThan(8 * 86_400_000);
	expect(outputs['Calls of the last 7 days'].length).toBeGreaterThan(700);
});

test('tag-a-call.json tags the latest call, and the following Get sees the tags', async () => {
	seedDemo(api.sandbox, { now: Date.now() });
	const outputs = await runExample(require('../examples/tag-a-call.json'));

	const [latest] = outputs['Latest call of today'];
	expect(latest.transaction_id).toBe(api.sandbox.calls.range(0, Date.now())[0].transaction_id);
	const [readBack] = outputs['Read the call back'];
	expect(readBack.transaction_id).toBe(latest.transaction_id);
	expect(readBack.note).toBe('Khách hẹn gọi lại lúc 15h');
	expect(readBack.tag).toEqual(['goilaisau', 'n8n']);
});

test('vbot-customer-history.json: the list holds as many calls as the count says', async () => {
	seedDemo(api.sandbox, { now: Date.now() });
	const outputs = await runExample(require('../examples/vbot-customer-history.json'));

	const [{ count }] = outputs['How many calls'];
	expect(count).toBe(75);
	expect(outputs['Every call of the customer']).toHaveLength(count);
	expect(DEMO_VBOT.phones[0]).toBe('0912345678');
});

test('ask-about-calls.json: each Call History Tool runs as saved on the arguments a model sends', async () => {
	const now = Date.now();
	seedDemo(api.sandbox, { now });
	const workflow = require('../examples/ask-about-calls.json');
	const tools = new Map(
		workflow.nodes.filter((n) => n.type === CALL_HISTORY_TOOL).map((n) => [n.name, n]),
	);
	expect([...tools.keys()]).toEqual(['List calls', 'Call report', 'Update call']);
	// As n8n runs a tool: the model's arguments are the input item, which $fromAI reads.
	const call = async (name, args) => {
		const result = await runNode({
			parameters: tools.get(name).parameters,
			credentials: api.credentials(),
			timezone: workflow.settings.timezone,
			items: [{ json: args }],
		});
		expect(result.error).toBeUndefined();
		return result.json;
	};
	const lastDay = {
		fromDate: new Date(now - 86_400_000).toISOString(),
		toDate: new Date(now).toISOString(),
	};

	expect(await call('List calls', lastDay)).toHaveLength(20);
	const listed = await call('List calls', { ...lastDay, limit: 500 });
	expect(listed).toHaveLength(50);
	expect(listed[0]).toMatchObject({ platform: 'callHistory', id: expect.any(String) });
	expect(api.sandbox.received('/api/call_transaction/list').every((r) => !r.query.agents)).toBe(
		true,
	);

	const [report] = await call('Call report', { ...lastDay, agentExtension: '101' });
	expect(report.categorized_by_direction.length).toBeGreaterThan(0);
	expect(api.sandbox.received('/api/call_transaction/report')[0].query.sip_user).toBe('101');

	const tags = api.sandbox.calls.get(listed[0].id).tag;
	const [updated] = await call('Update call', { callId: listed[0].id, note: 'Gọi lại sau 15h' });
	expect(updated).toMatchObject({ id: listed[0].id, note: 'Gọi lại sau 15h' });
	expect(api.sandbox.calls.get(listed[0].id).tag).toEqual(tags);
});
