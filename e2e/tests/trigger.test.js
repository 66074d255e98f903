'use strict';
// The Call History Trigger in an active workflow of the real n8n, polling every minute against the
// sandbox: the CRM-sync example (posting to the sandbox's stand-in CRM) writes each new call once,
// the late one included, and nothing twice over the following polls.

const { useWorld } = require('../lib/world');
const { makeCall, random } = require('../../test/sandbox/seed');

const world = useWorld();
const LIST = '/api/call_transaction/list';
const MINUTE = 60_000;

/** Waits until `done()` holds, checking every second, for at most `ms`. */
async function until(done, ms, what) {
	const deadline = Date.now() + ms;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

const posted = () => world.sandbox.crm.map((entry) => entry.body.callId);
const polls = () => world.sandbox.received(LIST).length;

// Three to four polls a minute apart: up to four minutes.
test(
	'an active CRM sync polls every minute and posts each new call once',
	async () => {
		const id = world.state.workflows['crm-sync-e2e.json'].id;
		let seed = 5000;
		const write = (ms) => {
			const call = makeCall(random(seed++), Math.round(ms), world.sandbox.url);
			world.sandbox.calls.add(call);
			return call.transaction_id;
		};

		await world.n8n.activate(id);
		try {
			// n8n polls once on activation (no request: the trigger starts from then), then every minute.
			await new Promise((resolve) => setTimeout(resolve, 3000));
			const first = [write(Date.now()), write(Date.now() + 1)];
			await until(() => posted().length >= 2, 2 * MINUTE, 'the first two calls in the CRM');
			expect(posted()).toEqual(first);

			// One written late (made before the last poll read up to, written after it), and one new.
			const lastRead = Number(world.sandbox.received(LIST).at(-1).query.to_date);
			const late = write(lastRead - 1);
			const fresh = write(Date.now());
			await until(() => posted().length >= 4, 2 * MINUTE, 'the late and the new call in the CRM');
			const after = polls();
			await until(() => polls() > after, 2 * MINUTE, 'one more poll');

			expect(posted()).toEqual([...first, late, fresh]);
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
