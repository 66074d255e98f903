import type { AuthenticationMode, VendorCredentials } from '../../../../common/platforms';
import { ACCESS_TOKEN, bodyRule } from '../../../../credentials/modes';
import { VBOT_HISTORY_COUNT_PATH, VBOT_LOG_COUNT_PATH } from './paths';
import { vbotSession } from './session';

const USERNAME_PASSWORD: AuthenticationMode = {
	value: 'usernamePassword',
	fields: [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			displayOptions: { show: { authentication: ['usernamePassword'] } },
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			displayOptions: { show: { authentication: ['usernamePassword'] } },
			default: '',
			required: true,
		},
	],
	refused: {
		summary: 'the vendor refused the token n8n got with the username and password',
		fix: 'Check Username and Password in the credential, and that the VBot account may use the API.',
	},
	obtainToken: vbotSession,
};

const V3_API_KEY: AuthenticationMode = {
	value: 'vbotApiKey',
	fields: [
		{
			displayName: 'API Key',
			name: 'vbotApiKey',
			type: 'string',
			typeOptions: { password: true },
			displayOptions: { show: { authentication: ['vbotApiKey'] } },
			default: '',
			required: true,
			description: 'Made in the VBot console under Team settings → API Key → Add',
		},
	],
	refused: {
		summary: 'the API key is invalid or has no access',
		fix: 'Check API Key in the credential, or make a new key in the VBot console under Team settings → API Key.',
	},
	keyHeader: { header: 'X-API-Key', field: 'vbotApiKey' },
};

/** VBot's documented `error` codes other than 0 (success) in an HTTP 200 answer, v2 and v3 alike. */
const REFUSALS: Record<number, string> = {
	[-1]: "VBot refused the test request (error -1, bad parameter): the Base URL may be another API version's. Check Base URL and Platform.",
	401: 'VBot refused the credential (error 401). Check Username and Password, or the pasted Access Token, or API Key for v3 (made in the VBot console under Team settings → API Key).',
	403: 'VBot refused access (error 403): the account or key may not read call history. Check its permissions in the VBot console.',
	404: 'VBot has no such API at this Base URL (error 404). Check Base URL.',
	409: 'The API key is invalid or has no access (error 409): make one in the VBot console under Team settings → API Key.',
	500: 'VBot had a system error (error 500). Test again later: the credential was not refused.',
};

/**
 * v2's countAll requires vbot_id, project_code and phone, which the credential does not hold. The
 * placeholder names no customer, so the count is of nobody's calls (0) and the answer says only
 * whether the credential was accepted.
 */
const NO_CUSTOMER = { vbot_id: '"0"', project_code: '"0"', phone: '"0"' };

/** VBot's CRM API, v2 and v3, as the credential knows it. */
export const VBOT_CREDENTIALS: VendorCredentials = {
	vendor: 'VBot',
	domains: ['vbot.vn'],
	platforms: [
		{
			value: 'vbot',
			name: 'VBot V2',
			short: 'VBot v2',
			baseUrl: 'https://open-api-h01.vbot.vn/v2.0',
			authentications: [
				{
					mode: ACCESS_TOKEN,
					name: 'Access Token',
					description:
						'A bearer token you paste: access_token of POST {Base URL}/token; it expires in minutes',
				},
				{
					mode: USERNAME_PASSWORD,
					name: 'Username and Password (VBot)',
					description: 'VBot v2: n8n gets a token with these and renews it',
				},
			],
			testPath: VBOT_HISTORY_COUNT_PATH,
			testQuery: NO_CUSTOMER,
			// A host naming VBot, or a path ending in /v2.0; /v3.0 is v3's.
			recognisedBy: /^(?!.*\/v3\.0\/?$).*(vbot|\/v2\.0\/?$)/i,
		},
		{
			value: 'vbotV3',
			name: 'VBot V3',
			short: 'VBot v3',
			baseUrl: 'https://open-api-h01.vbot.vn/v3.0',
			staging: 'https://open-api-staging.vbot.vn/v3.0',
			authentications: [
				{
					mode: V3_API_KEY,
					name: 'API Key (VBot V3)',
					description: 'VBot v3: a key made in the VBot console, sent as X-API-Key',
				},
			],
			testPath: VBOT_LOG_COUNT_PATH,
			testQuery: { from: '$now.toMillis() - 3600000', to: '$now.toMillis()' },
			recognisedBy: /\/v3\.0\/?$/i,
		},
	],
	testRules: Object.entries(REFUSALS).map(([error, message]) =>
		bodyRule('error', Number(error), message),
	),
	refusedFix:
		'Username and Password: check them. VBot v3: check API Key, or make a new key in the VBot console under Team settings → API Key.',
	fields: [
		{
			displayName: 'Webhook Auth Header Name',
			name: 'webhookHeaderName',
			type: 'string',
			default: 'Authorization',
			description:
				"The header VBot sends with each webhook, as set under Auth header in the VBot console's Webhooks page",
		},
		{
			displayName: 'Webhook Auth Header Value',
			name: 'webhookHeaderValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The Auth header's value set in the VBot console: the VBot Webhook Trigger answers HTTP 401 to a request without it. Empty: any sender is accepted.",
		},
	],
};
