import type { AuthenticationMode, VendorCredentials } from '../../../../common/platforms';
import { ACCESS_TOKEN, bodyRule } from '../../../../credentials/modes';
import { OMICALL_CONTENT_TYPE, OMICALL_REPORT_PATH } from './codes';
import { omicallSession } from './session';

const API_KEY: AuthenticationMode = {
	value: 'apiKey',
	fields: [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			displayOptions: { show: { authentication: ['apiKey'] } },
			default: '',
			required: true,
			description: 'Made in the OMICall console under API management',
		},
	],
	refused: {
		summary: 'the vendor refused the token n8n got with the API key',
		fix: 'Check API Key in the credential and its API permissions, or make a new key in the OMICall console under API management.',
	},
	obtainToken: omicallSession,
};

const TOKEN_FIX = 'Get a new access token from the vendor and paste it into Access Token.';

/**
 * OMICall's codes in a test's HTTP 200 answer (status_code -9999), with what to do. The code is in
 * `payload.error` (UPDATES-2026 § A) or in the top-level `message` (REFERENCE.md § A).
 */
const REFUSALS: Record<string, string> = {
	token_expired: `The access token has expired (token_expired). ${TOKEN_FIX}`,
	permission_denied:
		'The token may not read call history (permission_denied). Check its API permissions in the vendor console.',
	api_key_invalid:
		'The API key was refused (api_key_invalid). Check API Key: make one in the OMICall console under API management.',
	api_key_is_required:
		'No API key reached the vendor (api_key_is_required). Fill in API Key, made in the OMICall console under API management.',
	rate_limit_exceeded:
		'The vendor is limiting requests (rate_limit_exceeded). Test again in a minute: the credential was not refused.',
	limit_request_30_minute:
		'The account has used up its requests for this 30 minutes (limit_request_30_minute). Test again in 30 minutes: the credential was not refused.',
};
const CODE_KEYS = ['payload.error', 'message'];

/** OMICall's Call History API, as the credential knows it. */
export const OMICALL_CREDENTIALS: VendorCredentials = {
	vendor: 'OMICall',
	domains: ['omicall.com'],
	platforms: [
		{
			value: 'callHistory',
			name: 'OMICall (Call History API)',
			short: 'OMICall',
			baseUrl: 'https://public-v1.omicall.com',
			staging: 'https://public-v1-stg.omicall.com',
			authentications: [
				{
					mode: ACCESS_TOKEN,
					name: 'Access Token',
					description:
						'A bearer token you paste: payload.access_token of GET {Base URL}/api/auth?apiKey=…; it expires in 24 hours',
				},
				{
					mode: API_KEY,
					name: 'API Key (Call History)',
					description: 'OMICall: n8n gets a token with the key and renews it',
				},
			],
			testPath: OMICALL_REPORT_PATH,
			testQuery: {
				from_date: '$now.toMillis() - 3600000',
				to_date: '$now.toMillis()',
			},
			headers: OMICALL_CONTENT_TYPE,
		},
	],
	// First matching rule wins: the codes the node knows before the generic status_code -9999.
	testRules: [
		...CODE_KEYS.flatMap((key) =>
			Object.entries(REFUSALS).map(([code, message]) => bodyRule(key, code, message)),
		),
		bodyRule(
			'status_code',
			-9999,
			"The Call History API refused the test (status_code -9999) with a code the node does not know: its code is in the answer's payload.error or message. Check Base URL and the credential.",
		),
	],
	refusedFix: 'API Key (Call History): check it in the OMICall console under API management.',
};
