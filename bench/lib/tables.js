'use strict';
// The bench's results as tables: Markdown for the README, aligned text for the terminal.

const MiB = 1024 * 1024;
const fixed = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const ms = (n) => `${Math.round(n).toLocaleString('en')} ms`;
const mib = (n) => `${(n / MiB).toFixed(0)} MiB`;
const count = (n) => n.toLocaleString('en');
const perRequest = (total, requests) => `${(total / requests).toFixed(1)} ms`;
const LATENCY_NOTE = (results) => `${results.overhead?.latencyMs ?? 20} ms latency`;

/** Each table: a title, its header and its rows of text cells. */
function tablesOf(results) {
	const tables = [];
	const { requestCounts, overhead, concurrency, growth, realN8n, queue } = results;
	if (requestCounts) {
		tables.push({
			title: '1. Requests sent against the fewest the API allows',
			header: ['Operation', 'Items', 'Requests', 'Minimum', 'Ratio'],
			rows: requestCounts.map((r) => [
				r.what,
				count(r.items),
				count(r.requests),
				count(r.minimum),
				fixed(r.ratio),
			]),
		});
	}
	if (overhead) {
		tables.push({
			title: `2. The node in n8n-core against a plain fetch loop: ${count(overhead.calls)} calls, ${count(overhead.requests)} requests, ${overhead.latencyMs} ms latency, median of ${overhead.runs}`,
			header: ['Client', 'Wall time', 'Ratio'],
			rows: [
				['Plain fetch loop', ms(overhead.plainMs), '1.00'],
				['Call History node (WorkflowExecute)', ms(overhead.nodeMs), fixed(overhead.ratio)],
			],
		});
		tables.push({
			title: '3. Parallel windows (Requests per Second 0)',
			header: ['Concurrency', 'Wall time', 'Speed-up', 'Requests', 'Most in flight'],
			rows: concurrency.map((c) => [
				String(c.concurrency),
				ms(c.ms),
				`${fixed(c.speedUp)}×`,
				count(c.requests),
				String(c.mostInFlight),
			]),
		});
	}
	if (growth) {
		tables.push({
			title:
				'4, 5. Volume: 90 days, no latency, each run in a fresh process (memory growth over the process before the run)',
			header: [
				'Calls',
				'Requests (minimum)',
				'Wall time',
				'ms per 1,000 calls',
				'Output JSON',
				'Peak RSS growth',
				'Peak heap growth',
				'Heap growth / JSON',
				'Output as objects / JSON',
			],
			rows: growth.map((g) => [
				count(g.items),
				`${count(g.requests)} (${count(g.minimum)})`,
				ms(g.ms),
				fixed(g.msPer1000, 1),
				mib(g.outputBytes),
				mib(g.rssGrowth),
				mib(g.heapGrowth),
				fixed(g.heapGrowth / g.outputBytes),
				fixed(g.outputHeap / g.outputBytes),
			]),
		});
	}
	if (realN8n) {
		const { node, nodeConcurrency8, httpRequest } = realN8n;
		const row = (name, way) => [
			name,
			count(way.requests),
			ms(way.medianMs),
			fixed(way.medianMs / httpRequest.medianMs),
		];
		tables.push({
			title: `6. In real n8n ${realN8n.n8nVersion}: the same 90-day sync of ${count(node.items)} calls, ${count(realN8n.minimumRequests)} requests at the least, ${LATENCY_NOTE(results)}, median of ${node.runsMs.length}`,
			header: ['Workflow', 'Requests', 'Wall time', 'Time / HTTP Request way'],
			rows: [
				row('Call History node, Concurrency 1 (default)', node),
				row('Call History node, Concurrency 8', nodeConcurrency8),
				row(
					'Code node (windows) + HTTP Request node (pagination, all windows at once)',
					httpRequest,
				),
			],
		});
	}
	if (queue) tables.push(...queueTables(queue, results.runs));
	return tables;
}

/** `npm run bench:queue`'s tables (bench/queue.js). */
function queueTables({ n8nVersion, latencyMs, concurrency, year, plain }, runs) {
	const [one] = year.byWorkers;
	return [
		{
			title: `7. Queue mode, n8n ${n8nVersion}: a year of ${count(year.calls)} calls (${year.perDay} a day) synced as 12 monthly executions, Requests per Second 0, ${latencyMs} ms latency, up to ${concurrency} executions per worker, median of ${runs}`,
			header: ['Workers', 'Wall time', 'Speed-up', 'Requests', 'Months per worker, each run'],
			rows: year.byWorkers.map((w) => [
				String(w.workers),
				ms(w.medianMs),
				`${fixed(one.medianMs / w.medianMs)}×`,
				count(w.requests),
				w.perWorker.join('; '),
			]),
		},
		{
			title: `8. Queue mode: one execution on a worker (Concurrency 1) against a plain fetch loop: ${count(plain.calls)} calls, ${count(plain.requests)} requests, ${latencyMs} ms latency, median of ${runs}`,
			header: ['Client', 'Wall time', 'Per request', 'Ratio'],
			rows: [
				['Plain fetch loop', ms(plain.plainMs), perRequest(plain.plainMs, plain.requests), '1.00'],
				[
					'Call History node on an n8n worker (webhook to answer)',
					ms(plain.nodeMs),
					perRequest(plain.nodeMs, plain.requests),
					fixed(plain.ratio),
				],
			],
		},
	];
}

function markdownTables(results) {
	const lines = [
		`Measured ${results.when.slice(0, 10)} on ${results.machine}${results.scale === 1 ? '' : ` (scale ${results.scale})`}.`,
		'',
	];
	for (const { title, header, rows } of tablesOf(results)) {
		lines.push(`**${title}**`, '', `| ${header.join(' | ')} |`);
		lines.push(`| ${header.map(() => '---').join(' | ')} |`);
		for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
		lines.push('');
	}
	return `${lines.join('\n')}`;
}

function textTables(results) {
	const out = [];
	for (const { title, header, rows } of tablesOf(results)) {
		const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
		const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
		out.push(title, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '');
	}
	return out.join('\n');
}

module.exports = { markdownTables, textTables };
