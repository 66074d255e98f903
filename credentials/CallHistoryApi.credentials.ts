import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// n8n checks both kinds of rule in one list (by `type`); its typing only admits a list of one kind.
type TestRules = Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody>;

const TOKEN_FIX = 'Get a new access token from the vendor and paste it into Access Token.';

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
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The bearer token. OMICall: payload.access_token of GET {Base URL}/api/auth?apiKey=…, valid 24 hours. VBot: access_token of POST {Base URL}/token.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

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
