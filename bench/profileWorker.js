'use strict';
// `npm run bench:profile`: where one n8n worker's time goes per request. Starts the queue-mode
// stack with one worker under V8's CPU profiler (`--cpu-prof`), runs the bench's 90-day sync
// (2,000 calls a day, 3-day windows, 20 ms latency, Concurrency 1, Requests per Second 0; two runs
// of 45 days, as the bench does) through the month-sync workflow, stops the worker so that it
// writes its profile, and prints the worker's CPU time per request by package and by function,
// over the span from its first to its last sample in this package's code.
//
//   node bench/profileWorker.js [--per-day 2000]   (after `npm run build`: the stack packs dist/)

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startQueueStack } = require('../e2e/lib/queueStack');
const { freePort } = require('../e2e/lib/n8n');
const { queueWorkflows, WEBHOOKS } = require('../e2e/queue/lib/workflows');
const { generateCalls } = require('../test/sandbox/seed');
const { summarize } = require('./lib/cpuProfile');
const { LATENCY_MS, FROM, TO, partsOf } = require('./lib/range');

const args = process.argv.slice(2);
const PER_DAY = Number(args[args.indexOf('--per-day') + 1]) || 2000;
const LIST_PATH = '/api/call_transaction/list';
const TRANSPORT = ['sendThrough', 'withRetries', 'exchange'];

const ms = (value, requests) => `${(value / requests).toFixed(2)} ms`;

const on = (frames, functionName, file) =>
	frames.some((f) => f.functionName === functionName && f.url.includes(file));
const among = (names) => (frames, owner) => names.includes(owner);
/** What the worker's time is spent on, first match wins (see bench/lib/cpuProfile.js). */
const GROUPS = [
	{
		name: 'garbage collection',
		test: (frames) => frames[0].functionName === '(garbage collector)',
	},
	{
		name: "n8n: applying the credential's authenticate (an expression, if it is a generic block)",
		test: (frames) => on(frames, 'authenticate', 'credentials-helper'),
	},
	{
		name: 'n8n: reading the credential (decrypt, defaults)',
		test: (frames) =>
			on(frames, 'getDecrypted', 'credentials-helper') ||
			frames.some((f) => /encryption\/(cipher|aes-256-gcm)/.test(f.url)),
	},
	{
		name: "n8n: Postgres client (the credential's reads; the execution's writes)",
		test: among(['pg', 'pg-protocol', 'pg-pool', '@n8n/typeorm', '@n8n/db', 'postgres-date']),
	},
	{
		name: "n8n: saving the execution's data at its end (per item)",
		test: (frames, owner) =>
			on(frames, 'trackWrite', 'execution-persistence') || owner === 'flatted',
	},
	{
		name: "n8n: HTTP client (axios, follow-redirects, n8n's network layer)",
		test: among(['axios', 'follow-redirects', '@n8n/backend-network', 'proxy-from-env']),
	},
	{ name: 'n8n: expressions', test: among(['@n8n/expression-runtime']) },
	{ name: 'this package', test: among(['n8n-nodes-call-history']) },
	{ name: 'n8n: routing, parameters, workflow', test: among(['n8n-core', 'n8n-workflow', 'n8n']) },
];

