'use strict';
// A person's path through n8n's editor, in Debian's Chromium: log in, open an example workflow,
// open the Call History node, check what it draws, execute the workflow from the UI.

const path = require('node:path');
const { launchBrowser } = require('../lib/browser');
const { useWorld } = require('../lib/world');

const world = useWorld();
const NODE = 'Calls of the last 7 days';
let browser;
let page;

const shot = (name) => page.screenshot({ path: path.join(world.state.screenshots, `${name}.png`) });
const canvasNode = (name) => page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);

async function menuOf(parameter) {
	await page.getByTestId(`parameter-input-${parameter}`).click();
	const options = page.locator('.el-select-dropdown__item:visible');
	await options.first().waitFor();
	const names = (await options.allInnerTexts()).map((text) => text.split('\n')[0]);
	await page.keyboard.press('Escape');
	// The menu closes with an animation: wait it out, or the next menu may read this one's items.
	await options.first().waitFor({ state: 'hidden' });
	return names;
}

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
	await browser?.close();
});

test('logs in with the owner account', async () => {
	await page.goto(`${world.state.n8nUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(world.state.owner.email);
	await page.locator('input[name="password"]').fill(world.state.owner.password);
	await shot('01-sign-in');
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
});

test('opens the example workflow; the node draws its own icon', async () => {
	const { id } = world.state.workflows['calls-per-agent.json'];
	await page.goto(`${world.state.n8nUrl}/workflow/${id}`);
	const node = canvasNode(NODE);
	await node.waitFor();
	expect(await node.getAttribute('data-node-type')).toBe('n8n-nodes-call-history.callHistory');
	const icon = node.locator('img');
	await expect(icon.getAttribute('src')).resolves.toMatch(
		/\/icons\/n8n-nodes-call-history\/dist\/icons\/callHistory(\.dark)?\.svg$/,
	);
	// Loaded and drawn, not a broken image.
	await page.waitForFunction(
		(img) => img.complete && img.naturalWidth > 0,
		await icon.elementHandle(),
	);
	await shot('02-workflow');
});

test('the node opens with its resource and operation menus and its date fields', async () => {
	await canvasNode(NODE).dblclick();
	await page.getByTestId('ndv').waitFor();
	await expect(
		page.getByTestId('parameter-input-resource').locator('input').inputValue(),
	).resolves.toBe('Call');
	await expect(
		page.getByTestId('parameter-input-operation').locator('input').inputValue(),
	).resolves.toBe('Get Many');
	for (const field of ['fromDate', 'toDate']) {
		await expect(page.getByTestId(`parameter-input-${field}`).isVisible()).resolves.toBe(true);
	}
	await expect(
		page.getByTestId('parameter-expression-preview-fromDate').innerText(),
	).resolves.toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000\+07:00$/);
	await shot('03-node');
	expect(await menuOf('resource')).toEqual(expect.arrayContaining(['Call', 'VBot Call']));
	expect(await menuOf('operation')).toEqual(
		expect.arrayContaining(['Get', 'Get Many', 'Get Report', 'Update']),
	);
	await page.getByTestId('ndv-close-button').click();
});

test('executes the workflow from the UI; the node outputs every call of the 7 days', async () => {
	await page.getByTestId('execute-workflow-button').click();
	await page.getByText('Workflow executed successfully').waitFor({ timeout: 60_000 });

	const lists = world.sandbox.received('/api/call_transaction/list');
	const from = Math.min(...lists.map((r) => Number(r.query.from_date)));
	const to = Math.max(...lists.map((r) => Number(r.query.to_date)));
	const expected = world.sandbox.calls.range(from, to).length;
	expect(expected).toBeGreaterThan(700);
	await shot('04-executed');

	await canvasNode(NODE).dblclick();
	const output = page.getByTestId('output-panel');
	await output.getByText(`${expected} items`).first().waitFor();
	await shot('05-node-output');
	await page.getByTestId('ndv-close-button').click();
});
