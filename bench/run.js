'use strict';
// `npm run bench`: how many requests the node sends against the fewest the APIs allow, how its
// wall time compares with a plain fetch loop and with n8n's HTTP Request node, what parallel
// windows buy, and what memory a large sync takes. Not a test: it asserts nothing, it measures.
// Prints a table and writes bench/results/latest.json and latest.md.
//
//   npm run bench                    (about 9 minutes on 2 cores)
//   npm run bench -- --runs 5        (medians over 5 runs instead of 3)
//   npm run bench -- --quick         (a tenth of the volume, for trying the script out)
//   npm run bench -- --no-n8n        (leave out the comparison in real n8n)

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { runNode, callsBetween } = require('../test/harness/n8n');
const { DAY } = require('../test/sandbox/seed');
const { cutWindows } = require('../dist/nodes/CallHistory/engine/windows');
const { startSandboxProcess } = require('./lib/sandbox');
const { plainLoopInChild } = require('./lib/plainLoop');
const { fewestListRequests, fewestVbotRequests } = require('./lib/minimum');
const { median } = require('./lib/median');
const { markdownTables, textTables } = require('./lib/tables');
const { PAGE_SIZE, WINDOW_DAYS, LATENCY_MS, FROM, TO, partsOf } = require('./lib/range');

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;
const SCALE = flag('quick') ? 0.1 : 1;

const LIST_PATH = '/api/call_transaction/list';
const WINDOWS = cutWindows(FROM, TO, WINDOW_DAYS * DAY);
const VBOT_CUSTOMER = { vbotId: 'vb-bench', projectCode: 'PRJ-BENCH', phone: '0912000111' };

const MiB = 1024 * 1024;

const callsParameters = (options, extra = {}, part = { from: FROM, to: TO }) =>
	callsBetween(part.from, part.to, {
		options: { windowDays: WINDOW_DAYS, requestsPerSecond: 0, ...options },
		...extra,
	});

/**
 * Runs the node against `sandbox`, once per part (one part: the whole range), one after the
 * other, and answers the output and the requests sent in all.
 */
async function nodeRun(sandbox, parameters, parts = [undefined], { reset = true } = {}) {
	if (reset) await sandbox.call('reset');
	const baseUrl = parameters.resource === 'vbotCall' ? sandbox.vbotUrl : sandbox.url;
	const json = [];
	const cpu = process.cpuUsage();
	const started = performance.now();
	for (const part of parts) {
		const partParameters = part
			? {
					...parameters,
					fromDate: new Date(part.from).toISOString(),
					toDate: new Date(part.to).toISOString(),
				}
			: parameters;
		const result = await runNode({
			parameters: partParameters,
			credentials: { baseUrl, accessToken: sandbox.token },
		});
		if (result.error) throw result.error;
		json.push(...result.json.map((call) => call.transaction_id ?? call));
	}
	const ms = performance.now() - started;
	const { user, system } = process.cpuUsage(cpu);
	const stats = await sandbox.call('stats');
	return { ms, cpuMs: (user + system) / 1000, items: json.length, ...stats };
}