async function profileSync({ log = console.log } = {}) {
	const profiles = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-profile-'));
	const n8nPort = await freePort();
	const n8nUrl = `http://127.0.0.1:${n8nPort}`;
	log(`Starting n8n main and one worker under --cpu-prof (profiles in ${profiles})...`);
	const stack = await startQueueStack({
		workers: 1,
		n8nPort,
		extraWorkflows: queueWorkflows(n8nUrl, { saveDataSuccessExecution: 'none' }),
		workerEnv: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles}` },
		log,
	});
	let requests;
	let calls = 0;
	try {
		const { sandbox, n8n, workflows } = stack;
		await n8n.activate(workflows['month-sync.json'].id);
		sandbox.calls.replace(
			generateCalls({ from: FROM, to: TO, perDay: PER_DAY, seed: 6, recordingBase: sandbox.url }),
		);
		sandbox.settings.latencyMs = LATENCY_MS;
		sandbox.reset();
		const started = performance.now();
		for (const part of partsOf(sandbox.calls.size)) {
			const range = {
				month: 'bench',
				from: new Date(part.from).toISOString(),
				to: new Date(part.to).toISOString(),
			};
			const { status, body } = await n8n.webhook('POST', WEBHOOKS.month, range);
			if (status !== 200) throw new Error(`the sync answered ${status}: ${JSON.stringify(body)}`);
			calls += body.calls;
		}
		requests = sandbox.received(LIST_PATH).length;
		log(
			`${calls} calls in ${requests} requests, ${Math.round(performance.now() - started)} ms (${ms(performance.now() - started, requests)} per request)`,
		);
		if (calls !== sandbox.calls.size) throw new Error(`${calls} calls of ${sandbox.calls.size}`);
	} finally {
		// The worker writes its profile as it exits.
		await stack.stop();
		fs.rmSync(stack.root, { recursive: true, force: true });
		log(
			`Profiles kept in ${profiles} (node bench/profileWorker.js --analyze ${profiles} <requests>)`,
		);
	}
	return { calls, requests, profiles, ...analyze(profiles) };
}

/** The worker's main-thread profile in `profiles` (the busiest), summarized over the sync. */
function analyze(profiles) {
	// The span: from the first sample in the package's transport (where every request leaves the
	// node) to the last, so that n8n's start, which loads the package, is left out.
	const sending = ({ url, functionName }) =>
		url.includes('/n8n-nodes-call-history/') && TRANSPORT.includes(functionName);
	const [busiest] = fs
		.readdirSync(profiles)
		.map((file) => JSON.parse(fs.readFileSync(path.join(profiles, file), 'utf8')))
		.flatMap((profile) => {
			try {
				return [summarize(profile, sending, { top: 40, groups: GROUPS })];
			} catch {
				return []; // another thread's or a task runner's profile: no sample there
			}
		})
		.sort((a, b) => b.sampledMs - b.idleMs - (a.sampledMs - a.idleMs));
	if (!busiest) throw new Error(`no profile in ${profiles} sampled the transport`);
	return busiest;
}

function report({
	calls,
	requests,
	spanMs,
	sampledMs,
	idleMs,
	gcMs,
	byGroup,
	byPackage,
	bySelf,
	byInclusive,
}) {
	const busy = sampledMs - idleMs;
	const lines = [
		`${calls} calls, ${requests} requests; span ${Math.round(spanMs)} ms (${ms(spanMs, requests)} per request)`,
		`worker main thread busy ${Math.round(busy)} ms: ${ms(busy, requests)} per request (GC ${ms(gcMs, requests)}), idle ${ms(idleMs, requests)}`,
		'',
		'Time per request, by what it is spent on:',
		...byGroup.map(({ name, ms: t }) => `  ${ms(t, requests).padStart(9)}  ${name}`),
		'',
		'Self time per request, by package:',
		...byPackage.map(({ name, ms: t }) => `  ${ms(t, requests).padStart(9)}  ${name}`),
		'',
		'Inclusive time per request (on the stack at all), top functions:',
		...byInclusive.map(({ name, ms: t }) => `  ${ms(t, requests).padStart(9)}  ${name}`),
		'',
		'Self time per request, top functions:',
		...bySelf.map(({ name, ms: t }) => `  ${ms(t, requests).padStart(9)}  ${name}`),
	];
	return lines.join('\n');
}

module.exports = { profileSync, analyze, report };

if (require.main === module) {
	// `--analyze <folder> <requests>`: the report of profiles kept from an earlier run.
	const kept = args.indexOf('--analyze');
	const run =
		kept >= 0
			? Promise.resolve({
					requests: Number(args[kept + 2]),
					calls: '?',
					...analyze(args[kept + 1]),
				})
			: profileSync({ log: (line) => console.error(line) });
	run.then(
		(result) => console.log(report(result)),
		(error) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
