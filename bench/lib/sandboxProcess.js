'use strict';
// The API sandbox in a process of its own, so that answering requests does not take turns on one
// event loop with the client being measured. Driven over IPC by ./sandbox.js.

const { startSandbox } = require('../../test/sandbox/server');
const { generateCalls, generateVbotHistory } = require('../../test/sandbox/seed');

let sandbox;

const commands = {
	async start({ settings, token }) {
		sandbox = await startSandbox({ settings, token });
		return { url: sandbox.url, vbotUrl: sandbox.vbotUrl, token: sandbox.token };
	},
	seedCalls({ from, to, perDay, seed = 1 }) {
		sandbox.calls.replace(generateCalls({ from, to, perDay, seed, recordingBase: sandbox.url }));
		return { calls: sandbox.calls.size };
	},
	seedVbot({ customer, count, newest }) {
		sandbox.vbot.replace(generateVbotHistory({ ...customer, count, newest }));
		return { records: count };
	},
	settings(settings) {
		Object.assign(sandbox.settings, settings);
	},
	reset() {
		sandbox.reset();
	},
	/** Requests received since the last reset, by path; calls stored in each of `windows`. */
	stats({ windows = [] } = {}) {
		const byPath = {};
		for (const request of sandbox.requests) byPath[request.path] = (byPath[request.path] ?? 0) + 1;
		return {
			requests: sandbox.requests.length,
			byPath,
			mostInFlight: sandbox.mostInFlight,
			callsPerWindow: windows.map(({ from, to }) => sandbox.calls.range(from, to).length),
		};
	},
	async close() {
		await sandbox?.close();
		setImmediate(() => process.exit(0));
	},
};

process.on('message', ({ id, command, args }) => {
	Promise.resolve()
		.then(() => commands[command](args))
		.then(
			(result) => process.send({ id, result }),
			(error) => process.send({ id, error: String(error?.stack ?? error) }),
		);
});