/** 1. Requests against the fewest the API allows. */
async function requestCounts(sandbox, log) {
	const perDay = 200;
	await sandbox.call('settings', { latencyMs: 0 });
	await sandbox.call('seedCalls', { from: FROM, to: TO, perDay, seed: 5 });
	const { callsPerWindow } = await sandbox.call('stats', { windows: WINDOWS });
	const all = callsPerWindow.reduce((sum, n) => sum + n, 0);
	const rows = [];
	const row = (what, run, minimum, expectedItems) => {
		rows.push({
			what,
			items: run.items,
			requests: run.requests,
			minimum,
			ratio: run.requests / minimum,
			complete: run.items === expectedItems,
		});
		log(`  ${what}: ${run.requests} requests, minimum ${minimum}`);
	};
	const getMany = `90 days × ${perDay} calls/day, Get Many`;
	row(
		`${getMany}, Return All`,
		await nodeRun(sandbox, callsParameters({})),
		fewestListRequests(callsPerWindow, Infinity, PAGE_SIZE),
		all,
	);
	for (const limit of [10, 100, 1000]) {
		row(
			`${getMany}, Limit ${limit}`,
			await nodeRun(sandbox, callsParameters({}, { returnAll: false, limit })),
			fewestListRequests(callsPerWindow, limit, Math.min(PAGE_SIZE, limit)),
			limit,
		);
	}
	for (const limit of [Infinity, 1000]) {
		const extra = limit === Infinity ? {} : { returnAll: false, limit };
		row(
			`${getMany}, ${limit === Infinity ? 'Return All' : `Limit ${limit}`}, Concurrency 4`,
			await nodeRun(sandbox, callsParameters({ concurrency: 4 }, extra)),
			fewestListRequests(callsPerWindow, limit, PAGE_SIZE),
			Math.min(limit, all),
		);
	}
	const report = await nodeRun(sandbox, {
		resource: 'call',
		operation: 'getReport',
		fromDate: new Date(FROM).toISOString(),
		toDate: new Date(TO).toISOString(),
		options: { windowDays: WINDOW_DAYS, requestsPerSecond: 0 },
	});
	row('Get Report over 90 days', report, WINDOWS.length, 1);

	const records = 10_000;
	await sandbox.call('seedVbot', { customer: VBOT_CUSTOMER, count: records, newest: TO });
	const vbot = await nodeRun(sandbox, {
		resource: 'vbotCall',
		operation: 'getMany',
		...VBOT_CUSTOMER,
		returnAll: true,
		options: { requestsPerSecond: 0 },
	});
	row(
		`VBot Get Many, ${records.toLocaleString('en')} records`,
		vbot,
		fewestVbotRequests(records, PAGE_SIZE),
		records,
	);
	return rows;
}

/** 2 and 3. Wall time against a plain fetch loop, and parallel windows, with latency. */
async function wallTimes(sandbox, log) {
	const perDay = 2000 * SCALE;
	await sandbox.call('settings', { latencyMs: LATENCY_MS });
	await sandbox.call('seedCalls', { from: FROM, to: TO, perDay, seed: 6 });
	const credentials = { url: sandbox.url, token: sandbox.token };
	const parts = partsOf(perDay * 90);
	const windows = parts.flatMap((part) => cutWindows(part.from, part.to, WINDOW_DAYS * DAY));
	const runs = { node: [], plain: [] };
	let requests;
	for (let run = 0; run < RUNS; run++) {
		// Side by side, so that the bench stays under ten minutes: each client is sequential and
		// waits on the latency most of the time (the log shows the node's CPU time against its wall
		// time), so neither slows the other down much, and both alike.
		await sandbox.call('reset');
		const [node, plain] = await Promise.all([
			nodeRun(sandbox, callsParameters({}), parts, { reset: false }),
			plainLoopInChild({ ...credentials, windows }),
		]);
		const { requests: both } = await sandbox.call('stats');
		if (plain.calls !== node.items || both !== 2 * plain.requests) {
			throw new Error(
				`the plain loop and the node differ: ${plain.calls} and ${node.items} calls, ${plain.requests} and ${both - plain.requests} requests`,
			);
		}
		runs.node.push(node.ms);
		runs.plain.push(plain.ms);
		requests = plain.requests;
		log(
			`  run ${run + 1}: node ${node.ms.toFixed(0)} ms (CPU ${node.cpuMs.toFixed(0)} ms), plain loop ${plain.ms.toFixed(0)} ms`,
		);
	}
	const overhead = {
		calls: perDay * 90,
		nodeRuns: parts.length,
		requests,
		latencyMs: LATENCY_MS,
		runs: RUNS,
		nodeMs: median(runs.node),
		plainMs: median(runs.plain),
		ratio: median(runs.node) / median(runs.plain),
		nodeRunsMs: runs.node,
		plainRunsMs: runs.plain,
	};

	const concurrency = [{ concurrency: 1, ms: overhead.nodeMs, requests, mostInFlight: 1 }];
	// One run per level: the three take about as long as one more run of the sequential sync.
	for (const level of [2, 4, 8]) {
		const run = await nodeRun(sandbox, callsParameters({ concurrency: level }), parts);
		concurrency.push({
			concurrency: level,
			ms: run.ms,
			requests: run.requests,
			mostInFlight: run.mostInFlight,
		});
		log(`  concurrency ${level}: ${run.ms.toFixed(0)} ms`);
	}
	for (const entry of concurrency) entry.speedUp = overhead.nodeMs / entry.ms;
	return { overhead, concurrency };
}

