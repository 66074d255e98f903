'use strict';
// The credential test, from n8n's own credentials endpoint, as the editor's "Test" button calls it.

const { useWorld } = require('../lib/world');

const world = useWorld();

async function testCredential(platform, accessToken) {
	const { id, name } = world.state.credentials[platform];
	const baseUrl = platform === 'vbot' ? world.sandbox.vbotUrl : world.sandbox.url;
	return world.n8n.rest('POST', '/credentials/test', {
		credentials: { id, name, type: 'callHistoryApi', data: { baseUrl, accessToken } },
	});
}

test.each(['callHistory', 'vbot'])('%s: a good token passes', async (platform) => {
	const result = await testCredential(platform, world.sandbox.token);
	expect(result).toMatchObject({ status: 'OK' });
	expect(world.sandbox.requests).toHaveLength(1);
	expect(world.sandbox.requests[0].auth).toBe('ok');
});

test.each(['callHistory', 'vbot'])('%s: a wrong token fails and says so', async (platform) => {
	const result = await testCredential(platform, 'not-the-token');
	expect(result.status).toBe('Error');
	// n8n 2.40 shows the credential's own rule; 2.8 its generic text for an HTTP 401.
	expect(result.message).toMatch(/token|^Authorization failed - please check your credentials$/i);
	expect(result.message).not.toContain(world.sandbox.token);
});
