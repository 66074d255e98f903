'use strict';
// `npm run bench:webhooks`: how soon a vendor's webhook event starts an execution in real n8n, in
// one process (e2e/lib/stack.js) and in queue mode (e2e/lib/queueStack.js: main receives, two
// workers run), through the OMICall Webhook Trigger (every event, Simplify on) posting each event
// to the sandbox's CRM, as e2e/tests/webhookTriggers.test.js runs it:
//   1. one at a time, as a call center sends them: each event POSTed when the one before was
//      answered, 100 ms apart;
//   2. a burst: 500 events in 10 s (one every 20 ms, not waiting for answers), every tenth
//      delivered twice more, as a vendor retrying would: none lost, none twice.
// The same for n8n's own Webhook node feeding the same CRM post, as the yardstick: what n8n itself
// takes, with no memory of events (so repeats start executions), without authentication and with
// Header Auth (a credential, which n8n checks before each execution, as it does the triggers').
// Latency: from just before the event's POST to the execution's startedAt (n8n's own clock, the
// same machine's). Executions are saved (that is where startedAt is read). `--queue-only` skips
// the one-process stack.
// Writes bench/results/webhooks.json and webhooks.md.
//
//   npm run bench:webhooks     (about 10 minutes on 2 cores)

const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { startStack } = require('../e2e/lib/stack');
const { startQueueStack } = require('../e2e/lib/queueStack');
const { freePort } = require('../e2e/lib/n8n');
const { webhookWorkflows } = require('../e2e/lib/globalSetup');
const { UNENDED, executionsOf, outputIn } = require('../e2e/lib/executions');
const { omicallEvents } = require('../test/sandbox/webhooks');
const { makeCall, random } = require('../test/sandbox/seed');

