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
} from 'n8n-workflow';
import { callHistorySession, vbotSession } from './sessionTokens';

// n8n checks both kinds of rule in one list (by `type`); its typing only admits a list of one kind.
type TestRules = Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody>;

const TOKEN_FIX = 'Get a new access token from the vendor and paste it into Access Token.';

/** The ways to authenticate whose token the credential obtains itself (preAuthentication). */
const OBTAINED_BY = ['apiKey', 'usernamePassword'];

// The test asks VBot's count endpoint when the base URL is VBot's, else the Call History API's
// report for the last hour: both are read-only and cheap.
const IS_VBOT = '/vbot/i.test($credentials.baseUrl) || /\\/v2\\.0\\/?$/.test($credentials.baseUrl)';

export class CallHistoryApi implements ICredentialType {
	name = 'callHistoryApi';

	displayName = 'Call History API';

	icon: Icon = {
		light: 'file:../icons/callHistory.svg',
		dark: 'file:../icons/callHistory.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-call-history/n8n-nodes-call-history#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://public-v1.omicall.com',
			required: true,
			description:
				"OMICall's Call History API: https://public-v1.omicall.com (staging: https://public-v1-stg.omicall.com). VBot: https://open-api-h01.vbot.vn/v2.0.",
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'A bearer token you paste; it expires (OMICall: 24 hours, VBot: minutes)',
				},
				{
					name: 'API Key (Call History)',
					value: 'apiKey',
					description: 'OMICall: n8n gets a token with the key and renews it',
				},
				{
					name: 'Username and Password (VBot)',
					value: 'usernamePassword',
					description: 'VBot: n8n gets a token with these and renews it',
				},
			],
			default: 'accessToken',
		},
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
			return await callHistorySession(this, credentials.baseUrl, credentials.apiKey);
		}
		if (credentials.authentication === 'usernamePassword') {
			return await vbotSession(this, credentials);
		}
		return {};
	}

	/**
	 * `Authorization: Bearer <token>` on every request. An obtained token past its time is not sent:
	 * the vendor's HTTP 401 then makes n8n renew it through preAuthentication, the only renewal n8n
	 * offers (it has no clock of its own for this). Code rather than a `generic` block: n8n renders
	 * a block's expressions for every request in its expression sandbox, about 1.4 ms of a worker's
	 * CPU per request on n8n 2.40 (bench/profileWorker.js), for one string.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const obtained = OBTAINED_BY.includes(String(credentials.authentication));
		const live = Number(credentials.sessionExpiresAt) > Date.now();
		const token = obtained ? (live ? credentials.sessionToken : '') : credentials.accessToken;
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(token ?? '')}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: `={{ ${IS_VBOT} ? "/api/crm/historycall/countAll" : "/api/call_transaction/report" }}`,
			qs: {
				from_date: '={{ $now.toMillis() - 3600000 }}',
				to_date: '={{ $now.toMillis() }}',
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `The access token is wrong or has expired (HTTP 401). ${TOKEN_FIX}`,
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
		] satisfies TestRules as IAuthenticateRuleResponseCode[],
	};
}
