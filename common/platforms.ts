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
	/** The company behind it, as its hosts name it (omicall.com, vbot.vn): "OMICall", "VBot". */
	vendor: string;
	baseUrl: string;
	staging?: string;
	/** The credential's ways to authenticate with it, the default first. */
	authentications: string[];
}

export const PLATFORMS: Record<Platform, PlatformInfo> = {
	callHistory: {
		name: 'OMICall (Call History API)',
		short: 'OMICall',
		vendor: 'OMICall',
		baseUrl: 'https://public-v1.omicall.com',
		staging: 'https://public-v1-stg.omicall.com',
		authentications: ['accessToken', 'apiKey'],
	},
	vbot: {
		name: 'VBot v2',
		short: 'VBot v2',
		vendor: 'VBot',
		baseUrl: 'https://open-api-h01.vbot.vn/v2.0',
		authentications: ['accessToken', 'usernamePassword'],
	},
	vbotV3: {
		name: 'VBot v3',
		short: 'VBot v3',
		vendor: 'VBot',
		baseUrl: 'https://open-api-h01.vbot.vn/v3.0',
		staging: 'https://open-api-staging.vbot.vn/v3.0',
		authentications: ['vbotApiKey'],
	},
};

const PLATFORM_KEYS = Object.keys(PLATFORMS) as Platform[];

/**
 * The ways to authenticate that one platform alone offers, with that platform: the secret they
 * hold is that platform's, so they decide what the credential speaks.
 */
const ONLY_PLATFORM_OF: Array<[authentication: string, platform: Platform]> = PLATFORM_KEYS.flatMap(
	(platform) =>
		PLATFORMS[platform].authentications
			.filter((way) =>
				PLATFORM_KEYS.every((p) => p === platform || !PLATFORMS[p].authentications.includes(way)),
			)
			.map((way): [string, Platform] => [way, platform]),
);

/** A VBot Base URL: its host names VBot, or its path ends in a VBot API version. */
export const VBOT_URL = /vbot|\/v[23]\.0\/?$/i;
/** A VBot v3 Base URL: its path ends in /v3.0. */
export const VBOT_V3_URL = /\/v3\.0\/?$/;

/** How a credential saved before Platform existed (read as OMICall, its default) tells VBot: by Base URL, first rule first. */
const BY_BASE_URL: Array<{ platform: Platform; baseUrl: RegExp }> = [
	{ platform: 'vbotV3', baseUrl: VBOT_V3_URL },
	{ platform: 'vbot', baseUrl: VBOT_URL },
];

/**
 * The platform a credential speaks: the one platform that offers its authentication (an OMICall
 * API key stays OMICall's whatever its Base URL says); else its Platform; else, while that is
 * OMICall, what its Base URL tells, as credentials saved before Platform existed did.
 */
export function platformOf(credentials: {
	platform?: unknown;
	baseUrl?: unknown;
	authentication?: unknown;
}): Platform {
	const { platform, authentication } = credentials;
	const owner = ONLY_PLATFORM_OF.find(([way]) => way === authentication);
	if (owner) return owner[1];
	if (platform === 'vbot' || platform === 'vbotV3') return platform;
	const baseUrl = String(credentials.baseUrl ?? '');
	return BY_BASE_URL.find((rule) => rule.baseUrl.test(baseUrl))?.platform ?? 'callHistory';
}

/** `platformOf` as an n8n expression over `$credentials`, for the credential's test request. */
export const PLATFORM_EXPRESSION = ONLY_PLATFORM_OF.reduceRight(
	(otherwise, [way, platform]) =>
		`($credentials.authentication === "${way}" ? "${platform}" : ${otherwise})`,
	`(["vbot", "vbotV3"].includes($credentials.platform) ? $credentials.platform : ${BY_BASE_URL.reduceRight(
		(otherwise, rule) =>
			`(${rule.baseUrl}.test($credentials.baseUrl) ? "${rule.platform}" : ${otherwise})`,
		'"callHistory"',
	)})`,
);

/** The platform whose production or staging URL `baseUrl` is, or undefined for any other URL. */
export function platformWithUrl(baseUrl: string): Platform | undefined {
	const url = baseUrl.replace(/\/+$/, '');
	return (Object.keys(PLATFORMS) as Platform[]).find(
		(platform) => PLATFORMS[platform].baseUrl === url || PLATFORMS[platform].staging === url,
	);
}

/** A URL's host name, lower case, or '' for text that is no URL. */
export function hostOf(url: string): string {
	try {
		return new URL(url).hostname.toLowerCase();
	} catch {
		return '';
	}
}

const VENDORS = [...new Set(PLATFORM_KEYS.map((platform) => PLATFORMS[platform].vendor))];

/** The vendor a URL's host names (public-v1.omicall.com: OMICall), or undefined. */
export function vendorOfHost(url: string): string | undefined {
	const host = hostOf(url);
	return VENDORS.find((vendor) => host.includes(vendor.toLowerCase()));
}

/**
 * Whose address `url` is when it is not `platform`'s: another platform's production or staging
 * URL ("VBot v2"), or a host that names another vendor ("VBot"). Undefined when it may be ours.
 */
export function otherOwnerOf(platform: Platform, url: string): string | undefined {
	const listed = platformWithUrl(url);
	if (listed !== undefined) return listed === platform ? undefined : PLATFORMS[listed].short;
	const vendor = vendorOfHost(url);
	return vendor !== undefined && vendor !== PLATFORMS[platform].vendor ? vendor : undefined;
}
