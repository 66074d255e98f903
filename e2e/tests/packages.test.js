'use strict';
// The three packages of `npm run packages` in real n8n (README.md, "Which package to install"):
// each vendor package alone in a fresh n8n, its examples run against the sandbox (list, detail,
// update, report or count, and its trigger), its node opened in the editor; then all three
// installed together, each node naming its own credential type only.

const os = require('node:os');
const path = require('node:path');
const { PACKAGES } = require('../../scripts/packageList');
const { crmSyncAgainstSandbox } = require('../lib/globalSetup');
const { launchBrowser } = require('../lib/browser');
const { builtPackages } = require('../lib/packages');
const { freePort, waitFor } = require('../lib/n8n');
const { startStack } = require('../lib/stack');
const { outputOf } = require('../lib/world');

const HOUR = 3_600_000;
const quiet = () => {};

let built;
beforeAll(() => {
	built = builtPackages();
}, 300_000);

/** A fresh n8n with `packages` installed, and with `extraWorkflows` (of the combined package). */
async function stackWith(packages, extraWorkflows = () => ({})) {
	const sandboxPort = await freePort();
	return startStack({
		n8nPort: await freePort(),
		sandboxPort,
		token: `packages-${Date.now().toString(36)}`,
		packages,
		extraWorkflows: extraWorkflows(sandboxPort),
		log: quiet,
	});
}

async function typesList(stack, kind) {
	const res = await fetch(`${stack.n8n.url}/types/${kind}.json`, {
		headers: { cookie: stack.n8n.cookie },
	});
	expect(res.status).toBe(200);
	return res.json();
}

/** Our packages' node and credential types that n8n lists, by package name. */
async function oursListed(stack) {
	const nodes = await typesList(stack, 'nodes');
	const credentials = await typesList(stack, 'credentials');
	const ours = (name) => PACKAGES.some((pkg) => name.startsWith(`${pkg.name}.`));
	return {
		nodes: nodes.filter((node) => ours(node.name)),
		credentials: credentials.map((credential) => credential.name),
	};
}

/** A CRM sync that starts from two hours ago: n8n's poll at activation emits that span's calls. */
function crmSyncFromEarlier(sandboxPort, example) {
	const workflow = crmSyncAgainstSandbox(sandboxPort, example);
	const trigger = workflow.nodes.find((node) => node.type.endsWith('.callHistoryTrigger'));
	const startDate = new Date(Date.now() - 2 * HOUR).toISOString();
	Object.assign(trigger.parameters, { startFrom: 'date', startDate });
	return { workflow, from: Date.parse(startDate) };
}

/**
 * Activates the CRM sync and waits until it has posted `expected` (call ids), then deactivates:
 * answers what it posted.
 */
async function postedOnActivation(stack, file, expected) {
	const { id } = stack.workflows[file];
	await stack.n8n.activate(id);
	try {
		await waitFor(() => stack.sandbox.crm.length >= expected.length, {
			timeoutMs: 60_000,
			what: `${expected.length} calls posted to the sandbox CRM`,
		});
		// A moment for any call posted twice to arrive too.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		return stack.sandbox.crm.map((entry) => entry.body.callId);
	} finally {
		await stack.n8n.deactivate(id);
	}
}

