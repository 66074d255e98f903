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
function crmSyncAgainstSandbox(sandboxPort) {
	const workflow = structuredClone(require('../../examples/crm-sync-new-calls.json'));
	workflow.name = 'Every new call to the sandbox CRM (end-to-end test)';
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
			'crm-sync-e2e.json': crmSyncAgainstSandbox(sandboxPort),
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
			secrets: {
				apiKey: stack.sandbox.tokens.apiKey,
				username: stack.sandbox.tokens.username,
				password: stack.sandbox.tokens.password,
			},
		},
		screenshots,
		startedMs: Date.now() - started,
	};
	fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
	process.stdout.write(
		`\nn8n ${state.version} on ${state.n8nUrl} (ready in ${Math.round(state.startedMs / 1000)} s; install ${Math.round(state.installedMs / 1000)} s), user folder ${state.userFolder}\nScreenshots go to ${screenshots}\n`,
	);
};

module.exports.crmSyncAgainstSandbox = crmSyncAgainstSandbox;
