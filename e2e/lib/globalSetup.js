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
