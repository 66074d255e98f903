/**
 * The APIs a Call History API credential can speak to, shared by the credential (its Platform
 * field) and the node (which resources each one serves).
 */
export type Platform = 'callHistory' | 'vbot' | 'vbotV3';

export interface PlatformInfo {
	/** As the credential's Platform field and the node's errors name it. */
	name: string;
	/** What a resource of this platform is called in errors: "OMICall", "VBot v2". */
	short: string;
	baseUrl: string;
	staging?: string;
}

export const PLATFORMS: Record<Platform, PlatformInfo> = {
	callHistory: {
		name: 'OMICall (Call History API)',
		short: 'OMICall',
		baseUrl: 'https://public-v1.omicall.com',
		staging: 'https://public-v1-stg.omicall.com',
	},
	vbot: { name: 'VBot v2', short: 'VBot v2', baseUrl: 'https://open-api-h01.vbot.vn/v2.0' },
	vbotV3: {
		name: 'VBot v3',
		short: 'VBot v3',
		baseUrl: 'https://open-api-h01.vbot.vn/v3.0',
		staging: 'https://open-api-staging.vbot.vn/v3.0',
	},
};

/** A VBot Base URL: its host names VBot, or its path ends in a VBot API version. */
export const VBOT_URL = /vbot|\/v[23]\.0\/?$/i;
/** A VBot v3 Base URL: its path ends in /v3.0. */
export const VBOT_V3_URL = /\/v3\.0\/?$/;

/**
 * How a credential saved before Platform existed (read as OMICall, its default) tells its
 * platform, as it did before: by its authentication or its Base URL, first rule first.
 */
const INFERRED: Array<{ platform: Platform; authentication: string; baseUrl: RegExp }> = [
	{ platform: 'vbotV3', authentication: 'vbotApiKey', baseUrl: VBOT_V3_URL },
	{ platform: 'vbot', authentication: 'usernamePassword', baseUrl: VBOT_URL },
];

/** The platform a credential speaks: its Platform, or, while that is OMICall, what INFERRED tells. */
export function platformOf(credentials: {
	platform?: unknown;
	baseUrl?: unknown;
	authentication?: unknown;
}): Platform {
	const { platform, authentication } = credentials;
	if (platform === 'vbot' || platform === 'vbotV3') return platform;
	const baseUrl = String(credentials.baseUrl ?? '');
	const rule = INFERRED.find((r) => r.authentication === authentication || r.baseUrl.test(baseUrl));
	return rule?.platform ?? 'callHistory';
}

/** `platformOf` as an n8n expression over `$credentials`, for the credential's test request. */
export const PLATFORM_EXPRESSION =
	INFERRED.reduceRight(
		(otherwise, rule) =>
			`($credentials.authentication === "${rule.authentication}" || ${rule.baseUrl}.test($credentials.baseUrl) ? "${rule.platform}" : ${otherwise})`,
		'"callHistory"',
	).replace(/^/, '(["vbot", "vbotV3"].includes($credentials.platform) ? $credentials.platform : ') +
	')';

/** The platform whose production or staging URL `baseUrl` is, or undefined for any other URL. */
export function platformWithUrl(baseUrl: string): Platform | undefined {
	const url = baseUrl.replace(/\/+$/, '');
	return (Object.keys(PLATFORMS) as Platform[]).find(
		(platform) => PLATFORMS[platform].baseUrl === url || PLATFORMS[platform].staging === url,
	);
}
