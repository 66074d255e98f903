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
import { PLATFORM_EXPRESSION, PLATFORMS, type Platform } from '../common/platforms';
import { callHistorySession, vbotSession } from './sessionTokens';

// n8n checks both kinds of rule in one list (by `type`); its typing only admits a list of one kind.
type TestRules = Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody>;

const TOKEN_FIX = 'Get a new access token from the vendor and paste it into Access Token.';
// n8n applies a rule without the credential's data: one message advises each way to authenticate.
const REFUSED_FIX =
	'Access Token: paste a new token. API Key (Call History): check it in the OMICall console under API management. Username and Password: check them. VBot v3: check API Key, or make a new key in the VBot console under Team settings → API Key.';

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
	 * `Authorization: Bearer <token>`. An obtained token past its time is not sent: the vendor's
	 * HTTP 401 then makes n8n renew it through preAuthentication, the only renewal n8n offers (it
	 * has no clock of its own for this). Code rather than a `generic` block: n8n renders a block's
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
		const obtained = OBTAINED_BY.includes(String(credentials.authentication));
		const live = Number(credentials.sessionExpiresAt) > Date.now();
		const token = obtained ? (live ? credentials.sessionToken : '') : credentials.accessToken;
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(token ?? '')}` },
		};
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
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'token_expired',
					message: `The access token has expired (token_expired). ${TOKEN_FIX}`,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'permission_denied',
					message:
						'The token may not read call history (permission_denied). Check its API permissions in the vendor console.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 409,
					message:
						'The API key is invalid or has no access (error 409): make one in the VBot console under Team settings → API Key.',
				},
			},
		] satisfies TestRules as IAuthenticateRuleResponseCode[],
	};
}
