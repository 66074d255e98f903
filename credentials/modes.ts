import type { IAuthenticateRuleResponseSuccessBody } from 'n8n-workflow';
import type { AuthenticationMode } from '../common/platforms';

/** A pasted bearer token: offered by more than one vendor, so the Access Token field is shared. */
export const ACCESS_TOKEN: AuthenticationMode = {
	value: 'accessToken',
	fields: [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			displayOptions: { show: { authentication: ['accessToken'] } },
			default: '',
			required: true,
			description:
				"The bearer token, as the vendor's token request gives it (Authentication's description says which request)",
		},
	],
	refused: {
		summary: 'the access token has expired or is wrong',
		fix: "Get a new token from the vendor and paste it into the credential's Access Token.",
	},
};

/** What the credential test's HTTP 401 rule advises for a pasted token. */
export const ACCESS_TOKEN_FIX = 'Access Token: paste a new token.';

/** A credential test rule: an HTTP 200 answer whose `key` (a lodash path) is `value` fails with `message`. */
export const bodyRule = (
	key: string,
	value: string | number,
	message: string,
): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	properties: { key, value, message },
});
