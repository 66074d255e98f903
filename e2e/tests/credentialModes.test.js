'use strict';
// The API-key and username-and-password credentials in real n8n, which runs their
// preAuthentication and stores the token it returns in its database: the first run gets tokens,
// the next reuses them, and a run after they expired renews them (VBot with its refresh token).

const { useWorld, outputOf } = require('../lib/world');

const world = useWorld();
// Long enough for two `n8n execute` runs (each boots n8n for about 10 s) within one token's life.
const LIFETIME_MS = 45_000;
const execute = () => world.n8n.execute(world.state.workflows['credential-modes.json'].id);

function expectCountsRight(run) {
	expect(outputOf(run, 'Calls with an API key')).toHaveLength(5);
	expect(outputOf(run, 'Count with a password')).toEqual([{ count: 75 }]);
}

test('tokens are obtained, stored by n8n and reused, then renewed once they expire', async () => {
	world.sandbox.tokens.lifetimeMs = { callHistory: LIFETIME_MS, vbot: LIFETIME_MS };

	expectCountsRight(await execute());
	expect(world.sandbox.tokens.grants).toEqual(['apiKey', 'password']);

	expectCountsRight(await execute());
	expect(world.sandbox.tokens.grants).toEqual(['apiKey', 'password']);

	const expiry = Math.max(...world.sandbox.tokens.sessions.values());
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry - Date.now())));
	world.sandbox.requests.length = 0;

	expectCountsRight(await execute());
	expect(world.sandbox.tokens.grants).toEqual(['apiKey', 'password', 'apiKey', 'refresh_token']);
	// Each renewal cost one refused request (the expired token is not sent) and one repeat.
	expect(world.sandbox.requests.map((r) => `${r.platform} ${r.path} ${r.auth}`)).toEqual([
		'callHistory /api/call_transaction/list missing',
		'callHistory /api/auth missing',
		'callHistory /api/call_transaction/list ok',
		'vbot /api/crm/historycall/countAll missing',
		'vbot /token missing',
		'vbot /api/crm/historycall/countAll ok',
	]);
});
