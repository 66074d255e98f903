'use strict';
// What an end-to-end test file sees: the running n8n (REST and CLI, as the owner) and a sandbox of
// its own on the port the imported credentials point at, seeded with the demo data.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const STATE_FILE = path.join(os.tmpdir(), 'call-history-e2e-state.json');

function useWorld() {
	// Loaded here, not at the top: globalSetup requires this file for STATE_FILE alone.
	const { startSandbox } = require('../../test/sandbox/server');
	const { seedDemo } = require('../../test/sandbox/demo');
	const { N8n } = require('./n8n');

	const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	const n8n = new N8n({
		installed: state.installed,
		userFolder: state.userFolder,
		port: state.n8nPort,
	});
	n8n.cookie = state.cookie;
	const world = { state, n8n, sandbox: undefined, demo: undefined };
	beforeAll(async () => {
		world.sandbox = await startSandbox(state.sandbox);
	});
	beforeEach(() => {
		world.sandbox.reset();
		world.demo = seedDemo(world.sandbox);
	});
	afterAll(async () => {
		await world.sandbox?.close();
	});
	return world;
}

/** The items a node output in a run's JSON (`n8n execute --rawOutput` or an execution's data). */
function outputOf(run, nodeName) {
	const tasks = run.data.resultData.runData[nodeName];
	if (!tasks)
		throw new Error(`${nodeName} did not run: ${JSON.stringify(run.data.resultData.error)}`);
	return tasks.flatMap((task) => task.data.main[0].map((item) => item.json));
}

module.exports = { STATE_FILE, useWorld, outputOf };
