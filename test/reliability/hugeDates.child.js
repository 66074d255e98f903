'use strict';
// Run by hugeDates.test.js in a child process, so that a regression (a window cutter that never
// advances, a process out of memory) takes down this child, not the test suite: runs Get Many with
// dates no JavaScript date can hold, and cuts such a range directly, then prints what happened.

const { startSandbox } = require('../sandbox/server');
const { runNode } = require('../harness/n8n');
const { cutWindows, DAY_MS } = require('../../dist/nodes/CallHistory/shared/windows.js');

const DATES = {
	'1e300 from an expression': '={{ 1e300 }}',
	'-1e300 from an expression': '={{ -1e300 }}',
	'a 31-digit string (a webhook field)': '1'.repeat(31),
	Infinity: '={{ Infinity }}',
	NaN: '={{ NaN }}',
	'8.64e15 + 1 ms': '={{ 8.64e15 + 1 }}',
};

async function main() {
	const sandbox = await startSandbox();
	const runs = [];
	for (const [name, date] of Object.entries(DATES)) {
		const before = sandbox.requests.length;
		const { error } = await runNode({
			parameters: {
				resource: 'call',
				operation: 'getMany',
				fromDate: date,
				toDate: date,
				returnAll: true,
				options: { requestsPerSecond: 0 },
			},
			credentials: { baseUrl: sandbox.url, accessToken: sandbox.token },
		});
		runs.push({ name, message: error?.message, requests: sandbox.requests.length - before });
	}
	let cut;
	try {
		cut = `answered ${cutWindows(1e300, 1e300 + 1e290, DAY_MS).length} windows`;
	} catch (error) {
		cut = `threw ${error.name}: ${error.message}`;
	}
	await sandbox.close();
	process.stdout.write(`\nRESULT ${JSON.stringify({ runs, cut })}\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stdout.write(`\nFAILED ${error.stack}\n`);
		process.exit(1);
	},
);