/** Opens `nodeName` of workflow `file` in the editor, and saves a screenshot of it. */
async function screenshotNode(stack, pkg, file, nodeName) {
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${stack.n8n.url}/signin`);
		await page.locator('input[name="emailOrLdapLoginId"]').fill(stack.owner.email);
		await page.locator('input[name="password"]').fill(stack.owner.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		await page.goto(`${stack.n8n.url}/workflow/${stack.workflows[file].id}`);
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
		await node.waitFor();
		const type = await node.getAttribute('data-node-type');
		await node.dblclick();
		await page.getByTestId('ndv').waitFor();
		const resource = await page
			.getByTestId('parameter-input-resource')
			.locator('input')
			.inputValue();
		// The screenshots folder of the run (globalSetup); docs/packages/<name>/ holds a copy.
		const shot = path.join(os.tmpdir(), 'call-history-e2e-screenshots', `${pkg}-node.png`);
		await page.screenshot({ path: shot });
		return { type, resource };
	} finally {
		await browser.close();
	}
}

/**
 * A fresh n8n with package `name` alone for the tests of a describe block, its extra workflows
 * made by `extras(sandboxPort, crmSync)`, where `crmSync(example)` is that CRM-sync example
 * started two hours back. Answers `{ stack, crmFrom }`, filled once started.
 */
function useAlone(name, extras) {
	const world = {};
	beforeAll(async () => {
		world.stack = await stackWith([built[name]], (sandboxPort) =>
			extras(sandboxPort, (example) => {
				const { workflow, from } = crmSyncFromEarlier(sandboxPort, example);
				world.crmFrom = from;
				return workflow;
			}),
		);
	}, 300_000);
	afterAll(async () => {
		await world.stack?.stop();
	});
	beforeEach(() => {
		world.stack.sandbox.requests.length = 0;
	});
	return world;
}

/** n8n lists package `name`'s node, tool, trigger and credential, and nothing of the others. */
async function expectListedAlone(stack, name) {
	const { types, vendors } = built[name];
	const { nodes, credentials } = await oursListed(stack);
	const ownTypes = [types.node, `${types.node}Tool`, types.trigger, ...types.webhookTriggers];
	expect(nodes.map((node) => node.name).sort()).toEqual(
		ownTypes.map((type) => `${name}.${type}`).sort(),
	);
	// The contract of a vendor package: one node with webhooks, that vendor's webhook trigger.
	const withWebhooks = nodes.filter((node) => (node.webhooks ?? []).length > 0);
	expect(withWebhooks.map((node) => node.name)).toEqual(
		types.webhookTriggers.map((type) => `${name}.${type}`),
	);
	for (const node of nodes) {
		expect(node.credentials).toEqual([{ name: types.credential, required: true }]);
	}
	const others = PACKAGES.filter((pkg) => pkg.name !== name);
	expect(credentials).toContain(types.credential);
	for (const other of others) expect(credentials).not.toContain(built[other.name].types.credential);
	const foreign = others.flatMap((pkg) => pkg.vendors).filter((v) => !vendors.includes(v));
	for (const vendor of new Set(foreign)) {
		expect(JSON.stringify(nodes).toLowerCase()).not.toContain(vendor);
	}
}

describe('n8n-nodes-omicall alone', () => {
	const world = useAlone('n8n-nodes-omicall', (sandboxPort, crmSync) => ({
		'crm-sync-e2e.json': crmSync('crm-sync-new-calls.json'),
		'report-e2e.json': require('../workflows/report.json'),
	}));

	test('n8n lists its node, tool, trigger and credential, and nothing of the other packages', async () => {
		await expectListedAlone(world.stack, 'n8n-nodes-omicall');
	});

	test('its examples run: the calls of a week (list), a tag (update) read back (detail), a report', async () => {
		const week = await world.stack.n8n.execute(world.stack.workflows['calls-per-agent.json'].id);
		const lists = world.stack.sandbox.received('/api/call_transaction/list');
		const from = Math.min(...lists.map((r) => Number(r.query.from_date)));
		const to = Math.max(...lists.map((r) => Number(r.query.to_date)));
		const calls = outputOf(week, 'Calls of the last 7 days');
		expect(calls.map((c) => c.transaction_id)).toEqual(
			world.stack.sandbox.calls.range(from, to).map((c) => c.transaction_id),
		);

		const tag = await world.stack.n8n.execute(world.stack.workflows['tag-a-call.json'].id);
		const [latest] = outputOf(tag, 'Latest call of today');
		const [change] = world.stack.sandbox.requests.filter((r) => r.method === 'POST');
		expect(change.path).toBe(`/api/call_transaction/change/${latest.transaction_id}`);
		expect(outputOf(tag, 'Read the call back')[0]).toMatchObject({
			transaction_id: latest.transaction_id,
			tag: ['goilaisau', 'n8n'],
		});

		const report = await world.stack.n8n.execute(world.stack.workflows['report-e2e.json'].id);
		expect(world.stack.sandbox.received('/api/call_transaction/report').length).toBeGreaterThan(0);
		expect(outputOf(report, 'Report of the week')).toHaveLength(1);
	});

	test('its trigger, activated, posts each call of the span once', async () => {
		const expected = world.stack.sandbox.calls
			.range(world.crmFrom, Date.now())
			.map((c) => c.transaction_id);
		expect(expected.length).toBeGreaterThan(0);
		const posted = await postedOnActivation(world.stack, 'crm-sync-e2e.json', expected);
		expect([...posted].sort()).toEqual([...expected].sort());
	});

	test('the editor opens its node', async () => {
		const shown = await screenshotNode(
			world.stack,
			'n8n-nodes-omicall',
			'tag-a-call.json',
			'Latest call of today',
		);
		expect(shown).toEqual({ type: 'n8n-nodes-omicall.omiCall', resource: 'Call' });
	});
});

describe('n8n-nodes-vbot alone', () => {
	const world = useAlone('n8n-nodes-vbot', (sandboxPort, crmSync) => ({
		'vbot-project-crm-e2e.json': crmSync('vbot-project-to-crm.json'),
	}));

	test('n8n lists its node, tool, trigger and credential, and nothing of the other packages', async () => {
		await expectListedAlone(world.stack, 'n8n-nodes-vbot');
	});

	test("its example runs: a customer's calls (list) and their count", async () => {
		const run = await world.stack.n8n.execute(
			world.stack.workflows['vbot-customer-history.json'].id,
		);
		const held = world.stack.sandbox.vbot.find({
			vbotId: 'VB0001',
			projectCode: 'SIEUTHI-ABC',
			phone: '0912345678',
		});
		expect(outputOf(run, 'How many calls')).toEqual([{ count: held.length }]);
		expect(outputOf(run, 'Every call of the customer')).toEqual(held);
	});

	test('its trigger on the v3 call log, activated, posts each call of the span once', async () => {
		const expected = world.stack.sandbox.vbotCalls
			.range(world.crmFrom, Date.now())
			.map((c) => c.trans_id);
		expect(expected.length).toBeGreaterThan(0);
		const posted = await postedOnActivation(world.stack, 'vbot-project-crm-e2e.json', expected);
		expect([...posted].sort()).toEqual([...expected].sort());
	});

	test('the editor opens its node', async () => {
		const shown = await screenshotNode(
			world.stack,
			'n8n-nodes-vbot',
			'vbot-customer-history.json',
			'Every call of the customer',
		);
		expect(shown).toEqual({ type: 'n8n-nodes-vbot.vbot', resource: 'VBot Call' });
	});
});

test('all three together: each node finds its own credential type only, and n8n logs nothing against them', async () => {
	const stack = await stackWith(PACKAGES.map((pkg) => built[pkg.name]));
	try {
		const { nodes, credentials } = await oursListed(stack);
		const credentialOf = Object.fromEntries(
			nodes.map((node) => [node.name, node.credentials.map((c) => c.name)]),
		);
		for (const pkg of PACKAGES) {
			const { types } = built[pkg.name];
			const own = [types.node, `${types.node}Tool`, types.trigger, ...types.webhookTriggers];
			for (const type of own) {
				expect(credentialOf[`${pkg.name}.${type}`]).toEqual([types.credential]);
			}
			expect(credentials).toContain(types.credential);
		}
		const webhookTriggers = PACKAGES.flatMap((pkg) => pkg.webhookTriggers);
		expect(Object.keys(credentialOf)).toHaveLength(3 * PACKAGES.length + webhookTriggers.length);
		const complaints = stack.n8n
			.log()
			.split('\n')
			// n8n's own files live in a cache folder named after this project: not about the packages.
			.map((line) => line.replaceAll(stack.installed.root, '<n8n>'))
			.filter((line) => PACKAGES.some((pkg) => line.includes(pkg.name)))
			.filter((line) => /warn|error|fail|could not|unable/i.test(line));
		expect(complaints).toEqual([]);
	} finally {
		await stack.stop();
	}
}, 300_000);
