'use strict';
// The same 90-day call-list sync, done two ways inside ONE real n8n against the same sandbox:
//   node:        Webhook → Call History (Call › Get Many, Return All, 3 days per request,
//                no pacing) → Summarize (count, distinct transaction_ids); and the same with
//                Concurrency 8 (nodeConcurrency8)
//   httpRequest: Webhook → Code (one item per 3-day window) → HTTP Request (Header Auth,
//                "Update a Parameter in Each Request": page = $pageCount + 1, complete when
//                !payload.has_next, size 50) → Split Out (payload.items) → Summarize
// i.e. this package's node against the way n8n users do it today without it. The workflows
// (bench/real-n8n/*.json, placeholders filled here) are activated, and each run is timed from the
// bench process as the HTTP call to the workflow's production webhook (responseMode "lastNode",
// answering with the Summarize item), so the time is the run inside the running n8n, without
// any CLI start-up. Runs alternate (node, httpRequest, node, …); the sandbox's request log is
// reset before each run and counted after it. Both workflows save no data of successful
// executions (saveDataSuccessExecution "none"), so n8n's database writes of 18,000 items are not
// part of either time. Note that the HTTP Request node pages all its input items (windows) at
// once, not one after the other, while the Call History node walks its windows in turn.
//
//   node bench/realN8n.js      (after `npm run build`: the stack packs dist/)

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startStack, workflowIdOf } = require('../e2e/lib/stack');
const { freePort } = require('../e2e/lib/n8n');
const { median } = require('./lib/median');
const { fewestListRequests } = require('./lib/minimum');
const { generateCalls, DAY, HOUR } = require('../test/sandbox/seed');

const TEMPLATES = path.join(__dirname, 'real-n8n');
const LIST_PATH = '/api/call_transaction/list';
const WINDOW_DAYS = 3;
const PAGE_SIZE = 50;
const VIETNAM_OFFSET = 7 * HOUR;

/** The generic credential the HTTP Request way uses: `Authorization: Bearer <sandbox token>`. */
const HEADER_AUTH = { id: 'benchHeaderAuth', name: 'Call History sandbox (Header Auth)' };

/** Each way: its workflow template, and for the Call History node, its Concurrency option. */
const WAYS = {
	node: { template: 'call-history-node.json', concurrency: 1 },
	nodeConcurrency8: { template: 'call-history-node.json', concurrency: 8 },
	httpRequest: { template: 'http-request.json' },
};
const fileOf = (name) => `bench-${name}.json`;
const webhookPathOf = (name) => `bench-${name}`;

/** Epoch ms as ISO 8601 in Vietnam time, e.g. 2026-01-31T23:59:59.999+07:00. */
function vietnamIso(ms) {
	return new Date(ms + VIETNAM_OFFSET).toISOString().replace('Z', '+07:00');
}

/** `days` days ending (exclusive) at the last round hour: both bounds inclusive, in epoch ms. */
function rangeOf(days) {
	const end = Math.floor(Date.now() / HOUR) * HOUR;
	return { from: end - days * DAY, to: end - 1 };
}

/** The windows the Code node builds: contiguous, non-overlapping, both bounds inclusive. */
function windowsOf({ from, to }) {
	const windowMs = WINDOW_DAYS * DAY;
	const windows = [];
	for (let start = from; start <= to; start += windowMs) {
		windows.push({ from: start, to: Math.min(start + windowMs - 1, to) });
	}
	return windows;
}

/** A workflow of bench/real-n8n/ with its `__PLACEHOLDERS__` filled. */
function workflowFrom(file, values) {
	let text = fs.readFileSync(path.join(TEMPLATES, file), 'utf8');
	for (const [name, value] of Object.entries(values)) text = text.replaceAll(`__${name}__`, value);
	const left = /__[A-Z_]+__/.exec(text);
	if (left) throw new Error(`${file}: no value for ${left[0]}`);
	return JSON.parse(text);
}

/**
 * For the log: the span from the first request of a run to the last, and how many requests the
 * sandbox held at once at most (each is held `latencyMs` before it is answered).
 */
function trafficOf(requests, latencyMs) {
	const arrivals = requests.map((r) => r.at).sort((a, b) => a - b);
	let inFlight = 0;
	for (let i = 0, j = 0; i < arrivals.length; i++) {
		while (arrivals[j] <= arrivals[i] - Math.max(1, latencyMs)) j++;
		inFlight = Math.max(inFlight, i - j + 1);
	}
	return { spanMs: arrivals.length ? arrivals.at(-1) - arrivals[0] : 0, inFlight };
}

/**
 * Runs the comparison; returns
 * { node, nodeConcurrency8, httpRequest: { requests, medianMs, runsMs, items },
 * minimumRequests, n8nVersion }.
 * `requests` and `items` are per run (they must be the same in every run, or this throws).
 * `waitBeforeMeasuring` is awaited once n8n is up and before the first timed run, so a caller can
 * do untimed work while n8n starts.
 */
