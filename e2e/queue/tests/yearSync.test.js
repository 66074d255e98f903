'use strict';
// A year of calls synced as twelve input items, one per month, each sent to the month's webhook:
// main puts each month's execution on the queue, the two workers run them, and together they
// output every call of the year once.

const { useQueueWorld } = require('../lib/world');
const { WEBHOOKS } = require('../lib/workflows');
const { outputOf } = require('../../lib/world');
const { generateCalls, HOUR } = require('../../../test/sandbox/seed');

const world = useQueueWorld();
const YEAR = 2025;
const VIETNAM = 7 * HOUR;
const FROM = Date.UTC(YEAR, 0, 1) - VIETNAM;
const TO = Date.UTC(YEAR + 1, 0, 1) - VIETNAM - 1;
const MONTHS = Array.from({ length: 12 }, (_, m) => `${YEAR}-${String(m + 1).padStart(2, '0')}`);
const workflowId = (file) => world.state.workflows[file].id;

beforeAll(async () => {
	await world.n8n.activate(workflowId('month-sync.json'));
	await world.n8n.activate(workflowId('year-sync.json'));
});
afterAll(async () => {
	await world.n8n.deactivate(workflowId('year-sync.json'));
	await world.n8n.deactivate(workflowId('month-sync.json'));
});

test('twelve monthly executions run on both workers and output every call of the year once', async () => {
	world.sandbox.calls.replace(
		generateCalls({ from: FROM, to: TO, perDay: 60, seed: 17, recordingBase: world.sandbox.url }),
	);
	const expected = world.sandbox.calls.range(FROM, TO).map((c) => c.transaction_id);

	const { status, body: months } = await world.n8n.webhook('POST', WEBHOOKS.year, { year: YEAR });

	expect(status).toBe(200);
	expect(months.map((m) => m.month)).toEqual(MONTHS);
	const executions = months.map((m) => m.execution);
	expect(new Set(executions).size).toBe(12);
	// Main put each on the queue; a worker's log says it ran it, and both workers ran some.
	const mainLog = world.mainLog();
	for (const id of executions) expect(mainLog).toContain(`Enqueued execution ${id} (job`);
	const ranOn = executions.map((id) => world.workerThatRan(id));
	expect(ranOn.filter((worker) => worker === undefined)).toEqual([]);
	expect(new Set(ranOn)).toEqual(new Set([1, 2]));

	// What each execution's Call History node output, as the workers saved it in Postgres.
	const output = [];
	for (const id of executions) {
		const execution = await world.finished(id);
		expect(execution.status).toBe('success');
		output.push(...outputOf(execution, 'Every call of the month').map((c) => c.transaction_id));
	}
	expect(output).toHaveLength(expected.length);
	expect(new Set(output).size).toBe(expected.length);
	expect(new Set(output)).toEqual(new Set(expected));
	expect(months.reduce((sum, m) => sum + m.calls, 0)).toBe(expected.length);
	expect(months.every((m) => m.calls === m.distinct && m.calls > 0)).toBe(true);
	console.log(
		`${expected.length} calls in ${world.sandbox.received('/api/call_transaction/list').length} requests; months per worker: ` +
			[1, 2].map((w) => `${w}: ${ranOn.filter((r) => r === w).length}`).join(', '),
	);
});
