'use strict';
// `npm start`, the main job: the API sandbox and a real n8n with this package loaded, a credential
// for each platform and the example workflows imported. Ctrl-C stops everything it started.
//   N8N_PORT=5678 (default)   SANDBOX_PORT / SANDBOX_TOKEN (default: any free port, a random token)
//   E2E_N8N_VERSION=2.40.7 (default; a recipe under e2e/n8n/)

const { startStack } = require('./lib/stack');
const { DEMO_VBOT } = require('../test/sandbox/demo');

async function main() {
	const started = Date.now();
	const stack = await startStack();
	const { n8n, sandbox, owner, workflows } = stack;
	const line = (text = '') => console.log(text);
	line();
	line(`n8n ${stack.installed.version} is running with n8n-nodes-call-history loaded:`);
	line(`  Open     ${n8n.url}`);
	line(`  Log in   ${owner.email} / ${owner.password}`);
	line('  Workflows (open one, press "Execute workflow"):');
	for (const { id, name } of Object.values(workflows)) {
		line(`    ${name}: ${n8n.url}/workflow/${id}`);
	}
	line(`  Its user folder (database, log, installed package): ${stack.userFolder}`);
	line();
	line(`API sandbox on 127.0.0.1 with ${stack.demo.calls} calls over the last 30 days:`);
	line(`  Call History API  ${sandbox.url}`);
	line(`  VBot API          ${sandbox.vbotUrl}`);
	line(`  Access Token      ${sandbox.token}`);
	line(
		`  VBot Call: VBot ID ${DEMO_VBOT.vbotId}, Project Code ${DEMO_VBOT.projectCode}, Phone one of ${DEMO_VBOT.phones.join(', ')}`,
	);
	line(`  API Key           ${sandbox.tokens.apiKey}`);
	line(`  VBot username     ${sandbox.tokens.username} / ${sandbox.tokens.password}`);
	line(`  Scripted model    ${sandbox.url}/v1 (OpenAI-compatible, for the AI-agent example)`);
	line(
		`  (n8n's credentials "${Object.values(stack.credentials)
			.map((c) => c.name)
			.join('", "')}" point at it)`,
	);
	line();
	line(
		`Started in ${Math.round((Date.now() - started) / 1000)} s. Press Ctrl-C to stop n8n and the sandbox.`,
	);

	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		console.log('Stopping n8n and the sandbox...');
		await stack.stop();
		console.log('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	n8n.exited.then((code) => {
		if (!stopping) {
			console.error(`n8n exited by itself (${code}); see ${n8n.logFile}`);
			stop(1);
		}
	});
}

main().catch((error) => {
	console.error(error.message ?? error);
	process.exit(1);
});
