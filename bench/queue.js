'use strict';
// `npm run bench:queue`: the node on n8n's queue mode (e2e/lib/queueStack.js: n8n main, two
// workers, Postgres, Redis), timed from outside through production webhooks:
//   7. a year of calls synced as twelve monthly executions (e2e/queue/workflows/year-sync.json
//      sends one request per month to month-sync.json, which main puts on the queue), on one
//      worker and on two: wall time, requests, which worker ran each month;
//   8. one execution of the bench's 90-day sync on a worker (Concurrency 1) against the plain
//      fetch loop (bench/lib/plainLoop.js) over the same windows.
// Requests per Second 0, 20 ms latency, successful executions not saved (as in section 6).
// Writes bench/results/queue.json and queue.md.
//
//   npm run bench:queue                (about 5 minutes on 2 cores)
//   npm run bench:queue -- --runs 5    (medians over 5 runs instead of 3)

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startQueueStack } = require('../e2e/lib/queueStack');
const { freePort } = require('../e2e/lib/n8n');
const { queueWorkflows, WEBHOOKS } = require('../e2e/queue/lib/workflows');
const { workerThatRan } = require('../e2e/queue/lib/world');
const { generateCalls, DAY, HOUR } = require('../test/sandbox/seed');
const { cutWindows } = require('../dist/nodes/CallHistory/engine/windows');
const { plainLoopInChild } = require('./lib/plainLoop');
const { median } = require('./lib/median');
const { markdownTables, textTables } = require('./lib/tables');
const { LATENCY_MS, WINDOW_DAYS, FROM, TO } = require('./lib/range');

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;
const LIST_PATH = '/api/call_transaction/list';
const YEAR = 2025;
const YEAR_FROM = Date.UTC(YEAR, 0, 1) - 7 * HOUR;
const YEAR_TO = Date.UTC(YEAR + 1, 0, 1) - 7 * HOUR - 1;
const YEAR_PER_DAY = 500;
const SYNC_PER_DAY = 200;
const CONCURRENCY = 10;

/** CPU seconds so far: the machine's (busy, of all cores) and each of `pids`' (user + system). */
function cpuNow(pids) {
	const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const [user, nice, system, idle, iowait, irq, softirq] = ticks.map(Number);
	const ofPid = (pid) => {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	};
	return {
		busy: (user + nice + system + irq + softirq) / 100,
		all: (user + nice + system + idle + iowait + irq + softirq) / 100,
		pids: pids.map(ofPid),
	};
}

/** What the machine and each process took of the CPU between two readings, in cores. */
function cpuShares(before, after, seconds) {
	return {
		machine: ((after.busy - before.busy) / (after.all - before.all)) * os.cpus().length,
		pids: after.pids.map((cpu, i) => (cpu - before.pids[i]) / seconds),
	};
}

const check = (what, { status, body }) => {
	if (status !== 200) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
	return body;
};

/** The year's sync, `RUNS` times with the workers running now; answers the table's row. */
async function yearSyncs(stack, log) {
	const { n8n, sandbox, workers } = stack;
	const running = workers.filter((w) => w.running);
	const rows = [];
	const pids = [n8n, ...running].map((p) => p.process.pid);
	for (let run = 1; run <= RUNS; run++) {
		sandbox.reset();
		const [before, ownBefore] = [cpuNow(pids), process.cpuUsage()];
		const { ms, ...answer } = await n8n.webhook('POST', WEBHOOKS.year, { year: YEAR });
		const cpu = cpuShares(before, cpuNow(pids), ms / 1000);
		// This process serves the sandbox.
		const own = process.cpuUsage(ownBefore);
		cpu.sandbox = (own.user + own.system) / 1000 / ms;
		const months = check('the year sync', answer);
		const calls = months.reduce((sum, month) => sum + month.calls, 0);
		if (calls !== sandbox.calls.size || months.some((m) => m.calls !== m.distinct)) {
			throw new Error(`the year sync output ${calls} calls of ${sandbox.calls.size}`);
		}
		const logs = workers.map((worker) => worker.log());
		const ranOn = months.map((month) => workerThatRan(logs, month.execution));
		const perWorker = running.map((w) => ranOn.filter((i) => workers[i - 1] === w).length);
		const requests = sandbox.received(LIST_PATH).length;
		const cores = (n) => n.toFixed(2);
		log(
			`  ${running.length} worker(s), run ${run}: ${Math.round(ms)} ms, ${requests} requests, months per worker ${perWorker.join(' + ')}; ` +
				`cores busy: machine ${cores(cpu.machine)}, sandbox ${cores(cpu.sandbox)}, main ${cores(cpu.pids[0])}, workers ${cpu.pids.slice(1).map(cores).join(' + ')}`,
		);
		rows.push({ ms, requests, calls, perWorker, cpu });
	}
	return {
		workers: running.length,
		medianMs: median(rows.map((r) => r.ms)),
		runsMs: rows.map((r) => Math.round(r.ms)),
		requests: rows[0].requests,
		calls: rows[0].calls,
		perWorker: rows.map((r) => r.perWorker.join(' + ')),
		cpu: rows.map((r) => r.cpu),
	};
}

