'use strict';
// Stops the workers (whichever processes the tests left running for them), then the rest of the
// stack, and removes its folder.

const fs = require('node:fs');
const { STATE_FILE, stopProcessGroup } = require('./world');

module.exports = async function globalTeardown() {
	const stack = globalThis.callHistoryQueueStack;
	if (fs.existsSync(STATE_FILE)) {
		const { workers } = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
		await Promise.all(workers.map(({ pid }) => stopProcessGroup(pid)));
	}
	if (!stack) return;
	await stack.stop();
	if (!process.env.E2E_KEEP) fs.rmSync(stack.root, { recursive: true, force: true });
};
