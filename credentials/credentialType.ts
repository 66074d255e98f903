import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IDataObject,
	IHttpRequestHelper,
	IDisplayOptions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { addressOf, secretRefusal } from '../common/destinations';
import { CredentialFailure } from '../common/http';
import {
	authenticationModes,
	hasPlatformField,
	packageInfo,
	platformExpression,
	platformInfo,
	platformList,
	platformOf,
	type PlatformInfo,
} from '../common/platforms';
import { ACCESS_TOKEN_FIX } from './modes';

/**
 * The package's credential type, built from its vendors' platforms and ways to authenticate:
 * the credential class of each package is these functions under its own name.
 */

// n8n checks both kinds of rule in one list (by `type`); its typing only admits a list of one kind.
type TestRules = Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody>;

/** Each platform's Base URL field, shown for it alone, with its production URL as the default. */
function baseUrlFor(platform: PlatformInfo, shownFor: IDisplayOptions['show']): INodeProperties {
	const { baseUrl, staging, name } = platform;
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		...(shownFor && { displayOptions: { show: shownFor } }),
		default: baseUrl,
		required: true,
		description: `${name}: ${baseUrl}${staging ? ` (staging: ${staging})` : ''}.`,
	};
}

/** Each platform's Authentication field: the ways that platform offers, its default first. */
function authenticationFor(
	platform: PlatformInfo,
	shownFor: IDisplayOptions['show'],
): INodeProperties {
	const options = platform.authentications.map(({ mode, name, description }) => ({
		name,
		value: mode.value,
		description,
	}));
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		...(shownFor && { displayOptions: { show: shownFor } }),
		options,
		default: options[0].value,
	};
}

/** The Platform field, when the package holds more than one. */
function platformField(platforms: PlatformInfo[]): INodeProperties[] {
	if (platforms.length < 2) return [];
	return [
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			options: platforms.map(({ name, value }) => ({ name, value })),
			// Credentials saved before this field read as the default, and tell others by Base URL as they did.
			default: platforms[0].value,
			description: 'Which API this credential speaks: the node checks it against each operation',
		},
	];
}

/** Each field once, in the order first named: a field shared by ways to authenticate is shown once. */
function modeFields(): INodeProperties[] {
	const fields = authenticationModes().flatMap((mode) => mode.fields);
	return fields.filter((field, at) => fields.findIndex((f) => f.name === field.name) === at);
}

/**
 * Each vendor's own fields, shown for its platforms when the credential has a Platform field (read
 * as vendorFieldsRead says).
 */
function vendorFields(): INodeProperties[] {
	return packageInfo().vendors.flatMap(({ fields = [], platforms }) =>
		fields.map((field) =>
			hasPlatformField()
				? { ...field, displayOptions: { show: { platform: platforms.map((p) => p.value) } } }
				: field,
		),
	);
}

export function credentialProperties(): INodeProperties[] {
	const platforms = platformList();
	const shownFor = (platform: PlatformInfo): IDisplayOptions['show'] =>
		platforms.length > 1 ? { platform: [platform.value] } : undefined;
	return [
		...platformField(platforms),
		...platforms.map((platform) => baseUrlFor(platform, shownFor(platform))),
		...platforms.map((platform) => authenticationFor(platform, shownFor(platform))),
		...modeFields(),
		...vendorFields(),
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
}

const modeOf = (credentials: ICredentialDataDecryptedObject) =>
	authenticationModes().find((mode) => mode.value === credentials.authentication);

/** Gets a token with the credential's way to authenticate, when it is one that obtains one. */
export async function obtainSession(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const obtain = modeOf(credentials)?.obtainToken;
	return obtain ? await obtain(helper, credentials) : {};
}

/**
 * The bearer token a request carries: a pasted Access Token, or the obtained one while it lives.
 * An obtained token past its time is not sent: the vendor's HTTP 401 then makes n8n renew it
 * through preAuthentication, the only renewal n8n offers (it has no clock of its own for this).
 */
function bearerOf(credentials: ICredentialDataDecryptedObject): string {
	if (!modeOf(credentials)?.obtainToken) return String(credentials.accessToken ?? '');
	const live = Number(credentials.sessionExpiresAt) > Date.now();
	return live ? String(credentials.sessionToken ?? '') : '';
}

/** `headers` with `more`, but for a header `headers` names already (in any case). */
function withDefaults(headers: IDataObject = {}, more: Record<string, string> = {}): IDataObject {
	const named = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
	const missing = Object.entries(more).filter(([name]) => !named.has(name.toLowerCase()));
	return { ...headers, ...Object.fromEntries(missing) };
}

/**
 * The credential on a request: a key as its header (`X-API-Key`), any other token as
 * `Authorization: Bearer <token>`, and the platform's own headers. Refused where its secret must
 * not go: every request with the credential, the credential test's too, passes here.
 */
export function authenticateRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const refusal = secretRefusal(credentials, addressOf(requestOptions));
	if (refusal) throw new CredentialFailure(refusal);
	const keyHeader = modeOf(credentials)?.keyHeader;
	const auth = keyHeader
		? { [keyHeader.header]: String(credentials[keyHeader.field] ?? '') }
		: { Authorization: `Bearer ${bearerOf(credentials)}` };
	const { headers } = platformInfo(platformOf(credentials));
	return {
		...requestOptions,
		headers: withDefaults({ ...requestOptions.headers, ...auth }, headers),
	};
}

/** An n8n expression: each platform's value of `valueOf` (an expression body), by the credential's platform. */
function byPlatform(valueOf: (platform: PlatformInfo) => string | undefined): string {
	const entries = platformList()
		.map((platform) => [platform.value, valueOf(platform)] as const)
		.filter(([, value]) => value !== undefined)
		.map(([platform, value]) => `${JSON.stringify(platform)}: (${value})`);
	return `={{ ({ ${entries.join(', ')} })[${platformExpression()}] }}`;
}

/** The credential test's query: each platform's own parameters, sent to it alone. */
function testQuery(): IDataObject {
	const names = [...new Set(platformList().flatMap((p) => Object.keys(p.testQuery ?? {})))];
	return Object.fromEntries(names.map((name) => [name, byPlatform((p) => p.testQuery?.[name])]));
}

/** Read-only and cheap: each platform's test request, with every vendor's refusals as rules. */
export function credentialTest(): ICredentialTestRequest {
	const refusedFix = [ACCESS_TOKEN_FIX, ...packageInfo().vendors.map((v) => v.refusedFix)].join(
		' ',
	);
	return {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			// The test carries the token: to the Base URL and nowhere else.
			disableFollowRedirect: true,
			url: byPlatform((platform) => JSON.stringify(platform.testPath)),
			qs: testQuery(),
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `The vendor refused the credential (HTTP 401). ${refusedFix}`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No call-history API at this Base URL (HTTP 404). Check Base URL.',
				},
			},
			...packageInfo().vendors.flatMap((vendor) => vendor.testRules),
		] satisfies TestRules as IAuthenticateRuleResponseCode[],
	};
}
