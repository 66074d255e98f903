'use strict';
// The Call History Trigger in an active workflow of the real n8n, polling every minute against the
// sandbox: each CRM-sync example (posting to the sandbox's stand-in CRM) writes each new call once,
// the late one included, and nothing twice over the following polls. For OMICall's list and for
// VBot v3's call log (through the "VBot v3 sandbox" credential, X-API-Key).

const { useWorld } = require('../lib/world');
const { makeCall, makeVbotV3Call, random } = require('../../test/sandbox/seed');

const world = useWorld();
const MINUTE = 60_000;

/** Waits until `done()` holds, checking every second, for at most `ms`. */
async function until(done, ms, what) {
	const deadline = Date.now() + ms;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

let seed = 5000;
const SOURCES = [
	{
		example: 'crm-sync-e2e.json',
		list: { path: '/api/call_transaction/list', platform: 'callHistory', to: 'to_date' },
		write: (ms) => {
			const call = makeCall(random(seed++), Math.round(ms), world.sandbox.url);
			world.sandbox.calls.add(call);
			return call.transaction_id;
		},
	},
	{
		example: 'vbot-project-crm-e2e.json',
		list: { path: '/m-cdr/api/call/get-all', platform: 'vbotV3', to: 'to' },
		write: (ms) => {
			const call = makeVbotV3Call(random(seed++), Math.round(ms));
			world.sandbox.vbotCalls.add(call);
			return call.trans_id;
		},
	},
];

// Three to four polls a minute apart: up to four minutes each.
test.each(SOURCES)(
	'$example: an active CRM sync polls every minute and posts each new call once',
	async ({ example, list, write }) => {
		const id = world.state.workflows[example].id;
		const posted = () => world.sandbox.crm.map((entry) => entry.body.callId);
		const reads = () => world.sandbox.received(list.path, list.platform);

		await world.n8n.activate(id);
		try {
			// n8n polls once on activation (no request: the trigger starts from then), then every minute.
			await new Promise((resolve) => setTimeout(resolve, 3000));
			const first = [write(Date.now()), write(Date.now() + 1)];
			await until(() => posted().length >= 2, 2 * MINUTE, 'the first two calls in the CRM');
			expect(posted()).toEqual(first);

			// One written late (made before the last poll read up to, written after it), and one new.
			const lastRead = Number(reads().at(-1).query[list.to]);
			const late = write(lastRead - 1);
			const fresh = write(Date.now());
			await until(() => posted().length >= 4, 2 * MINUTE, 'the late and the new call in the CRM');
			const after = reads().length;
			await until(() => reads().length > after, 2 * MINUTE, 'one more poll');

			expect(posted()).toEqual([...first, late, fresh]);
			expect(reads().every((request) => request.auth === 'ok')).toBe(true);
			const [entry] = world.sandbox.crm;
			expect(entry.path).toBe('/crm/timeline');
			expect(entry.body).toMatchObject({ event: 'call', callId: first[0] });
			expect(entry.body.direction).toMatch(/^(inbound|outbound|internal|other)$/);
		} finally {
			await world.n8n.deactivate(id);
		}
	},
	6 * MINUTE,
);