const WORKFLOW = 'omicall-events-e2e.json';
const TRIGGER = 'Each call event';
const ONE_AT_A_TIME = 90;
const ONE_AT_A_TIME_GAP_MS = 100;
const BURST = 500;
const BURST_MS = 10_000;
const REPEAT_EVERY = 10;
const REPEATS = 2;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` OMICall events, whole calls in order (ringing, answered, hangup), from `seed` on. */
function eventsOfCalls(count, seed, sandboxUrl) {
	const events = [];
	for (let s = seed; events.length < count; s++) {
		const call = makeCall(random(s), Date.now(), sandboxUrl, { shape: '2026' });
		for (const { event, body } of omicallEvents(call)) {
			events.push({ key: `${event} ${call.transaction_id}`, body });
		}
	}
	return events.slice(0, count);
}

/** POSTs `body` as JSON to `url`; answers the HTTP status. */
function post(url, body, headers = {}) {
	return new Promise((resolve, reject) => {
		const payload = JSON.stringify(body);
		const request = http.request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode));
			},
		);
		request.on('error', reject);
		request.end(payload);
	});
}

/** The p-th percentile (nearest rank) of `values`. */
function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Each execution of the target's workflow since `after` (an execution id) matched to the event it
 * started with: answers the latencies (ms) and how many events started none or more than one.
 */
async function latencies({ n8n, installed }, target, sent, after) {
	const executions = (await executionsOf(n8n, target.workflowId)).filter(
		(e) => Number(e.id) > after,
	);
	const startedBy = new Map();
	for (const execution of executions) {
		const [item] = await outputIn(n8n, installed, execution.id, target.trigger);
		const key = target.keyOf(item);
		startedBy.set(key, [...(startedBy.get(key) ?? []), Date.parse(execution.startedAt)]);
	}
	const ms = [];
	let lost = 0;
	let twice = 0;
	for (const [key, sentAt] of sent) {
		const starts = startedBy.get(key) ?? [];
		if (starts.length === 0) lost++;
		if (starts.length > 1) twice++;
		if (starts.length > 0) ms.push(starts[0] - sentAt);
	}
	return { executions: executions.length, lost, twice, ms };
}

const lastExecutionId = async (n8n, workflowId) =>
	Math.max(0, ...(await executionsOf(n8n, workflowId)).map((e) => Number(e.id)));

/** Waits until the workflow has `count` ended executions after `after`, saying how many so far. */
async function settle(n8n, workflowId, after, count) {
	const statuses = async () => {
		const newer = (await executionsOf(n8n, workflowId)).filter((e) => Number(e.id) > after);
		const by = {};
		for (const { status } of newer) by[status] = (by[status] ?? 0) + 1;
		return { ended: newer.filter((e) => !UNENDED.includes(e.status)).length, by };
	};
	const deadline = Date.now() + 300_000;
	for (let seen = await statuses(); seen.ended < count; seen = await statuses()) {
		if (Date.now() > deadline) {
			throw new Error(`${count} executions did not end in 5 minutes: ${JSON.stringify(seen.by)}`);
		}
		await sleep(1000);
	}
	await sleep(2000); // any execution more than expected
}

/** Section 1: events one at a time. */
async function oneAtATime(stack, target) {
	const after = await lastExecutionId(stack.n8n, target.workflowId);
	const sent = new Map();
	for (const { key, body } of eventsOfCalls(ONE_AT_A_TIME, 1000, stack.sandbox.url)) {
		sent.set(key, Date.now());
		const status = await post(target.url, body, target.headers);
		if (status !== 200) throw new Error(`an event was answered ${status}`);
		await sleep(ONE_AT_A_TIME_GAP_MS);
	}
	await settle(stack.n8n, target.workflowId, after, sent.size);
	return summary(await latencies(stack, target, sent, after), sent.size, sent.size);
}

/** Section 2: a burst, with retries' duplicates among it. */
async function burst(stack, target) {
	const after = await lastExecutionId(stack.n8n, target.workflowId);
	const events = eventsOfCalls(BURST, 5000, stack.sandbox.url);
	const deliveries = events.flatMap((event, i) =>
		Array.from({ length: i % REPEAT_EVERY === 0 ? 1 + REPEATS : 1 }, () => event),
	);
	const gap = BURST_MS / deliveries.length;
	const sent = new Map();
	const answers = [];
	const started = Date.now();
	for (const [i, { key, body }] of deliveries.entries()) {
		await sleep(Math.max(0, started + i * gap - Date.now()));
		if (!sent.has(key)) sent.set(key, Date.now());
		answers.push(post(target.url, body, target.headers));
	}
	const sendMs = Date.now() - started;
	const statuses = await Promise.all(answers);
	if (statuses.some((status) => status !== 200)) throw new Error(`answers: ${statuses}`);
	const expected = target.dedupes ? sent.size : deliveries.length;
	await settle(stack.n8n, target.workflowId, after, expected);
	const result = await latencies(stack, target, sent, after);
	return { ...summary(result, sent.size, deliveries.length), sendMs };
}

function summary({ executions, lost, twice, ms }, events, requests) {
	return {
		events,
		requests,
		executions,
		lost,
		twice,
		p50: percentile(ms, 50),
		p95: percentile(ms, 95),
		max: Math.max(...ms),
	};
}

/**
 * What is measured: the OMICall Webhook Trigger, and, as the yardstick, n8n's own Webhook node
 * (no check, no memory of events) feeding the same CRM post.
 */
function targetsOf(stack) {
	const { n8n, workflows, sandbox } = stack;
	return [
		{
			name: 'OMICall Webhook Trigger',
			workflowId: workflows[WORKFLOW].id,
			trigger: TRIGGER,
			url: () => sandbox.webhooks.omicall.get('call').url,
			keyOf: (item) => `${item.event} ${item.callId}`,
			dedupes: true,
		},
		...Object.entries(YARDSTICKS).map(([file, { name, path: webhookPath, headers }]) => ({
			name,
			workflowId: workflows[file].id,
			trigger: 'Webhook',
			url: () => `${n8n.url}/webhook/${webhookPath}`,
			headers,
			keyOf: (item) => `${item.body.event} ${item.body.transaction_id}`,
			dedupes: false,
		})),
	];
}

/** Both sections for each target against a running stack, its workflow active. */
async function measure(stack, label, log) {
	const results = {};
	for (const target of targetsOf(stack)) {
		await stack.n8n.activate(target.workflowId);
		try {
			const active = { ...target, url: target.url() };
			log(`${label}, ${target.name}: ${ONE_AT_A_TIME} events one at a time`);
			const single = await oneAtATime(stack, active);
			log(`  ${JSON.stringify(single)}`);
			log(`${label}, ${target.name}: a burst of ${BURST} events in ${BURST_MS / 1000} s`);
			const many = await burst(stack, active);
			log(`  ${JSON.stringify(many)}`);
			results[target.name] = { oneAtATime: single, burst: many };
		} finally {
			await stack.n8n.deactivate(target.workflowId);
		}
	}
	return results;
}

function markdown(results) {
	const row = (mode, node, what, r) =>
		`| ${mode} | ${node} | ${what} | ${r.events} | ${r.requests} | ${r.executions} | ${r.lost} | ${r.twice} | ${r.p50} ms | ${r.p95} ms | ${r.max} ms |`;
	const lines = [
		`Webhook event to execution start, n8n ${results.n8nVersion}, ${results.machine} (${results.when.slice(0, 10)}):`,
		'',
		'| n8n | Trigger | Events sent | Events | Requests | Executions | Lost | Twice | p50 | p95 | Max |',
		'| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const [mode, byNode] of Object.entries(results.modes)) {
		for (const [node, { oneAtATime: single, burst: many }] of Object.entries(byNode)) {
			lines.push(row(mode, node, `one at a time, ${ONE_AT_A_TIME_GAP_MS} ms apart`, single));
			lines.push(row(mode, node, `burst in ${(many.sendMs / 1000).toFixed(1)} s`, many));
		}
	}
	return `${lines.join('\n')}\n`;
}

/**
 * n8n's Webhook node posting each event's name and call id to the sandbox's CRM: without
 * authentication, and with Header Auth, a credential as the vendors' triggers have (n8n checks a
 * workflow's credentials before each execution).
 */
const YARDSTICKS = {
	'plain-webhook-bench.json': { name: "n8n's Webhook node", path: 'bench-plain' },
	'header-auth-webhook-bench.json': {
		name: "n8n's Webhook node, Header Auth",
		path: 'bench-header-auth',
		headers: { authorization: 'Bearer bench' },
		credential: { id: 'benchHeaderAuth', name: 'Bench Header Auth' },
	},
};
const HEADER_AUTH_CREDENTIAL = {
	...YARDSTICKS['header-auth-webhook-bench.json'].credential,
	type: 'httpHeaderAuth',
	data: { name: 'Authorization', value: 'Bearer bench' },
};

function webhookToCrm(sandboxPort, { name, path: webhookPath, credential }, index) {
	const [trigger, crm] = webhookWorkflows(sandboxPort)[WORKFLOW].nodes;
	const webhook = {
		...trigger,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `bench00${index}-0000-4000-8000-00000000c0de`,
		parameters: {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: 'onReceived',
			...(credential && { authentication: 'headerAuth' }),
			options: {},
		},
		credentials: credential && { httpHeaderAuth: credential },
	};
	const body =
		'={{ JSON.stringify({ event: $json.body.event, callId: $json.body.transaction_id }) }}';
	return {
		name: `${name} to the CRM (bench yardstick)`,
		nodes: [webhook, { ...crm, parameters: { ...crm.parameters, jsonBody: body } }],
		connections: { Webhook: { main: [[{ node: crm.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function withStack(start, label, log) {
	const sandboxPort = await freePort();
	const stack = await start({
		n8nPort: await freePort(),
		sandboxPort,
		extraWorkflows: {
			...webhookWorkflows(sandboxPort),
			...Object.fromEntries(
				Object.entries(YARDSTICKS).map(([file, yardstick], i) => [
					file,
					webhookToCrm(sandboxPort, yardstick, i),
				]),
			),
		},
		extraCredentials: [HEADER_AUTH_CREDENTIAL],
		log: () => undefined,
	});
	try {
		return { version: stack.installed.version, result: await measure(stack, label, log) };
	} finally {
		await stack.stop();
		if (stack.root && !process.env.E2E_KEEP)
			fs.rmSync(stack.root, { recursive: true, force: true });
		if (stack.userFolder && !process.env.E2E_KEEP)
			fs.rmSync(stack.userFolder, { recursive: true, force: true });
	}
}

async function main() {
	const log = (line) => console.log(line);
	const startedAt = Date.now();
	const results = {
		when: new Date().toISOString(),
		machine: `${os.cpus().length} cores, Node ${process.version}`,
		modes: {},
	};
	if (!process.argv.includes('--queue-only')) {
		log('Starting n8n (one process)...');
		const single = await withStack(startStack, 'one process', log);
		results.n8nVersion = single.version;
		results.modes['One process'] = single.result;
	}
	log('Starting n8n in queue mode (main, two workers, Postgres, Redis)...');
	const queue = await withStack(startQueueStack, 'queue mode', log);
	results.n8nVersion = queue.version;
	results.modes['Queue mode'] = queue.result;
	results.seconds = (Date.now() - startedAt) / 1000;
	const dir = path.join(__dirname, 'results');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'webhooks.json'), `${JSON.stringify(results, null, '\t')}\n`);
	fs.writeFileSync(path.join(dir, 'webhooks.md'), markdown(results));
	console.log(`\n${markdown(results)}`);
	console.log(
		`Written to bench/results/webhooks.json and webhooks.md in ${results.seconds.toFixed(0)} s.`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
