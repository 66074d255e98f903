'use strict';
// The Call History Trigger in queue mode: main polls (polls run on the leader only) and puts each
// poll that found calls on the queue; the workers run the CRM-sync example, which posts each new
// call to the sandbox's CRM once, while worker 1 is stopped and started again.

const { useQueueWorld } = require('../lib/world');
const { waitFor } = require('../../lib/n8n');
const { makeCall, random } = require('../../../test/sandbox/seed');

const world = useQueueWorld();
const LIST = '/api/call_transaction/list';
const MINUTE = 60_000;

const posted = () => world.sandbox.crm.map((entry) => entry.body.callId);
const polls = () => world.sandbox.received(LIST).length;
const until = (check, timeoutMs, what) => waitFor(check, { timeoutMs, what });

test(
	'main polls, the workers post each new call once, across a restart of one worker',
	async () => {
		const id = world.state.workflows['crm-sync-e2e.json'].id;
		let seed = 7000;
		const write = () => {
			const call = makeCall(random(seed++), Date.now(), world.sandbox.url);
			world.sandbox.calls.add(call);
			return call.transaction_id;
		};

		await world.n8n.activate(id);
		try {
			await new Promise((resolve) => setTimeout(resolve, 3000));
			const first = [write(), write()];
			await until(() => posted().length >= 2, 2 * MINUTE, 'the first two calls in the CRM');

			await world.stopWorker(1);
			const whileDown = [write()];
			await until(
				() => posted().length >= 3,
				2 * MINUTE,
				'the call written while worker 1 was down',
			);
			await world.startWorker(1);
			const afterRestart = [write(), write()];
			await until(() => posted().length >= 5, 2 * MINUTE, 'the calls written after the restart');
			const after = polls();
			await until(() => polls() > after, 2 * MINUTE, 'one more poll');

			// Calls found by one poll may be posted in any order among themselves.
			const inPolls = (ids) =>
				[ids.slice(0, 2), ids.slice(2, 3), ids.slice(3)].map((g) => g.sort());
			expect(inPolls(posted())).toEqual(inPolls([...first, ...whileDown, ...afterRestart]));
			// Each poll that found calls became an execution on a worker; none ran on main.
			const { results } = await world.n8n.rest(
				'GET',
				`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: id }))}`,
			);
			const executions = results.map((e) => e.id).sort((a, b) => a - b);
			expect(executions).toHaveLength(3);
			expect(results.every((e) => e.status === 'success' && e.mode === 'trigger')).toBe(true);
			const ranOn = executions.map((e) => world.workerThatRan(e));
			expect(ranOn[1]).toBe(2);
			expect(ranOn.every((worker) => worker === 1 || worker === 2)).toBe(true);
			console.log(`the CRM sync's executions ran on workers ${ranOn.join(', ')}`);
		} finally {
			await world.n8n.deactivate(id);
		}
	},
	8 * MINUTE,
);
