'use strict';
// Node runs in a fresh process, so their memory is theirs alone: `node probe.js '<json>'` with
// { sandbox: { url, token }, runs: [parameters, …] } runs the node once per entry, one after the
// other, keeping every output as a workflow would, and prints one JSON line: wall time, output
// size, and the resident set and heap before the first run and at their peak. Run with --expose-gc.

const { runNode } = require('../../test/harness/n8n');

const SAMPLE_MS = 5;

async function main() {
	const { sandbox, runs } = JSON.parse(process.argv[2]);
	const credentials = { baseUrl: sandbox.url, accessToken: sandbox.token };
	// A report first (one request, to another path than the list's), so that module loading and
	// n8n-core's first-run set-up are in the baseline and not in the list's request count.
	await runNode({ parameters: { ...runs[0], operation: 'getReport' }, credentials });
	global.gc();
	const before = process.memoryUsage();
	let peakHeap = before.heapUsed;
	const sampler = setInterval(() => {
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	}, SAMPLE_MS);

	const started = performance.now();
	const json = [];
	for (const parameters of runs) {
		const { json: output, error } = await runNode({ parameters, credentials });
		if (error) throw error;
		for (const call of output) json.push(call);
	}
	const ms = performance.now() - started;
	clearInterval(sampler);
	peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	// ru_maxrss is the process's peak resident set in KiB, sampled by the kernel: no peak is missed.
	const peakRss = process.resourceUsage().maxRSS * 1024;
	const ids = new Set(json.map((call) => call.transaction_id));
	const outputBytes = Buffer.byteLength(JSON.stringify(json));

	// What holding the output alone takes: the same JSON parsed into objects, in this process.
	const text = JSON.stringify(json);
	json.length = 0;
	global.gc();
	const emptied = process.memoryUsage().heapUsed;
	const parsed = JSON.parse(text);
	global.gc();
	const outputHeap = process.memoryUsage().heapUsed - emptied;

	process.stdout.write(
		`${JSON.stringify({
			ms,
			items: parsed.length,
			distinct: ids.size,
			outputBytes,
			outputHeap,
			rssBefore: before.rss,
			heapBefore: before.heapUsed,
			peakRss,
			peakHeap,
		})}\n`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
