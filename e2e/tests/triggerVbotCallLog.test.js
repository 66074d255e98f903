'use strict';
// The VBot v3 CRM sync in an active workflow of the real n8n, polling every minute against the
// sandbox's v3 call log: each new call of the project, the late one included, reaches the sandbox's
// stand-in CRM once, through the "VBot v3 sandbox" credential (X-API-Key).

const { useWorld } = require('../lib/world');
const { makeVbotV3Call, random } = require('../../test/sandbox/seed');

const world = useWorld();
const LOG = '/m-cdr/api/call/get-all';
const MINUTE = 60_000;

async function until(done, ms, what) {
	const deadline = Date.now() + ms;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

const posted = () => world.sandbox.crm.map((entry) => entry.body.callId);
const polls = () => world.sandbox.received(LOG, 'vbotV3').length;

test(
	'an active VBot project sync polls every minute and posts each new call of the project once',
	async () => {
		const id = world.state.workflows['vbot-project-crm-e2e.json'].id;
		let seed = 7000;
		const write = (ms) => {
			const call = makeVbotV3Call(random(seed++), Math.round(ms));
			world.sandbox.vbotCalls.add(call);
			return call.trans_id;
		};

		await world.n8n.activate(id);
		try {
			await new Promise((resolve) => setTimeout(resolve, 3000));
			const first = [write(Date.now()), write(Date.now() + 1)];
			await until(() => posted().length >= 2, 2 * MINUTE, 'the first two calls in the CRM');
			expect(posted()).toEqual(first);

			const lastRead = Number(world.sandbox.received(LOG, 'vbotV3').at(-1).query.to);
			const late = write(lastRead - 1);
			const fresh = write(Date.now());
			await until(() => posted().length >= 4, 2 * MINUTE, 'the late and the new call in the CRM');
			const after = polls();
			await until(() => polls() > after, 2 * MINUTE, 'one more poll');

			expect(posted()).toEqual([...first, late, fresh]);
			expect(world.sandbox.received(LOG, 'vbotV3').every((r) => r.auth === 'ok')).toBe(true);
			const [entry] = world.sandbox.crm;
			expect(entry.body).toMatchObject({ event: 'call', callId: first[0] });
			expect(entry.body.endedAt).toEqual(expect.any(String));
		} finally {
			await world.n8n.deactivate(id);
		}
	},
	6 * 60_000,
);
