'use strict';
// n8n loads the packed package from its user folder's nodes folder, as it does for a community
// package installed by a user, and lists its node and credential.

const fs = require('node:fs');
const path = require('node:path');
const { useWorld } = require('../lib/world');

const world = useWorld();
const NODE_TYPE = 'n8n-nodes-call-history.callHistory';

async function typesList(kind) {
	const res = await fetch(`${world.state.n8nUrl}/types/${kind}.json`, {
		headers: { cookie: world.n8n.cookie },
	});
	expect(res.status).toBe(200);
	return res.json();
}

test('the node, its Tool variant, the trigger and the credential are in n8n’s types lists', async () => {
	const nodes = await typesList('nodes');
	const node = nodes.find((n) => n.name === NODE_TYPE);
	expect(node).toMatchObject({
		displayName: 'Call History',
		credentials: [{ name: 'callHistoryApi', required: true }],
		usableAsTool: true,
	});
	expect(node.properties.map((p) => p.name)).toEqual(
		expect.arrayContaining(['resource', 'operation', 'fromDate', 'toDate', 'transactionId']),
	);
	// n8n's Tool variant, for AI agents: in the AI tools panel's Other Tools ("Action in an app").
	const tool = nodes.find((n) => n.name === `${NODE_TYPE}Tool`);
	expect(tool).toMatchObject({ displayName: 'Call History Tool', outputs: ['ai_tool'] });
	expect(tool.codex).toMatchObject({
		categories: ['AI'],
		subcategories: { AI: ['Tools'], Tools: ['Other Tools'] },
		alias: expect.arrayContaining(['OMICall', 'VBot']),
	});
	const trigger = nodes.find((n) => n.name === `${NODE_TYPE}Trigger`);
	expect(trigger).toMatchObject({
		displayName: 'Call History Trigger',
		polling: true,
		credentials: [{ name: 'callHistoryApi', required: true }],
	});
	// n8n adds the poll schedule to every polling node.
	expect(trigger.properties.map((p) => p.name)).toEqual(
		expect.arrayContaining([
			'pollTimes',
			'source',
			'startFrom',
			'settleMinutes',
			'lookBackMinutes',
		]),
	);

	const credentials = await typesList('credentials');
	expect(credentials.find((c) => c.name === 'callHistoryApi')).toMatchObject({
		displayName: 'OMICall / VBot Call History API',
	});
});

test('n8n logs nothing about the package but that it loaded it', () => {
	const log = fs.readFileSync(world.state.logFile, 'utf8');
	const aboutUs = log
		.split('\n')
		// n8n's own files live in a cache folder named after this project: not about the package.
		.map((line) => line.replaceAll(world.state.installed.root, '<n8n>'))
		.filter((line) => /call-history|callHistory|CallHistory/.test(line))
		.filter((line) => /warn|error|fail|could not|unable/i.test(line));
	expect(aboutUs).toEqual([]);
	expect(log).toMatch(/Editor is now accessible via/);
});

test('the installed package carries no dependencies of its own: what it imports, n8n provides', () => {
	const installed = JSON.parse(
		fs.readFileSync(path.join(world.state.packageDir, 'package.json'), 'utf8'),
	);
	expect(installed.dependencies ?? {}).toEqual({});
	expect(fs.existsSync(path.join(world.state.packageDir, 'node_modules'))).toBe(false);
});
