'use strict';
// Starts the queue-mode stack once for the run (e2e/lib/queueStack.js: Postgres, Redis, n8n main,
// two workers) with the queue workflows, the CRM-sync example and the webhook triggers' workflows
// imported, and tells the test files where everything is. Each test file runs its own sandbox on
// the port the credentials name.

const fs = require('node:fs');
const { startQueueStack } = require('../../lib/queueStack');
const { freePort } = require('../../lib/n8n');
const { crmSyncAgainstSandbox, webhookWorkflows } = require('../../lib/globalSetup');
const { queueWorkflows } = require('./workflows');
const { STATE_FILE, workerState } = require('./world');

// A dead worker's job is found stalled within lock duration + stalled-check interval, by default
// 60 s + 30 s; here 20 s + 5 s, so that the killed-worker test need not wait a minute and a half.
const QUICK_STALL_CHECK = {
	QUEUE_WORKER_LOCK_DURATION: '20000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

module.exports = async function globalSetup() {
	const started = Date.now();
	const [n8nPort, sandboxPort] = [await freePort(), await freePort()];
	const stack = await startQueueStack({
		n8nPort,
		sandboxPort,
		token: `e2e-queue-${Date.now().toString(36)}`,
		extraWorkflows: {
			...queueWorkflows(`http://127.0.0.1:${n8nPort}`),
			'crm-sync-e2e.json': crmSyncAgainstSandbox(sandboxPort),
			...webhookWorkflows(sandboxPort),
		},
		env: QUICK_STALL_CHECK,
		log: (text) => process.stdout.write(`${text}\n`),
	});
	await stack.sandbox.close();
	globalThis.callHistoryQueueStack = stack;
	const state = {
		n8nUrl: stack.n8n.url,
		n8nPort,
		installed: stack.installed,
		root: stack.root,
		mainLogFile: stack.n8n.logFile,
		cookie: stack.n8n.cookie,
		workflows: stack.workflows,
		workers: stack.workers.map(workerState),
		sandbox: { port: sandboxPort, token: stack.sandbox.token },
		startedMs: Date.now() - started,
		timings: stack.timings,
	};
	fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
	const phases = Object.entries(stack.timings).map(([phase, s]) => `${phase} ${Math.round(s)} s`);
	process.stdout.write(
		`\nn8n ${stack.installed.version} in queue mode on ${state.n8nUrl} with ${state.workers.length} workers, ready in ${Math.round(state.startedMs / 1000)} s (${phases.join(', ')}); everything under ${stack.root}\n`,
	);
};
