import type {
	IAuthenticateRuleResponseSuccessBody,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { PACKAGE } from './package';

/**
 * The APIs a credential can speak to (its Platform field) and how it authenticates with each:
 * what a vendor folder declares and a package lists. Nothing here names a vendor; the tables are
 * read when asked (never as this module loads), as the vendor folders import this module too.
 */
export type Platform = string;

/** A failure in plain words: what happened and what to do. */
export interface Advice {
	summary: string;
	fix: string;
}

/** What n8n stores back into the credential after a token was obtained. */
export interface Session extends IDataObject {
	sessionToken: string;
	/** Epoch ms after which the token is not sent any more (so that n8n renews it): a little before it expires. */
	sessionExpiresAt: number;
	refreshToken: string;
}

/** One way to authenticate: the credential's fields for it and what it sends. */
export interface AuthenticationMode {
	/** The Authentication field's value: saved credentials name it. */
	value: string;
	/** The fields it needs, shown for it alone (a field of the same name is shared). */
	fields: INodeProperties[];
	/** What to do when the vendor refuses it. */
	refused: Advice;
	/** Gets a token with the fields (n8n's preAuthentication), renewed when it runs out. */
	obtainToken?: (helper: IHttpRequestHelper, credentials: IDataObject) => Promise<Session>;
	/** The header that carries a key field as it is, instead of `Authorization: Bearer`. */
	keyHeader?: { header: string; field: string };
}

/** A way to authenticate as one platform's Authentication field offers it. */
export interface AuthenticationOption {
	mode: AuthenticationMode;
	name: string;
	description: string;
}

export interface PlatformInfo {
	value: Platform;
	/** As the credential's Platform field and the node's errors name it. */
	name: string;
	/** What a resource of this platform is called in errors. */
	short: string;
	baseUrl: string;
	staging?: string;
	/** The credential's ways to authenticate with it, the default first. */
	authentications: AuthenticationOption[];
	/** The credential test's request: the platform's cheapest read-only one, and its query. */
	testPath: string;
	/** Query parameters as n8n expression bodies (`$now.toMillis()`, `"0"`), sent to this platform alone. */
	testQuery?: Record<string, string>;
	/** A Base URL that tells this platform, for credentials saved before Platform existed. */
	recognisedBy?: RegExp;
	/** Headers every request to it carries, unless the request names its own. */
	headers?: Record<string, string>;
}

/** Everything a credential needs to know of one vendor. */
export interface VendorCredentials {
	/** The company, as its hosts name it. */
	vendor: string;
	/** The domains its hosts end in. */
	domains: string[];
	platforms: PlatformInfo[];
	/** The credential test's rules for an HTTP 200 answer that refuses, first match first. */
	testRules: IAuthenticateRuleResponseSuccessBody[];
	/** How to fix a refused credential (n8n applies a test rule without the credential's data). */
	refusedFix: string;
	/** Fields of the vendor's whatever the way to authenticate, shown for its platforms. */
	fields?: INodeProperties[];
}

/** A package: its credential type and the vendors it holds, first the default. */
export interface PackageInfo {
	credentialType: string;
	credentialDisplayName: string;
	documentationUrl: string;
	vendors: VendorCredentials[];
	/** A secret goes to the vendors' own domains (and loopback) alone: a one-vendor package. */
	ownDomainsOnly: boolean;
	/** Credentials saved before the Platform field existed may be in use: their Base URL tells it. */
	readsPlatformFromBaseUrl: boolean;
}

export const packageInfo = (): PackageInfo => PACKAGE;

/** Every platform of the package, the default first. */
export const platformList = (): PlatformInfo[] =>
	PACKAGE.vendors.flatMap((vendor) => vendor.platforms);

/** Whether the credential has a Platform field: the package holds more than one platform. */
export const hasPlatformField = (): boolean => platformList().length > 1;

/**
 * Whether n8n reads a vendor's own fields (VendorCredentials.fields) of `credentials`: with a
 * Platform field they are shown for the vendor's `platforms` alone, and n8n leaves out the fields
 * a credential hides when it reads one.
 */
export const vendorFieldsRead = (credentials: { platform?: unknown }, platforms: Platform[]) =>
	!hasPlatformField() || platforms.includes(String(credentials.platform));

export const platformKeys = (): Platform[] => platformList().map((platform) => platform.value);

/** The vendor of a platform. */
export const vendorOf = (platform: Platform): VendorCredentials =>
	PACKAGE.vendors.find((vendor) => vendor.platforms.some((p) => p.value === platform)) ??
	PACKAGE.vendors[0];

/** A platform's description; the default platform's for a value the package does not hold. */
export const platformInfo = (platform: Platform): PlatformInfo =>
	platformList().find((info) => info.value === platform) ?? platformList()[0];

/** Every way to authenticate of the package, each once. */
export function authenticationModes(): AuthenticationMode[] {
	const modes = platformList().flatMap((platform) => platform.authentications.map((a) => a.mode));
	return [...new Set(modes)];
}

/** What to do when the vendor refuses a credential that authenticates by `authentication`. */
export const refusedAdviceOf = (authentication: string | undefined): Advice | undefined =>
	authenticationModes().find((mode) => mode.value === authentication)?.refused;

/**
 * The ways to authenticate that one platform alone offers, with that platform: the secret they
 * hold is that platform's, so they decide what the credential speaks.
 */
function onlyPlatformOf(): Array<[authentication: string, platform: Platform]> {
	const offering = (value: string) =>
		platformList().filter((p) => p.authentications.some((a) => a.mode.value === value));
	return authenticationModes()
		.map((mode) => [mode.value, offering(mode.value)] as const)
		.filter(([, platforms]) => platforms.length === 1)
		.map(([value, [platform]]): [string, Platform] => [value, platform.value]);
}

/** How a credential saved before Platform existed (read as the default) tells another platform. */
const byBaseUrl = () =>
	!PACKAGE.readsPlatformFromBaseUrl
		? []
		: platformList().filter((p): p is PlatformInfo & { recognisedBy: RegExp } => !!p.recognisedBy);

/**
 * The platform a credential speaks: the one platform that offers its authentication (an API key
 * of one platform stays that platform's whatever its Base URL says); else its Platform; else,
 * while that is the default, what its Base URL tells, as credentials saved before Platform did.
 */
export function platformOf(credentials: {
	platform?: unknown;
	baseUrl?: unknown;
	authentication?: unknown;
}): Platform {
	const { platform, authentication } = credentials;
	const owner = onlyPlatformOf().find(([way]) => way === authentication);
	if (owner) return owner[1];
	const [fallback, ...others] = platformKeys();
	if (others.includes(platform as Platform)) return platform as Platform;
	const baseUrl = String(credentials.baseUrl ?? '');
	return byBaseUrl().find((rule) => rule.recognisedBy.test(baseUrl))?.value ?? fallback;
}

/** `platformOf` as an n8n expression over `$credentials`, for the credential's test request. */
export function platformExpression(): string {
	const [fallback, ...others] = platformKeys();
	const byUrl = byBaseUrl().reduceRight(
		(otherwise, rule) =>
			`(${rule.recognisedBy}.test($credentials.baseUrl) ? "${rule.value}" : ${otherwise})`,
		`"${fallback}"`,
	);
	return onlyPlatformOf().reduceRight(
		(otherwise, [way, platform]) =>
			`($credentials.authentication === "${way}" ? "${platform}" : ${otherwise})`,
		`(${JSON.stringify(others)}.includes($credentials.platform) ? $credentials.platform : ${byUrl})`,
	);
}

/** The platform whose production or staging URL `baseUrl` is, or undefined for any other URL. */
export function platformWithUrl(baseUrl: string): Platform | undefined {
	const url = baseUrl.replace(/\/+$/, '');
	return platformList().find((p) => p.baseUrl === url || p.staging === url)?.value;
}

/** A URL's host name, lower case, or '' for text that is no URL. */
export function hostOf(url: string): string {
	try {
		return new URL(url).hostname.toLowerCase();
	} catch {
		return '';
	}
}

/** Whether `host` is `domain` or one of its subdomains. */
export const isUnder = (host: string, domain: string) =>
	host === domain || host.endsWith(`.${domain}`);

/** The vendor of the package whose name a URL's host holds, or undefined. */
export function vendorOfHost(url: string): VendorCredentials | undefined {
	const host = hostOf(url);
	return PACKAGE.vendors.find((vendor) => host.includes(vendor.vendor.toLowerCase()));
}

/**
 * Whose address `url` is when it is not `platform`'s: another platform's production or staging
 * URL, or a host of another vendor of the package. Undefined when it may be ours.
 */
export function otherOwnerOf(platform: Platform, url: string): string | undefined {
	const listed = platformWithUrl(url);
	if (listed !== undefined) return listed === platform ? undefined : platformInfo(listed).short;
	const vendor = vendorOfHost(url);
	return vendor !== undefined && vendor !== vendorOf(platform) ? vendor.vendor : undefined;
}
