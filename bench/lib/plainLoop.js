'use strict';
// The yardstick for the node's own cost: a minimal hand-written client that sends the requests
// the node sends, in the same order (windows newest first, each page by page until has_next is
// false), with fetch, and keeps the calls.

async function plainLoop({ url, token, windows, size = 50 }) {
	const calls = [];
	for (const window of windows) {
		for (let page = 1; ; page++) {
			const query = new URLSearchParams({
				from_date: String(window.from),
				to_date: String(window.to),
				page: String(page),
				size: String(size),
			});
			const response = await fetch(`${url}/api/call_transaction/list?${query}`, {
				headers: { Authorization: `Bearer ${token}` },
			});
			const { payload } = await response.json();
			calls.push(...payload.items);
			if (!payload.has_next || payload.items.length === 0) break;
		}
	}
	return calls;
}

/**
 * The plain loop in a process of its own (`node plainLoop.js '<json>'`), so that it runs beside the
 * node without sharing its event loop. Answers { ms, calls, requests }.
 */
function plainLoopInChild(args) {
	const { execFile } = require('node:child_process');
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[__filename, JSON.stringify(args)],
			{ maxBuffer: 1024 * 1024 },
			(error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
		);
	});
}

if (require.main === module) {
	const args = JSON.parse(process.argv[2]);
	let requests = 0;
	const counting = globalThis.fetch;
	globalThis.fetch = (...fetchArgs) => {
		requests++;
		return counting(...fetchArgs);
	};
	const started = performance.now();
	plainLoop(args).then((calls) => {
		process.stdout.write(
			JSON.stringify({ ms: performance.now() - started, calls: calls.length, requests }),
		);
	});
}

module.exports = { plainLoop, plainLoopInChild };
