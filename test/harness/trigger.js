'use strict';
// Polls the Call History Trigger the way n8n does: n8n-core's TriggersAndPollers.runPollFunction
// with a PollContext over a Workflow holding the trigger's static data, and the test credentials
// helper of ./n8n.js. Static data goes in and comes out as JSON, as n8n keeps it in its database
// between polls, so every poll is also a restart.

const { PollContext, TriggersAndPollers, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const path = require('node:path');
const { DIST, additionalDataFor, nodeTypesOf, packageNode } = require('./n8n');

const { CallHistoryTrigger } = require(
	path.join(DIST, 'nodes/CallHistoryTrigger/CallHistoryTrigger.node.js'),
);
const TRIGGER_NAME = 'Call History Trigger';

/**
 * One poll. `mode` 'trigger' (an active workflow) or 'manual' ("Fetch Test Event").
 * Returns { items, json, error, staticData } with staticData as n8n would save it.
 */
async function pollTrigger({
	parameters,
	credentials,
	staticData = {},
	mode = 'trigger',
	timezone = 'Asia/Ho_Chi_Minh',
}) {
	const nodeType = new CallHistoryTrigger();
	const node = packageNode('trigger-1', TRIGGER_NAME, 'callHistoryTrigger', parameters);
	const workflowData = {
		id: 'wf-trigger',
		name: 'trigger test',
		nodes: [node],
		connections: {},
		active: true,
		settings: { timezone },
	};
	const workflow = new Workflow({
		...workflowData,
		staticData: JSON.parse(JSON.stringify(staticData)),
		nodeTypes: nodeTypesOf(nodeType),
	});
	const hooks = new ExecutionLifecycleHooks(mode, undefined, workflowData);
	const context = new PollContext(
		workflow,
		node,
		additionalDataFor(credentials, hooks),
		mode,
		'activate',
	);
	const outcome = await new TriggersAndPollers().runPollFunction(workflow, node, context).then(
		(result) => ({ items: result?.[0] ?? [], error: undefined }),
		(error) => ({ items: [], error }),
	);
	return {
		...outcome,
		json: outcome.items.map((item) => item.json),
		staticData: JSON.parse(JSON.stringify(workflow.staticData)),
	};
}

/** The trigger's saved state in `staticData`. */
const stateIn = (staticData) => staticData[`node:${TRIGGER_NAME}`]?.callHistoryTrigger;

/**
 * Polls on as n8n does: what a successful poll saved is what the next one starts from.
 * `credentials` is a function, so that a test can change them between polls.
 */
function triggerPoller(parameters, credentials) {
	let staticData = {};
	return {
		async poll(mode = 'trigger') {
			// Polls a few milliseconds apart, as real ones are minutes apart: a poll reads up to its own now.
			await new Promise((resolve) => setTimeout(resolve, 5));
			const result = await pollTrigger({
				parameters,
				credentials: credentials(),
				staticData,
				mode,
			});
			if (mode === 'trigger' && !result.error) staticData = result.staticData;
			return { ...result, ids: result.json.map((call) => call.transaction_id) };
		},
		get state() {
			return stateIn(staticData);
		},
		set state(state) {
			staticData = { [`node:${TRIGGER_NAME}`]: { callHistoryTrigger: state } };
		},
		get staticData() {
			return staticData;
		},
		set staticData(data) {
			staticData = data;
		},
	};
}

module.exports = { pollTrigger, stateIn, triggerPoller, TRIGGER_NAME };