/** 4 and 5. Wall time, requests and memory at growing volume, each run in a fresh process. */
async function growth(sandbox, log) {
	await sandbox.call('settings', { latencyMs: 0 });
	const rows = [];
	for (const calls of [10_000, 100_000, 500_000].map((n) => n * SCALE)) {
		await sandbox.call('seedCalls', { from: FROM, to: TO, perDay: calls / 90, seed: 7 });
		const { callsPerWindow } = await sandbox.call('stats', { windows: WINDOWS });
		await sandbox.call('reset');
		const output = execFileSync(
			process.execPath,
			[
				'--expose-gc',
				'--max-old-space-size=16384',
				path.join(__dirname, 'lib', 'probe.js'),
				JSON.stringify({
					sandbox: { url: sandbox.url, token: sandbox.token },
					runs: partsOf(calls).map((part) => callsParameters({}, {}, part)),
				}),
			],
			{ encoding: 'utf8', maxBuffer: 16 * MiB },
		);
		const probe = JSON.parse(output.trim().split('\n').at(-1));
		const requests = (await sandbox.call('stats')).byPath[LIST_PATH];
		const minimum = fewestListRequests(callsPerWindow, Infinity, PAGE_SIZE);
		rows.push({
			calls: callsPerWindow.reduce((sum, n) => sum + n, 0),
			...probe,
			requests,
			minimum,
			msPer1000: (probe.ms / probe.items) * 1000,
			rssGrowth: probe.peakRss - probe.rssBefore,
			heapGrowth: probe.peakHeap - probe.heapBefore,
		});
		log(`  ${probe.items} calls: ${probe.ms.toFixed(0)} ms, ${requests} requests`);
	}
	return rows;
}

async function main() {
	const log = (line) => console.log(line);
	const startedAt = Date.now();
	const results = {
		when: new Date().toISOString(),
		machine: `${require('node:os').cpus().length} cores, Node ${process.version}`,
		scale: SCALE,
		runs: RUNS,
	};
	const sandbox = await startSandboxProcess();
	try {
		log('1. Requests against the minimum' + (flag('no-n8n') ? '' : ', while real n8n starts'));
		const counting = requestCounts(sandbox, log);
		if (!flag('no-n8n')) {
			const { compareInRealN8n } = require('./realN8n');
			results.realN8n = await compareInRealN8n({
				perDay: 200,
				latencyMs: LATENCY_MS,
				runs: RUNS,
				log: (line) => log(`  [n8n] ${line}`),
				waitBeforeMeasuring: async () => {
					results.requestCounts = await counting;
					log('6. Against the HTTP Request node in real n8n');
				},
			});
		}
		results.requestCounts = await counting;
		log(`2, 3. Wall time with ${LATENCY_MS} ms latency`);
		Object.assign(results, await wallTimes(sandbox, log));
		log('4, 5. Volume and memory');
		results.growth = await growth(sandbox, log);
	} finally {
		await sandbox.close();
	}
	results.seconds = (Date.now() - startedAt) / 1000;

	const dir = path.join(__dirname, 'results');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, '\t')}\n`);
	fs.writeFileSync(path.join(dir, 'latest.md'), markdownTables(results));
	console.log(`\n${textTables(results)}`);
	console.log(
		`Written to bench/results/latest.json and latest.md in ${results.seconds.toFixed(0)} s.`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
