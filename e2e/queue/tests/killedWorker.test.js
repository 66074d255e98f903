'use strict';
// A worker killed (SIGKILL) while a long Get Many is paging: what n8n does with that execution,
// that an execution on the other worker finishes untouched, and that the next run of the
// workflow outputs every call once.

const { useQueueWorld } = require('../lib/world');
const { waitFor } = require('../../lib/n8n');
const { WEBHOOKS } = require('../lib/workflows');
const { outputOf } = require('../../lib/world');
const { generateCalls, DAY } = require('../../../test/sandbox/seed');

const world = useQueueWorld();
const NODE = 'Every call of the month';
const LIST = '/api/call_transaction/list';
const END = Date.UTC(2025, 8, 30, 17) - 1;
const LONG = { month: 'long', from: END + 1 - 90 * DAY, to: END };
const SHORT = { month: 'short', from: LONG.from - 20 * DAY, to: LONG.from - 1 };
const workflowId = () => world.state.workflows['month-sync.json'].id;
const iso = ({ month, from, to }) => ({
	month,
	from: new Date(from).toISOString(),
	to: new Date(to).toISOString(),
});
const idsIn = ({ from, to }) => world.sandbox.calls.range(from, to).map((c) => c.transaction_id);
const requestsFor = ({ from }) =>
	world.sandbox.received(LIST).filter((r) => Number(r.query.from_date) >= from);

beforeAll(() => world.n8n.activate(workflowId()));
afterAll(() => world.n8n.deactivate(workflowId()));

/** Posts a range to the month's webhook; answers the pending answer and the execution's id. */
async function startRun(range) {
	const before = world.state.workers.map((_, i) => world.workerLog(i + 1).length);
	const answer = world.n8n.webhook('POST', WEBHOOKS.month, iso(range));
	let started;
	await waitFor(
		() =>
			(started = world.state.workers
				.map((_, i) =>
					/Worker started execution (\d+) \(job/.exec(world.workerLog(i + 1).slice(before[i])),
				)
				.map((match, i) => match && { execution: match[1], worker: i + 1 })
				.find(Boolean)),
		{ timeoutMs: 30_000, what: `a worker starting the run of ${range.month}` },
	);
	return { answer, ...started };
}

test('the killed worker’s execution fails as stalled, the other worker’s run is untouched, and a rerun is complete', async () => {
	world.sandbox.calls.replace(
		generateCalls({
			from: SHORT.from,
			to: LONG.to,
			perDay: 400,
			seed: 23,
			recordingBase: world.sandbox.url,
		}),
	);
	// Long enough to be killed mid-way: about 700 pages at 40 ms each.
	world.sandbox.settings.latencyMs = 40;

	const long = await startRun(LONG);
	// A second run, until one lands on the other worker (the queue hands jobs to the workers in turn).
	const others = [];
	while (!others.some((run) => run.worker !== long.worker)) {
		if (others.length === 4) throw new Error('every run went to the same worker');
		others.push(await startRun(SHORT));
	}
	await waitFor(() => requestsFor(LONG).length >= 30, {
		timeoutMs: 30_000,
		what: 'the long run paging',
	});

	await world.killWorker(long.worker);
	const killedAt = Date.now();
	const sentWhenKilled = requestsFor(LONG).length;

	const survivor = others.find((run) => run.worker !== long.worker);
	const { status: survivorStatus, body: survivorAnswer } = await survivor.answer;
	expect(survivorStatus).toBe(200);
	expect(survivorAnswer).toMatchObject({
		calls: idsIn(SHORT).length,
		distinct: idsIn(SHORT).length,
	});
	const survived = await world.finished(survivor.execution);
	expect(survived.status).toBe('success');
	expect(outputOf(survived, NODE).map((c) => c.transaction_id)).toEqual(idsIn(SHORT));

	// Main is told once the dead worker's lock has run out: the job stalled, and n8n does not
	// run it again (its queue allows no stalled job to be retried).
	const killed = await world.finished(long.execution);
	const givenUpAfterMs = Date.now() - killedAt;
	const { status: longStatus, body: longAnswer } = await Promise.race([
		long.answer,
		new Promise((resolve) => setTimeout(() => resolve({ status: 'none within 10 s' }), 10_000)),
	]);
	console.log(
		`killed execution ${long.execution}: webhook answered ${longStatus} ${JSON.stringify(longAnswer)}; ` +
			`status ${killed.status} ${Math.round(givenUpAfterMs / 1000)} s after the kill, error ${JSON.stringify(killed.data?.resultData?.error?.message)}; ` +
			`${sentWhenKilled} of its requests sent when killed, ${requestsFor(LONG).length} in all`,
	);
	expect(killed.status).toBe('error');
	expect(killed.data.resultData.error.message).toMatch(/failed to be processed too many times/);
	expect(longStatus).toBe(500);
	expect(requestsFor(LONG).length).toBe(sentWhenKilled);
	for (const [i] of world.state.workers.entries()) {
		const starts = world.workerLog(i + 1).split(`Worker started execution ${long.execution} (job`);
		expect(starts.length - 1).toBe(i + 1 === long.worker ? 1 : 0);
	}

	await world.startWorker(long.worker);
	world.sandbox.settings.latencyMs = 0;
	const { status, body } = await world.n8n.webhook('POST', WEBHOOKS.month, iso(LONG));
	expect(status).toBe(200);
	const rerun = await world.finished(body.execution);
	expect(rerun.status).toBe('success');
	expect(outputOf(rerun, NODE).map((c) => c.transaction_id)).toEqual(idsIn(LONG));
});
