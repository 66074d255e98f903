'use strict';
// Starts one real n8n for the whole end-to-end run (starting it takes a while) and tells the test
// files where it is. Each test file then runs its own sandbox on the port n8n's credentials name,
// so that it can script data and faults and read what the sandbox received.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startStack } = require('./stack');
const { freePort } = require('./n8n');
const { STATE_FILE } = require('./world');

/**
 * The CRM-sync example as shipped, posting to the sandbox's stand-in CRM instead, and with no
 * settle delay, so that a test sees a call emitted at the first poll after it is written.
 */
function crmSyncAgainstSandbox(sandboxPort, example = 'crm-sync-new-calls.json') {
	const workflow = structuredClone(require(`../../examples/${example}`));
	workflow.name = `${workflow.name} (end-to-end test, to the sandbox CRM)`;
	for (const node of workflow.nodes) {
		if (node.type.endsWith('.httpRequest')) {
			node.parameters.url = `http://127.0.0.1:${sandboxPort}/crm/timeline`;
		}
		if (node.type.endsWith('.callHistoryTrigger')) {
			Object.assign(node.parameters, { settleMinutes: 0, lookBackMinutes: 10 });
		}
	}
	return workflow;
}

/**
 * The AI-agent example as shipped, its chat open at its production webhook (Make Chat Publicly
 * Available) so that a test can post to it, answering when the agent ends or streaming.
 */
function askAboutCallsOverWebhook(responseMode, webhookId) {
	const workflow = structuredClone(require('../../examples/ask-about-calls.json'));
	workflow.name = `Ask an AI agent about the calls (end-to-end test, ${responseMode})`;
	const trigger = workflow.nodes.find((node) => node.type.endsWith('.chatTrigger'));
	Object.assign(trigger, { webhookId });
	Object.assign(trigger.parameters, { public: true, mode: 'webhook', options: { responseMode } });
	return workflow;
}

/**
 * A webhook trigger (`type`, `parameters`, `credentials`, its `webhookId`, a UUID ending `c0de`)
 * posting each event's name and call id to the sandbox's CRM, so that a test sees what each
 * execution was started with. Node ids are UUIDs too: n8n's Postgres schema holds 36 characters.
 */
function eventsToCrm(sandboxPort, { name, type, webhookId, parameters, credentials }) {
	const trigger = 'Each call event';
	return {
		name,
		nodes: [
			{
				id: webhookId.replace(/c0de$/, '0001'),
				name: trigger,
				type: `n8n-nodes-call-history.${type}`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters,
				credentials,
			},
			{
				id: webhookId.replace(/c0de$/, '0002'),
				name: 'To the CRM',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: `http://127.0.0.1:${sandboxPort}/crm/events`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ event: $json.event, callId: $json.callId }) }}',
					options: {},
				},
			},
		],
		connections: { [trigger]: { main: [[{ node: 'To the CRM', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The real-time example as shipped (its CRM the sandbox's), and a workflow of every event per vendor. */
function webhookWorkflows(sandboxPort) {
	const example = crmSyncAgainstSandbox(sandboxPort, 'calls-to-crm-in-real-time.json');
	// Its own webhook id: the example as shipped is imported beside it.
	example.nodes[0].webhookId = 'e2e00001-0000-4000-8000-00000000c0de';
	return {
		'calls-to-crm-in-real-time-e2e.json': example,
		'omicall-events-e2e.json': eventsToCrm(sandboxPort, {
			name: 'Every OMICall call event to the CRM (end-to-end test)',
			type: 'omiCallWebhookTrigger',
			webhookId: 'e2e00002-0000-4000-8000-00000000c0de',
			parameters: { events: ['ringing', 'answered', 'hangup'], simplify: true, options: {} },
			credentials: { callHistoryApi: { id: 'callHistorySandbox', name: 'Call History sandbox' } },
		}),
		'vbot-events-e2e.json': eventsToCrm(sandboxPort, {
			name: 'Every VBot manual call event to the CRM (end-to-end test)',
			type: 'vbotWebhookTrigger',
			webhookId: 'e2e00003-0000-4000-8000-00000000c0de',
			parameters: {
				events: ['MANUAL_CALL_LOG', 'MANUAL_CALL_RECORDING', 'MANUAL_CALL_COMPLETE'],
				simplify: true,
				options: {},
			},
			credentials: {
				callHistoryApi: { id: 'vbotWebhook', name: 'VBot sandbox (webhook Auth header)' },
			},
		}),
	};
}

const AGENT_WEBHOOKS = {
	lastNode: 'e2e0a9e1-4c2b-4f7a-9d3e-a1b2c3d4e5f6',
	streaming: 'e2e0a9e1-4c2b-4f7a-9d3e-f6e5d4c3b2a1',
};

module.exports = async function globalSetup() {
	const started = Date.now();
	const screenshots = path.join(os.tmpdir(), 'call-history-e2e-screenshots');
	fs.rmSync(screenshots, { recursive: true, force: true });
	fs.mkdirSync(screenshots, { recursive: true });
	const sandboxPort = await freePort();
	const stack = await startStack({
		n8nPort: Number(process.env.E2E_N8N_PORT ?? (await freePort())),
		sandboxPort,
		token: `e2e-${Date.now().toString(36)}`,
		extraWorkflows: {
			'credential-modes.json': require('../workflows/credential-modes.json'),
			'ai-agent.json': require('../workflows/ai-agent.json'),
			'crm-sync-e2e.json': crmSyncAgainstSandbox(sandboxPort),
			'vbot-project-crm-e2e.json': crmSyncAgainstSandbox(sandboxPort, 'vbot-project-to-crm.json'),
			...webhookWorkflows(sandboxPort),
			...Object.fromEntries(
				Object.entries(AGENT_WEBHOOKS).map(([mode, webhookId]) => [
					`ask-about-calls-${mode}-e2e.json`,
					askAboutCallsOverWebhook(mode, webhookId),
				]),
			),
		},
		log: (text) => process.stdout.write(`${text}\n`),
	});
	await stack.sandbox.close();
	globalThis.callHistoryStack = stack;
	const state = {
		n8nUrl: stack.n8n.url,
		n8nPort: stack.n8n.port,
		version: stack.installed.version,
		installed: stack.installed,
		installedMs: stack.installed.installedMs,
		userFolder: stack.userFolder,
		logFile: stack.n8n.logFile,
		cookie: stack.n8n.cookie,
		owner: stack.owner,
		workflows: stack.workflows,
		credentials: stack.credentials,
		packageDir: stack.packageDir,
		sandbox: {
			port: Number(new URL(stack.sandbox.url).port),
			token: stack.sandbox.token,
			vbotApiKey: stack.sandbox.vbotApiKey,
			modelKey: stack.sandbox.model.apiKey,
			secrets: {
				apiKey: stack.sandbox.tokens.apiKey,
				username: stack.sandbox.tokens.username,
				password: stack.sandbox.tokens.password,
			},
		},
		screenshots,
		agentWebhooks: AGENT_WEBHOOKS,
		startedMs: Date.now() - started,
	};
	fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
	process.stdout.write(
		`\nn8n ${state.version} on ${state.n8nUrl} (ready in ${Math.round(state.startedMs / 1000)} s; install ${Math.round(state.installedMs / 1000)} s), user folder ${state.userFolder}\nScreenshots go to ${screenshots}\n`,
	);
};

module.exports.crmSyncAgainstSandbox = crmSyncAgainstSandbox;
module.exports.webhookWorkflows = webhookWorkflows;
