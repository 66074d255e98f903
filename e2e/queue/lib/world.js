'use strict';
// What a queue-mode test file sees: n8n main (REST as the owner, webhooks), the workers (which one
// ran an execution, stop, kill and start them again), and a sandbox of its own on the port the
// imported credentials point at.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const STATE_FILE = path.join(os.tmpdir(), 'call-history-e2e-queue-state.json');

/** What a test file needs to stop, kill or start a worker again. */
function workerState(worker) {
	const { userFolder, port, env, command, logFile } = worker;
	return { userFolder, port, env, command, logFile, pid: worker.process.pid };
}

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/** Sends `signal` to a process group, and SIGKILL after `timeoutMs` if it is still there. */
async function stopProcessGroup(pid, { signal = 'SIGTERM', timeoutMs = 20_000 } = {}) {
	const send = (name) => {
		try {
			process.kill(-pid, name);
		} catch {
			// already gone
		}
	};
	send(signal);
	const deadline = Date.now() + timeoutMs;
	while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
	send('SIGKILL'); // the task runners of the group too
	while (alive(pid)) await new Promise((r) => setTimeout(r, 100));
}

/** The worker (1-based) whose log (of `logs`) says it started the execution, or undefined. */
function workerThatRan(logs, executionId) {
	const started = `Worker started execution ${executionId} (job`;
	const found = logs.map((log, i) => (log.includes(started) ? i + 1 : 0)).filter(Boolean);
	if (found.length > 1) throw new Error(`execution ${executionId} started on workers ${found}`);
	return found[0];
}

function useQueueWorld() {
	// Loaded here, not at the top: globalSetup requires this file for STATE_FILE alone.
	const { startSandbox } = require('../../../test/sandbox/server');
	const { N8n, waitFor } = require('../../lib/n8n');

	const readState = () => JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	const state = readState();
	const n8n = new N8n({
		installed: state.installed,
		userFolder: path.dirname(state.mainLogFile),
		port: state.n8nPort,
	});
	n8n.cookie = state.cookie;
	const flatted = require(path.join(state.installed.root, 'node_modules', 'flatted'));

	const world = {
		state,
		n8n,
		sandbox: undefined,
		/** The worker's log (1-based index), all of it: a restarted worker appends to it. */
		workerLog: (index) => fs.readFileSync(state.workers[index - 1].logFile, 'utf8'),
		mainLog: () => fs.readFileSync(state.mainLogFile, 'utf8'),
		workerThatRan: (executionId) =>
			workerThatRan(
				state.workers.map((_, i) => world.workerLog(i + 1)),
				executionId,
			),
		/** An execution as n8n's REST API gives it, with its run data parsed. */
		async execution(id) {
			const execution = await n8n.rest('GET', `/executions/${id}`);
			return { ...execution, data: execution.data ? flatted.parse(execution.data) : undefined };
		},
		/**
		 * The execution once it has ended and its worker has saved it: a webhook's answer comes
		 * from its Respond to Webhook node, before the run ends.
		 */
		async finished(id, { timeoutMs = 60_000 } = {}) {
			let execution;
			const ended = async () =>
				!['new', 'running'].includes((execution = await world.execution(id)).status);
			await waitFor(ended, { timeoutMs, what: `execution ${id} ending` });
			return execution;
		},
		/** Ends a worker at once (SIGKILL), as a machine that dies would. */
		async killWorker(index) {
			await stopProcessGroup(state.workers[index - 1].pid, { signal: 'SIGKILL' });
		},
		/** Stops a worker as n8n's shutdown does (SIGTERM: it finishes what it runs first). */
		async stopWorker(index) {
			await stopProcessGroup(state.workers[index - 1].pid);
		},
		/** Starts a worker again with its folder and settings; answers once it takes jobs. */
		async startWorker(index) {
			const worker = new N8n({ installed: state.installed, ...state.workers[index - 1] });
			await worker.start();
			// The run's teardown stops whatever process the state file names.
			const latest = readState();
			latest.workers[index - 1].pid = worker.process.pid;
			fs.writeFileSync(STATE_FILE, JSON.stringify(latest, null, 2));
			state.workers[index - 1].pid = worker.process.pid;
			worker.process.unref();
			return worker;
		},
	};
	beforeAll(async () => {
		world.sandbox = await startSandbox(state.sandbox);
	});
	afterAll(async () => {
		await world.sandbox?.close();
	});
	return world;
}

module.exports = { STATE_FILE, useQueueWorld, workerState, workerThatRan, stopProcessGroup };
