'use strict';
// A vendor answer that redirects: the node follows no redirect of an API or token request, so no
// credential (token, API key, password) and no note or tags reach another host, and no other
// host's answer is taken as the vendor's. The error names where the redirect pointed, host only.

const { useSandbox } = require('../harness/sandbox');
const { useOtherHost } = require('../harness/otherHost');
const { runNode, callsBetween } = require('../harness/n8n');
const { pollTrigger, stateIn } = require('../harness/trigger');
const { DAY, generateCalls, generateVbotHistory } = require('../sandbox/seed');

const api = useSandbox();
const other = useOtherHost();
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const LIST = '/api/call_transaction/list';
const VBOT = { vbotId: 'VB1', projectCode: 'P1', phone: '0912345678' };
const options = { requestsPerSecond: 0, maxRetries: 1 };

const redirect = (status) => ({
	status,
	headers: { location: `${other.url}/collect?from=call-history` },
});
const apiKeyCredential = () => ({
	authentication: 'apiKey',
	baseUrl: api.sandbox.url,
	apiKey: api.sandbox.tokens.apiKey,
});
const passwordCredential = () => ({
	authentication: 'usernamePassword',
	baseUrl: api.sandbox.vbotUrl,
	username: api.sandbox.tokens.username,
	password: api.sandbox.tokens.password,
});

beforeEach(() => {
	api.sandbox.calls.replace(generateCalls({ from: JAN_1, to: JAN_1 + DAY, perDay: 20, seed: 41 }));
	api.sandbox.vbot.replace(generateVbotHistory({ ...VBOT, count: 5, newest: JAN_1, seed: 42 }));
});

const CASES = [
	{
		name: 'a 302 on Get Many, with a pasted token',
		fault: () => ({ path: LIST, respond: redirect(302) }),
		run: () => ({ parameters: callsBetween(JAN_1, JAN_1 + DAY, { options }) }),
	},
	{
		name: 'a 302 on Get Many, with the session token of an API key',
		fault: () => ({ path: LIST, respond: redirect(302) }),
		run: () => ({
			parameters: callsBetween(JAN_1, JAN_1 + DAY, { options }),
			credentials: apiKeyCredential(),
		}),
	},
	{
		name: 'a 307 on Update, which would post the token, note and tags again',
		fault: () => ({ method: 'POST', respond: redirect(307) }),
		run: () => ({
			parameters: {
				resource: 'call',
				operation: 'update',
				transactionId: api.sandbox.calls.calls[0].transaction_id,
				note: 'Khách hẹn gọi lại',
				tags: 'vip',
				options,
			},
		}),
	},
	{
		name: 'a 302 on the API key’s token request',
		fault: () => ({ path: '/api/auth', respond: redirect(302) }),
		run: () => ({
			parameters: callsBetween(JAN_1, JAN_1 + DAY, { options }),
			credentials: apiKeyCredential(),
		}),
	},
	{
		name: 'a 307 on VBot’s token request, which would post the password form again',
		fault: () => ({ platform: 'vbot', path: '/token', respond: redirect(307) }),
		run: () => ({
			parameters: {
				resource: 'vbotCall',
				operation: 'getMany',
				...VBOT,
				returnAll: true,
				options,
			},
			credentials: passwordCredential(),
		}),
	},
];

test.each(CASES)('$name: nothing reaches the other host', async ({ fault, run }) => {
	api.sandbox.fault({ times: 10, ...fault() });
	const { parameters, credentials = api.credentials() } = run();

	const { error, json } = await runNode({ parameters, credentials });

	expect(other.received).toEqual([]);
	expect(json).toEqual([]);
	const host = new URL(other.url).host;
	expect(error?.message).toMatch(new RegExp(`redirected (the request )?to ${host}`));
	expect(error.message).not.toMatch(/collect|call-history/);
	// The vendor was asked once: a redirect is not a failure worth a retry.
	expect(api.sandbox.requests.filter((r) => r.fault)).toHaveLength(1);
});

test('the trigger follows no redirect either', async () => {
	api.sandbox.fault({ path: LIST, respond: redirect(302) });

	const polled = await pollTrigger({
		parameters: {
			source: 'callHistory',
			startFrom: 'date',
			startDate: new Date(Date.now() - 10 * 60_000).toISOString(),
			settleMinutes: 0,
			options,
		},
		credentials: api.credentials(),
	});

	expect(other.received).toEqual([]);
	expect(polled.error?.message).toMatch(`redirected the request to ${new URL(other.url).host}`);
	expect(stateIn(polled.staticData)).toBeUndefined();
});
