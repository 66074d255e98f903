'use strict';
// Starts ./sandboxProcess.js and calls its commands: start, seedCalls, seedVbot, settings, reset,
// stats, close. Each call answers what the command returned.

const { fork } = require('node:child_process');
const path = require('node:path');

async function startSandboxProcess(settings = {}) {
	const child = fork(path.join(__dirname, 'sandboxProcess.js'), [], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map();
	let next = 0;
	child.on('message', ({ id, result, error }) => {
		const { resolve, reject } = pending.get(id);
		pending.delete(id);
		if (error) reject(new Error(error));
		else resolve(result);
	});
	child.on('exit', (code) => {
		for (const { reject } of pending.values()) reject(new Error(`sandbox exited with ${code}`));
	});
	const call = (command, args) =>
		new Promise((resolve, reject) => {
			const id = next++;
			pending.set(id, { resolve, reject });
			child.send({ id, command, args });
		});
	const started = await call('start', { settings });
	return {
		...started,
		call,
		async close() {
			await call('close').catch(() => undefined);
		},
	};
}

module.exports = { startSandboxProcess };
