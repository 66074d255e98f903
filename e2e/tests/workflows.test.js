'use strict';
// The example workflows, run by `n8n execute` beside the running server (n8n decrypts the imported
// credential, loads the package and the n8n-nodes-base nodes, and runs the whole workflow), checked
// against what the sandbox holds and received.

const { useWorld, outputOf } = require('../lib/world');

const world = useWorld();
const execute = (file) => world.n8n.execute(world.state.workflows[file].id);

test('calls-per-agent: every call of the last 7 days, once, across 3-day windows, summed per agent', async () => {
	const run = await execute('calls-per-agent.json');

	const lists = world.sandbox.received('/api/call_transaction/list');
	const from = Math.min(...lists.map((r) => Number(r.query.from_date)));
	const to = Math.max(...lists.map((r) => Number(r.query.to_date)));
	const expected = world.sandbox.calls.range(from, to).map((c) => c.transaction_id);
	const calls = outputOf(run, 'Calls of the last 7 days');
	expect(calls.map((c) => c.transaction_id)).toEqual(expected);
	expect(new Set(lists.map((r) => r.query.from_date)).size).toBeGreaterThanOrEqual(3);
	expect(expected.length).toBeGreaterThan(700);

	const perAgent = outputOf(run, 'Answered and missed per agent');
	expect(perAgent.reduce((sum, row) => sum + row.count_agent, 0)).toBe(expected.length);
	const answered = calls.filter((c) => c.disposition === 'answered').length;
	expect(
		perAgent.filter((row) => row.outcome === 'answered').reduce((s, r) => s + r.count_agent, 0),
	).toBe(answered);
});

test('tag-a-call: the update is sent, and the following Get reads it back', async () => {
	const run = await execute('tag-a-call.json');

	const [latest] = outputOf(run, 'Latest call of today');
	expect(latest.transaction_id).toBe(world.sandbox.calls.range(0, Date.now())[0].transaction_id);
	const [change] = world.sandbox.requests.filter((r) => r.method === 'POST');
	expect(change.path).toBe(`/api/call_transaction/change/${latest.transaction_id}`);
	expect(change.body).toEqual({ note: 'Khách hẹn gọi lại lúc 15h', tag: ['goilaisau', 'n8n'] });
	const [readBack] = outputOf(run, 'Read the call back');
	expect(readBack).toMatchObject({
		transaction_id: latest.transaction_id,
		note: 'Khách hẹn gọi lại lúc 15h',
		tag: ['goilaisau', 'n8n'],
	});
});

test('vbot-customer-history: the list and the count agree with the sandbox', async () => {
	const run = await execute('vbot-customer-history.json');

	const [{ count }] = outputOf(run, 'How many calls');
	const list = outputOf(run, 'Every call of the customer');
	const held = world.sandbox.vbot.find({
		vbotId: 'VB0001',
		projectCode: 'SIEUTHI-ABC',
		phone: '0912345678',
	});
	expect(count).toBe(held.length);
	expect(list).toEqual(held);
	expect(world.sandbox.received('/api/crm/historycall/countAll')[0].query).toMatchObject({
		vbot_id: 'VB0001',
		project_code: 'SIEUTHI-ABC',
		phone: '0912345678',
	});
});
