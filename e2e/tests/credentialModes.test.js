'use strict';
// The API-key and username-and-password credentials in real n8n, which runs their
// preAuthentication and stores the token it returns in its database: the first run gets tokens,
// the next reuses them, and a run after VBot's expired renews it with its refresh token. OMICall's
// renewal after 24 hours is test/credentialModes.test.js's (it moves the credential's clock).

const { useWorld, outputOf } = require('../lib/world');

const world = useWorld();
// Long enough for two `n8n execute` runs (each boots n8n for about 10 s) within one VBot token's life.
const LIFETIME_MS = 45_000;
const execute = () => world.n8n.execute(world.state.workflows['credential-modes.json'].id);

function expectCountsRight(run) {
	expect(outputOf(run, 'Calls with an API key')).toHaveLength(5);
	expect(outputOf(run, 'Count with a password')).toEqual([{ count: 75 }]);
}

test('tokens are obtained, stored by n8n and reused, then renewed once they expire', async () => {
	// OMICall's token answer names no lifetime: the node keeps it 24 hours, longer than this test.
	world.sandbox.tokens.lifetimeMs.vbot = LIFETIME_MS;

	expectCountsRight(await execute());
	const firstRunEnded = Date.now();
	expect(world.sandbox.tokens.grants).toEqual(['apiKey', 'password']);

	expectCountsRight(await execute());
	expect(world.sandbox.tokens.grants).toEqual(['apiKey', 'password']);

	await new Promise((resolve) =>
		setTimeout(resolve, Math.max(0, firstRunEnded + LIFETIME_MS - Date.now())),
	);
	world.sandbox.requests.length = 0;

	expectCountsRight(await execute());
	expect(world.sandbox.tokens.grants).toEqual(['apiKey', 'password', 'refresh_token']);
	// OMICall's 24-hour token is still sent; VBot's renewal cost one refused request (the expired
	// token is not sent) and one repeat.
	expect(world.sandbox.requests.map((r) => `${r.platform} ${r.path} ${r.auth}`)).toEqual([
		'callHistory /api/call_transaction/list ok',
		'vbot /api/crm/historycall/countAll missing',
		'vbot /token missing',
		'vbot /api/crm/historycall/countAll ok',
	]);
});
