'use strict';
// The example workflows' Call History nodes, run as saved against the sandbox's demo data.

const path = require('node:path');
const fs = require('node:fs');
const { useSandbox } = require('./harness/sandbox');
const { runNode } = require('./harness/n8n');
const { seedDemo } = require('./sandbox/demo');

const api = useSandbox();
const examples = fs
	.readdirSync(path.join(__dirname, '..', 'examples'))
	.filter((f) => f.endsWith('.json'));

test.each(examples)('%s: its Call History node runs as saved', async (file) => {
	const workflow = require(`../examples/${file}`);
	const now = Date.now();
	seedDemo(api.sandbox, { now });

	for (const node of workflow.nodes.filter(
		(n) => n.type === 'n8n-nodes-call-history.callHistory',
	)) {
		const { json, error } = await runNode({
			parameters: node.parameters,
			credentials: api.credentials(),
			timezone: workflow.settings.timezone,
		});

		expect(error).toBeUndefined();
		if (node.parameters.operation === 'getMany') {
			const requests = api.sandbox.received('/api/call_transaction/list');
			const oldest = Math.min(...requests.map((r) => Number(r.query.from_date)));
			expect(json.map((c) => c.transaction_id)).toEqual(
				api.sandbox.calls
					.range(oldest, Math.max(...requests.map((r) => Number(r.query.to_date))))
					.map((c) => c.transaction_id),
			);
			expect(now - oldest).toBeGreaterThan(7 * 86_400_000);
			expect(now - oldest).toBeLessThan(8 * 86_400_000);
			expect(json.length).toBeGreaterThan(700);
		}
	}
});
