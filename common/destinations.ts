/**
 * Where a credential's key, password or token may be sent: judged here for every path that sends
 * one (the node's requests, the token requests, the credential test), so that none decides alone.
 */
import {
	hostOf,
	isUnder,
	otherOwnerOf,
	packageInfo,
	platformInfo,
	platformOf,
	vendorOf,
} from './platforms';

/** What of a credential decides where its secret may go. */
export interface CredentialView {
	platform?: unknown;
	baseUrl?: unknown;
	authentication?: unknown;
	allowPlainHttp?: unknown;
}

/** Loopback by its address or the one name the system reserves for it: 127.0.0.0/8, ::1, localhost. */
export const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|localhost)$/i;

/** The address a request goes to: its URL, or its path below its Base URL. */
export function addressOf(request: { baseURL?: string; url?: string }): string {
	const base = String(request.baseURL ?? '').replace(/\/+$/, '');
	const path = request.url ?? '';
	return /^[a-z]+:\/\//i.test(path) ? path : `${base}${path}`;
}

function otherVendorRefusal(credentials: CredentialView, url: string): string | undefined {
	const platform = platformOf(credentials);
	const owner = otherOwnerOf(platform, url);
	if (owner === undefined) return undefined;
	const own = platformInfo(platform);
	return `This credential is for ${own.short}, but its Base URL is ${owner}'s: set Base URL to ${own.baseUrl}`;
}

/** A package of one vendor sends a secret to that vendor's hosts (and loopback, for a sandbox) alone. */
function foreignHostRefusal(credentials: CredentialView, url: string): string | undefined {
	if (!packageInfo().ownDomainsOnly) return undefined;
	const host = hostOf(url);
	const platform = platformOf(credentials);
	if (host === '') {
		return `Base URL ${JSON.stringify(String(credentials.baseUrl ?? ''))} is not a URL: set it to ${platformInfo(platform).baseUrl}`;
	}
	if (LOOPBACK_HOST.test(host)) return undefined;
	const { vendor, domains } = vendorOf(platform);
	if (domains.some((domain) => isUnder(host, domain))) return undefined;
	return `Base URL host ${host} is not ${vendor}'s: this credential sends its key, password or token to ${vendor}'s hosts alone (${domains.join(', ')}). Set Base URL to ${platformInfo(platform).baseUrl}`;
}

function plainHttpRefusal(credentials: CredentialView, url: string): string | undefined {
	if (credentials.allowPlainHttp === true) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	if (parsed.protocol !== 'http:' || LOOPBACK_HOST.test(parsed.hostname)) return undefined;
	return `Base URL ${parsed.origin} is plain http://: the credential's key, password or token would cross the network unencrypted. Set Base URL to https://${parsed.host}, or switch on Allow Plain HTTP in the credential if you trust every network between n8n and that host`;
}

/**
 * Why the credential's secret must not be sent to `url`, as the error to show (naming the field
 * and the fix), or undefined when it may: a host of another vendor (switching Platform keeps the
 * Base URL of the one before), or plain http:// off loopback unless Allow Plain HTTP is on.
 */
export function secretRefusal(credentials: CredentialView, url: string): string | undefined {
	return (
		otherVendorRefusal(credentials, url) ??
		foreignHostRefusal(credentials, url) ??
		plainHttpRefusal(credentials, url)
	);
}
