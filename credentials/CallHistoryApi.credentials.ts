import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { addressOf, secretRefusal } from '../common/destinations';
import { CredentialFailure } from '../common/http';
import { OMICALL_REPORT_PATH, VBOT_HISTORY_COUNT_PATH, VBOT_LOG_COUNT_PATH } from '../common/paths';
import { withOmicallContentType } from '../common/omicall';
import { PLATFORM_EXPRESSION, PLATFORMS, platformOf, type Platform } from '../common/platforms';
import { callHistorySession, vbotSession } from './sessionTokens';

// n8n checks both kinds of rule in one list (by `type`); its typing only admits a list of one kind.
type TestRules = Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody>;

const TOKEN_FIX = 'Get a new access token from the vendor and paste it into Access Token.';
// n8n applies a rule without the credential's data: one message advises each way to authenticate.
const REFUSED_FIX =
	'Access Token: paste a new token. API Key (Call History): check it in the OMICall console under API management. Username and Password: check them. VBot v3: check API Key, or make a new key in the VBot console under Team settings → API Key.';

/**
 * OMICall's codes in a test's HTTP 200 answer (status_code -9999), with what to do. The code is in
 * `payload.error` (UPDATES-2026 § A) or in the top-level `message` (REFERENCE.md § A).
 */
const OMICALL_REFUSALS: Record<string, string> = {
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
const OMICALL_CODE_KEYS = ['payload.error', 'message'];

/** VBot's documented `error` codes other than 0 (success) in an HTTP 200 answer, v2 and v3 alike. */
const VBOT_REFUSALS: Record<number, string> = {
	[-1]: "VBot refused the test request (error -1, bad parameter): the Base URL may be another API version's. Check Base URL and Platform.",
	401: `VBot refused the credential (error 401). ${REFUSED_FIX}`,
	403: 'VBot refused access (error 403): the account or key may not read call history. Check its permissions in the VBot console.',
	404: 'VBot has no such API at this Base URL (error 404). Check Base URL.',
	409: 'The API key is invalid or has no access (error 409): make one in the VBot console under Team settings → API Key.',
	500: 'VBot had a system error (error 500). Test again later: the credential was not refused.',
};

const bodyRule = (
	key: string,
	value: string | number,
	message: string,
): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	properties: { key, value, message },
});

/** n8n reads a rule's key with lodash `get`: `payload.error` is a path. */
const OMICALL_CODE_RULES = OMICALL_CODE_KEYS.flatMap((key) =>
	Object.entries(OMICALL_REFUSALS).map(([code, message]) => bodyRule(key, code, message)),
);
const VBOT_ERROR_RULES = Object.entries(VBOT_REFUSALS).map(([error, message]) =>
	bodyRule('error', Number(error), message),
);

/**
 * A test query parameter sent to VBot v2 alone: its countAll requires vbot_id, project_code and
 * phone, which the credential does not hold. The placeholder names no customer, so the count is
 * of nobody's calls (0) and the answer says only whether the credential was accepted.
 */
const VBOT_V2_PLACEHOLDER = `={{ ${PLATFORM_EXPRESSION} === "vbot" ? "0" : undefined }}`;

/** The ways to authenticate whose token the credential obtains itself (preAuthentication). */
const OBTAINED_BY = ['apiKey', 'usernamePassword'];

/** Each platform's Base URL field, shown for it alone, with its production URL as the default. */
function baseUrlFor(platform: Platform, also = ''): INodeProperties {
	const { baseUrl, staging } = PLATFORMS[platform];
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		displayOptions: { show: { platform: [platform] } },
		default: baseUrl,
		required: true,
		description: `${PLATFORMS[platform].name}: ${baseUrl}${staging ? ` (staging: ${staging})` : ''}.${also}`,
	};
}

/** Each way to authenticate, as the Authentication field of a platform that offers it shows it. */
const METHODS: Record<string, INodePropertyOptions> = {
	accessToken: {
		name: 'Access Token',
		value: 'accessToken',
		description: 'A bearer token you paste; it expires (OMICall: 24 hours, VBot: minutes)',
	},
	apiKey: {
		name: 'API Key (Call History)',
		value: 'apiKey',
		description: 'OMICall: n8n gets a token with the key and renews it',
	},
	usernamePassword: {
		name: 'Username and Password (VBot)',
		value: 'usernamePassword',
		description: 'VBot v2: n8n gets a token with these and renews it',
	},
	vbotApiKey: {
		name: 'API Key (VBot V3)',
		value: 'vbotApiKey',
		description: 'VBot v3: a key made in the VBot console, sent as X-API-Key',
	},
};

/** Each platform's Authentication field: the methods that platform offers, its default first. */
function authenticationFor(platform: Platform): INodeProperties {
	const options = PLATFORMS[platform].authentications.map((method) => METHODS[method]);
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		displayOptions: { show: { platform: [platform] } },
		options,
		default: options[0].value,
	};
}

/**
 * The bearer token a request carries: a pasted Access Token, or the obtained one while it lives.
 * An obtained token past its time is not sent: the vendor's HTTP 401 then makes n8n renew it
 * through preAuthentication, the only renewal n8n offers (it has no clock of its own for this).
 */
