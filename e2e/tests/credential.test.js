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

describe('with a token the credential gets itself', () => {
	const testWith = (credential, data) =>
		world.n8n.rest('POST', '/credentials/test', {
			credentials: { ...world.state.credentials[credential], type: 'callHistoryApi', data },
		});
	const apiKey = (key) => ({ authentication: 'apiKey', baseUrl: world.sandbox.url, apiKey: key });
	const password = (secret) => ({
		authentication: 'usernamePassword',
		baseUrl: world.sandbox.vbotUrl,
		username: world.sandbox.tokens.username,
		password: secret,
	});

	test('API Key: a good key passes; a wrong one fails with the vendor’s reason', async () => {
		expect(await testWith('callHistoryApiKey', apiKey(world.sandbox.tokens.apiKey))).toMatchObject({
			status: 'OK',
		});
		const wrong = await testWith('callHistoryApiKey', apiKey('not-the-key'));
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/api_key_invalid/);
		expect(world.sandbox.tokens.grants).toEqual(['apiKey']);
	});

	test('Username and Password: good ones pass; a wrong password fails with VBot’s reason', async () => {
		expect(await testWith('vbotPassword', password(world.sandbox.tokens.password))).toMatchObject({
			status: 'OK',
		});
		const wrong = await testWith('vbotPassword', password('not-the-password'));
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/invalid_grant: Sai tên đăng nhập hoặc mật khẩu/);
		expect(wrong.message).not.toContain('not-the-password');
	});
});
