'use strict';
// A workflow's executions as n8n's REST API gives them (the editor's Executions list), with what
// a node output in each: for the tests and the bench that start executions from outside.

const path = require('node:path');
const { waitFor } = require('./n8n');

/** n8n's own `flatted`, which its execution data is written in. */
const flattedOf = (installed) => require(path.join(installed.root, 'node_modules', 'flatted'));

// Every status: with a status filter n8n lists by id (without one, finished ones by startedAt,
// which in queue mode is not id order, so that paging by id would skip some).
const STATUSES = [
	'canceled',
	'crashed',
	'error',
	'new',
	'running',
	'success',
	'unknown',
	'waiting',
];

/**
 * The workflow's executions, oldest first: { id, status, mode, startedAt, stoppedAt }. n8n lists
 * them newest first, at most 100 a request, each page below the last one's lowest id.
 */
async function executionsOf(n8n, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: STATUSES }));
	const all = [];
	for (let lastId; ; ) {
		const below = lastId === undefined ? '' : `&lastId=${lastId}`;
		const { results } = await n8n.rest('GET', `/executions?filter=${filter}&limit=100${below}`);
		all.push(...results);
		if (results.length < 100) break;
		lastId = Math.min(...results.map((e) => Number(e.id)));
	}
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/** The items `nodeName` output in execution `id`. */
async function outputIn(n8n, installed, id, nodeName) {
	const execution = await n8n.rest('GET', `/executions/${id}`);
	const run = flattedOf(installed).parse(execution.data);
	const tasks = run.resultData.runData[nodeName] ?? [];
	return tasks.flatMap((task) => task.data.main[0].map((item) => item.json));
}

/** The statuses of an execution that has not ended. */
const UNENDED = ['new', 'running', 'waiting'];

/** Waits until the workflow has `count` executions, all ended; answers them, oldest first. */
async function endedExecutions(n8n, workflowId, count, { timeoutMs = 60_000 } = {}) {
	let executions = [];
	const ended = async () => {
		executions = await executionsOf(n8n, workflowId);
		return executions.length >= count && executions.every((e) => !UNENDED.includes(e.status));
	};
	await waitFor(ended, { timeoutMs, what: `${count} ended executions of ${workflowId}` });
	return executions;
}

/**
 * endedExecutions, each with `items`: what `nodeName` output in it (a trigger's: the event it
 * started with).
 */
async function endedWithOutput(n8n, installed, workflowId, count, nodeName, options) {
	const executions = await endedExecutions(n8n, workflowId, count, options);
	const withItems = [];
	for (const execution of executions) {
		withItems.push({ ...execution, items: await outputIn(n8n, installed, execution.id, nodeName) });
	}
	return withItems;
}

module.exports = { executionsOf, outputIn, endedExecutions, endedWithOutput, UNENDED };