function bearerOf(credentials: ICredentialDataDecryptedObject): string {
	if (!OBTAINED_BY.includes(String(credentials.authentication))) {
		return String(credentials.accessToken ?? '');
	}
	const live = Number(credentials.sessionExpiresAt) > Date.now();
	return live ? String(credentials.sessionToken ?? '') : '';
}

export class CallHistoryApi implements ICredentialType {
	name = 'callHistoryApi';

	displayName = 'OMICall / VBot Call History API';

	icon: Icon = {
		light: 'file:../icons/callHistory.svg',
		dark: 'file:../icons/callHistory.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-call-history/n8n-nodes-call-history#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			options: (Object.keys(PLATFORMS) as Platform[]).map((value) => ({
				name: PLATFORMS[value].name,
				value,
			})),
			// Credentials saved before this field read as OMICall, and tell VBot by Base URL as they did.
			default: 'callHistory',
			description: 'Which API this credential speaks: the node checks it against each operation',
		},
		baseUrlFor('callHistory'),
		baseUrlFor('vbot'),
		baseUrlFor('vbotV3'),
		authenticationFor('callHistory'),
		authenticationFor('vbot'),
		authenticationFor('vbotV3'),
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			displayOptions: { show: { authentication: ['accessToken'] } },
			default: '',
			required: true,
			description:
				'The bearer token. OMICall: payload.access_token of GET {Base URL}/api/auth?apiKey=…, valid 24 hours. VBot: access_token of POST {Base URL}/token.',
		},
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
		{
			displayName: 'Allow Plain HTTP',
			name: 'allowPlainHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to send the key, password or token to an http:// Base URL that is not this machine',
			hint: 'Risky: over plain http:// the key, password and token travel unencrypted, and anyone on the network between n8n and the vendor can read them and use the account. Switch on only for a network you trust.',
		},
		// Filled by preAuthentication, stored by n8n, renewed when empty or answered with HTTP 401.
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Expires At',
			name: 'sessionExpiresAt',
			type: 'hidden',
			default: 0,
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * Gets a token with the API key or the username and password. n8n calls this when the stored
	 * session token is empty or a request was answered with HTTP 401, then stores what it returns.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		if (credentials.authentication === 'apiKey') {
			return await callHistorySession(this, credentials);
		}
		if (credentials.authentication === 'usernamePassword') {
			return await vbotSession(this, credentials);
		}
		return {};
	}

	/**
	 * The credential on every request: a VBot v3 API key as `X-API-Key`, any other token as
	 * `Authorization: Bearer <token>` (see bearerOf), and to OMICall `Content-Type: application/json`
	 * on every request, GETs too (its API takes JSON). Code rather than a `generic` block: n8n renders a block's
	 * expressions for every request in its expression sandbox, about 1.4 ms of a worker's CPU per
	 * request on n8n 2.40 (bench/profileWorker.js). Every request with the credential, the
	 * credential test's too, passes here: none leaves for where its secret must not go.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const refusal = secretRefusal(credentials, addressOf(requestOptions));
		if (refusal) throw new CredentialFailure(refusal);
		if (credentials.authentication === 'vbotApiKey') {
			const key = String(credentials.vbotApiKey ?? '');
			return { ...requestOptions, headers: { ...requestOptions.headers, 'X-API-Key': key } };
		}
		const headers = { ...requestOptions.headers, Authorization: `Bearer ${bearerOf(credentials)}` };
		const omicall = platformOf(credentials) === 'callHistory';
		return { ...requestOptions, headers: omicall ? withOmicallContentType(headers) : headers };
	}

	// Read-only and cheap: OMICall's report of the last hour, VBot v2's count, VBot v3's call-log count.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			// The test carries the token: to the Base URL and nowhere else.
			disableFollowRedirect: true,
			url: `={{ ({ callHistory: "${OMICALL_REPORT_PATH}", vbot: "${VBOT_HISTORY_COUNT_PATH}", vbotV3: "${VBOT_LOG_COUNT_PATH}" })[${PLATFORM_EXPRESSION}] }}`,
			qs: {
				from_date: '={{ $now.toMillis() - 3600000 }}',
				to_date: '={{ $now.toMillis() }}',
				from: '={{ $now.toMillis() - 3600000 }}',
				to: '={{ $now.toMillis() }}',
				vbot_id: VBOT_V2_PLACEHOLDER,
				project_code: VBOT_V2_PLACEHOLDER,
				phone: VBOT_V2_PLACEHOLDER,
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `The vendor refused the credential (HTTP 401). ${REFUSED_FIX}`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No call-history API at this Base URL (HTTP 404). Check Base URL.',
				},
			},
			// First matching rule wins: the codes the node knows before the generic status_code -9999.
			...OMICALL_CODE_RULES,
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status_code',
					value: -9999,
					message:
						"The Call History API refused the test (status_code -9999) with a code the node does not know: its code is in the answer's payload.error or message. Check Base URL and the credential.",
				},
			},
			...VBOT_ERROR_RULES,
		] satisfies TestRules as IAuthenticateRuleResponseCode[],
	};
}
