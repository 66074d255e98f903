'use strict';
// Download Recordings on a worker: the recordings go into n8n's binary data in Postgres (binary
// data mode "database"), and main, another process, serves the very bytes the sandbox served.

const { useQueueWorld } = require('../lib/world');
const { WEBHOOKS } = require('../lib/workflows');
const { generateCalls, DAY } = require('../../../test/sandbox/seed');

const world = useQueueWorld();
const NODE = 'Latest calls with their recordings';
const FROM = Date.UTC(2025, 11, 31, 17);
const TO = FROM + DAY - 1;
const workflowId = () => world.state.workflows['recordings.json'].id;

beforeAll(() => world.n8n.activate(workflowId()));
afterAll(() => world.n8n.deactivate(workflowId()));

async function bytesOf(url, headers = {}) {
	const res = await fetch(url, { headers });
	expect(res.status).toBe(200);
	return Buffer.from(await res.arrayBuffer());
}

test('recordings downloaded on a worker are served by main, byte for byte', async () => {
	world.sandbox.calls.replace(
		generateCalls({ from: FROM, to: TO, perDay: 24, seed: 71, recordingBase: world.sandbox.url }),
	);
	const range = { from: new Date(FROM).toISOString(), to: new Date(TO).toISOString() };

	const { status, body } = await world.n8n.webhook('POST', WEBHOOKS.recordings, range);

	expect(status).toBe(200);
	expect(world.workerThatRan(body.execution)).toBeDefined();
	expect(world.mainLog()).not.toContain(`Worker started execution ${body.execution} (job`);
	const execution = await world.finished(body.execution);
	const [task] = execution.data.resultData.runData[NODE];
	const items = task.data.main[0];
	expect(items.map((i) => i.json.transaction_id)).toEqual(
		world.sandbox.calls
			.range(FROM, TO)
			.slice(0, 6)
			.map((c) => c.transaction_id),
	);
	const recorded = items.filter((item) => item.json.recording_file);
	expect(recorded.length).toBeGreaterThan(0);
	for (const item of items) {
		if (!item.json.recording_file) {
			expect(item.binary).toBeUndefined();
			continue;
		}
		const file = item.binary.data;
		expect(file).toMatchObject({
			fileName: `${item.json.transaction_id}.wav`,
			mimeType: 'audio/wav',
		});
		// Only a reference travels in the execution's data; the bytes are in the database.
		expect(file.id).toMatch(/^database:/);
		const fromMain = await bytesOf(
			`${world.n8n.url}/rest/binary-data?id=${encodeURIComponent(file.id)}&action=download`,
			{ cookie: world.n8n.cookie },
		);
		const fromSandbox = await bytesOf(item.json.recording_file);
		expect(fromMain.length).toBeGreaterThan(1000);
		expect(fromMain.equals(fromSandbox)).toBe(true);
	}
});