/** One execution on a worker against the plain loop, alternating, `RUNS` times each. */
async function againstPlainLoop(stack, log) {
	const { n8n, sandbox } = stack;
	const windows = cutWindows(FROM, TO, WINDOW_DAYS * DAY);
	const range = {
		month: 'bench',
		from: new Date(FROM).toISOString(),
		to: new Date(TO).toISOString(),
	};
	const runs = { node: [], plain: [] };
	let requests;
	for (let run = 1; run <= RUNS; run++) {
		sandbox.reset();
		const { ms, ...answer } = await n8n.webhook('POST', WEBHOOKS.month, range);
		const { calls } = check('the 90-day sync', answer);
		requests = sandbox.received(LIST_PATH).length;
		sandbox.reset();
		const plain = await plainLoopInChild({ url: sandbox.url, token: sandbox.token, windows });
		if (plain.calls !== calls || plain.requests !== requests) {
			throw new Error(
				`the node: ${calls} calls, ${requests} requests; the loop: ${JSON.stringify(plain)}`,
			);
		}
		log(
			`  run ${run}: node ${Math.round(ms)} ms, plain loop ${Math.round(plain.ms)} ms, ${requests} requests`,
		);
		runs.node.push(ms);
		runs.plain.push(plain.ms);
	}
	const [nodeMs, plainMs] = [median(runs.node), median(runs.plain)];
	return {
		calls: sandbox.calls.range(FROM, TO).length,
		requests,
		nodeMs,
		plainMs,
		ratio: nodeMs / plainMs,
		nodeRunsMs: runs.node.map(Math.round),
		plainRunsMs: runs.plain.map(Math.round),
	};
}

async function main() {
	const log = (line) => console.log(line);
	const startedAt = Date.now();
	const n8nPort = await freePort();
	log('Starting n8n main, two workers, Postgres and Redis...');
	const stack = await startQueueStack({
		n8nPort,
		concurrency: CONCURRENCY,
		extraWorkflows: queueWorkflows(`http://127.0.0.1:${n8nPort}`, {
			saveDataSuccessExecution: 'none',
		}),
		log,
	});
	const results = {
		when: new Date().toISOString(),
		machine: `${os.cpus().length} cores, Node ${process.version}`,
		scale: 1,
		runs: RUNS,
	};
	try {
		const { n8n, sandbox, workflows, workers } = stack;
		log(`Up in ${Math.round((Date.now() - startedAt) / 1000)} s`);
		for (const file of ['month-sync.json', 'year-sync.json'])
			await n8n.activate(workflows[file].id);
		sandbox.settings.latencyMs = LATENCY_MS;

		sandbox.calls.replace(
			generateCalls({
				from: YEAR_FROM,
				to: YEAR_TO,
				perDay: YEAR_PER_DAY,
				seed: 8,
				recordingBase: sandbox.url,
			}),
		);
		log(`7. A year (${sandbox.calls.size} calls) as 12 monthly executions`);
		const two = await yearSyncs(stack, log);
		await workers[1].stop();
		const one = await yearSyncs(stack, log);
		await workers[1].start();

		sandbox.calls.replace(
			generateCalls({
				from: FROM,
				to: TO,
				perDay: SYNC_PER_DAY,
				seed: 6,
				recordingBase: sandbox.url,
			}),
		);
		log(`8. One execution on a worker against a plain fetch loop (${sandbox.calls.size} calls)`);
		const plain = await againstPlainLoop(stack, log);
		results.queue = {
			n8nVersion: stack.installed.version,
			latencyMs: LATENCY_MS,
			concurrency: CONCURRENCY,
			year: { calls: one.calls, perDay: YEAR_PER_DAY, byWorkers: [one, two] },
			plain,
		};
	} finally {
		await stack.stop();
		fs.rmSync(stack.root, { recursive: true, force: true });
	}
	results.seconds = (Date.now() - startedAt) / 1000;
	const dir = path.join(__dirname, 'results');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'queue.json'), `${JSON.stringify(results, null, '\t')}\n`);
	fs.writeFileSync(path.join(dir, 'queue.md'), markdownTables(results));
	console.log(`\n${textTables(results)}`);
	console.log(
		`Written to bench/results/queue.json and queue.md in ${results.seconds.toFixed(0)} s.`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
