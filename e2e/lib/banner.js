'use strict';
// What `npm start` and `npm run start:queue` print once the stack is up: where n8n is, how to log
// in, the example workflows, and the sandbox's addresses and secrets.

const { DEMO_VBOT } = require('../../test/sandbox/demo');

function bannerOf(stack) {
	const { n8n, sandbox, owner, workflows } = stack;
	return [
		'',
		`n8n ${stack.installed.version} is running with ${stack.packageNames.join(', ')} loaded:`,
		`  Open     ${n8n.url}`,
		`  Log in   ${owner.email} / ${owner.password}`,
		'  Workflows (open one, press "Execute workflow"):',
		...Object.values(workflows).map(({ id, name }) => `    ${name}: ${n8n.url}/workflow/${id}`),
		`  Its user folder (database, log, installed package): ${n8n.userFolder}`,
		'',
		`API sandbox on 127.0.0.1 with ${stack.demo.calls} calls over the last 30 days:`,
		`  Call History API  ${sandbox.url}`,
		`  VBot API          ${sandbox.vbotUrl}`,
		`  VBot v3 API       ${sandbox.vbotV3Url}  (API key ${sandbox.vbotApiKey}; the project's call log)`,
		`  Access Token      ${sandbox.token}`,
		`  VBot Call: VBot ID ${DEMO_VBOT.vbotId}, Project Code ${DEMO_VBOT.projectCode}, Phone one of ${DEMO_VBOT.phones.join(', ')}`,
		`  API Key           ${sandbox.tokens.apiKey}`,
		`  VBot username     ${sandbox.tokens.username} / ${sandbox.tokens.password}`,
		`  Scripted model    ${sandbox.url}/v1 (OpenAI-compatible, for the AI-agent example)`,
		`  (n8n's credentials "${Object.values(stack.credentials)
			.map((c) => c.name)
			.join('", "')}" point at it)`,
	];
}

module.exports = { bannerOf };