async function compareInRealN8n({
	days = 90,
	perDay = 200,
	latencyMs = 20,
	runs = 3,
	log = console.log,
	waitBeforeMeasuring = async () => undefined,
} = {}) {
	const range = rangeOf(days);
	const windows = windowsOf(range);
	// The HTTP Request node's URL is written into its workflow before n8n starts, so the sandbox
	// gets a port chosen here.
	const [n8nPort, sandboxPort] = [await freePort(), await freePort()];
	const values = {
		FROM_ISO: vietnamIso(range.from),
		TO_ISO: vietnamIso(range.to),
		BASE_URL: `http://127.0.0.1:${sandboxPort}`,
		HEADER_AUTH_ID: HEADER_AUTH.id,
		HEADER_AUTH_NAME: HEADER_AUTH.name,
	};
	const extraWorkflows = Object.fromEntries(
		Object.entries(WAYS).map(([name, way]) => {
			const workflow = workflowFrom(way.template, {
				...values,
				VARIANT: `(concurrency ${way.concurrency})`,
				WEBHOOK_PATH: webhookPathOf(name),
			});
			const node = workflow.nodes.find((n) => n.type.endsWith('.callHistory'));
			if (node) node.parameters.options.concurrency = way.concurrency;
			return [fileOf(name), workflow];
		}),
	);

	log(`Starting n8n (port ${n8nPort}) and the sandbox (port ${sandboxPort})...`);
	// A user folder of its own (SQLite database, installed package, n8n.log): removed after a
	// good run, kept after a failed one for its log.
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-bench-n8n-'));
	let stack;
	let finished = false;
	try {
		// The Header Auth credential the HTTP Request way uses holds the sandbox's token, chosen here.
		const token = `bench-${Date.now().toString(36)}`;
		const extraCredentials = [
			{
				...HEADER_AUTH,
				type: 'httpHeaderAuth',
				data: { name: 'Authorization', value: `Bearer ${token}` },
			},
		];
		stack = await startStack({
			n8nPort,
			sandboxPort,
			token,
			userFolder,
			extraWorkflows,
			extraCredentials,
			log,
		});
		const { sandbox, n8n } = stack;
		if (!sandbox.url.endsWith(`:${sandboxPort}`)) throw new Error(`sandbox is on ${sandbox.url}`);
		sandbox.settings.latencyMs = latencyMs;
		sandbox.calls.replace(generateCalls({ ...range, perDay }));
		const expected = sandbox.calls.range(range.from, range.to).length;
		const minimumRequests = fewestListRequests(
			windows.map((w) => sandbox.calls.range(w.from, w.to).length),
			Infinity,
			PAGE_SIZE,
		);
		log(
			`${expected} calls from ${values.FROM_ISO} to ${values.TO_ISO}, ${windows.length} windows of ` +
				`${WINDOW_DAYS} days, at least ${minimumRequests} requests; sandbox latency ${latencyMs} ms`,
		);

		for (const name of Object.keys(WAYS)) await n8n.activate(workflowIdOf(fileOf(name)));
		await waitBeforeMeasuring();

		const measured = Object.fromEntries(Object.keys(WAYS).map((name) => [name, []]));
		for (let run = 1; run <= runs; run++) {
			for (const name of Object.keys(WAYS)) {
				sandbox.reset();
				const { ms, status, body } = await n8n.webhook('GET', webhookPathOf(name));
				if (status !== 200) {
					throw new Error(`${name} answered ${status}: ${JSON.stringify(body).slice(0, 1000)}`);
				}
				const requests = sandbox.requests.length;
				const lists = sandbox.received(LIST_PATH).length;
				const items = body.count_transaction_id;
				const distinct = body.unique_count_transaction_id;
				const { spanMs, inFlight } = trafficOf(sandbox.requests, latencyMs);
				log(
					`run ${run} ${name}: ${Math.round(ms)} ms, ${requests} requests (first to last ` +
						`${spanMs} ms, up to ${inFlight} at once), ${items} calls (${distinct} distinct ` +
						'transaction_ids)',
				);
				if (lists !== requests) {
					throw new Error(`${name}: ${requests - lists} requests other than ${LIST_PATH}`);
				}
				if (items !== expected || distinct !== expected) {
					throw new Error(
						`${name} output ${items} calls (${distinct} distinct), the range holds ${expected}: ` +
							JSON.stringify(body),
					);
				}
				measured[name].push({ ms, requests, items });
			}
		}

		const summary = (rows) => {
			const [first] = rows;
			for (const key of ['requests', 'items']) {
				if (rows.some((row) => row[key] !== first[key])) {
					throw new Error(`${key} differ between runs: ${rows.map((r) => r[key]).join(', ')}`);
				}
			}
			const runsMs = rows.map((row) => Math.round(row.ms));
			return { requests: first.requests, medianMs: median(runsMs), runsMs, items: first.items };
		};
		const result = {
			...Object.fromEntries(Object.entries(measured).map(([name, rows]) => [name, summary(rows)])),
			minimumRequests,
			n8nVersion: stack.installed.version,
		};
		finished = true;
		return result;
	} finally {
		await stack?.stop();
		if (finished) fs.rmSync(userFolder, { recursive: true, force: true });
		else log(`n8n's user folder, with its log (n8n.log), is kept: ${userFolder}`);
	}
}

module.exports = { compareInRealN8n };

if (require.main === module) {
	const started = Date.now();
	// Progress on stderr, the result alone on stdout.
	compareInRealN8n({ log: (line) => console.error(line) }).then(
		(result) => {
			console.log(JSON.stringify(result, null, 2));
			console.error(`Done in ${Math.round((Date.now() - started) / 1000)} s.`);
		},
		(error) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
