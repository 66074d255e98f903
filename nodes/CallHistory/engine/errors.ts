import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { RETRY_NETWORK_CODES, RETRY_STATUSES } from '../../../common/http';
import { platformInfo, refusedAdviceOf } from '../../../common/platforms';
import { ACCESS_TOKEN } from '../../../credentials/modes';
import { formatInstant } from './dates';
import { RETRY, withRemedy, type Remedy } from './remedies';
import type { Advice, VendorApi, VendorFailure } from './vendor';
import type { DateWindow } from './windows';

/** Where a request stood, named in every error so a user can tell which window and page failed. */
export interface RequestPlace {
	api: VendorApi;
	operation: string;
	timezone: string;
	window?: DateWindow;
	page?: number;
	/** How the credential authenticates (its Authentication field), for the advice on a refused one. */
	authentication?: string;
}

/**
 * A refused credential (HTTP 401, token_expired). What to do depends on how the credential
 * authenticates, which only the request's place knows: vendorError picks the advice below.
 */
export const TOKEN_ADVICE: Advice = ACCESS_TOKEN.refused;

/** `advice` for the credential at `place`: a refused one's as its way to authenticate says. */
function adviceAt(place: RequestPlace, advice: Advice): Advice {
	if (advice !== TOKEN_ADVICE) return advice;
	return refusedAdviceOf(place.authentication) ?? TOKEN_ADVICE;
}
export const RATE_LIMITED: Advice = {
	summary: 'the vendor rate-limited this account',
	fix: 'Wait before running the workflow again, or run it less often.',
};
export const PERMISSION_DENIED: Advice = {
	summary: 'the token is not allowed to do this',
	fix: 'Check the API permissions of the account in the vendor console.',
};

/** What an HTTP status (or a vendor's error number that mirrors one) says, for `api`. */
export function adviceForStatus(api: VendorApi, status: number): Advice {
	if (status === 401) return TOKEN_ADVICE;
	if (status === 403) return PERMISSION_DENIED;
	if (status === 404) {
		const urls = api.platforms.map((p) => `${platformInfo(p).short}: ${platformInfo(p).baseUrl}`);
		return {
			summary: 'the API was not found at this address',
			fix: `Check Base URL in the credential (${urls.join(', ')}).`,
		};
	}
	if (status === 429) return RATE_LIMITED;
	if (status >= 500) return { summary: "the vendor's server failed", fix: 'Try again later.' };
	return { summary: 'the vendor refused the request', fix: 'Check the parameters of the node.' };
}

function describePlace(place: RequestPlace): string {
	const parts = [place.operation];
	if (place.window) {
		parts.push(
			`window ${formatInstant(place.window.from, place.timezone)} – ${formatInstant(place.window.to, place.timezone)}`,
		);
	}
	if (place.page !== undefined) parts.push(`page ${place.page}`);
	return parts.join(', ');
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
function retryAfterMs(value: unknown): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = DateTime.fromHTTP(text);
	return date.isValid ? Math.max(0, date.toMillis() - Date.now()) : undefined;
}

/**
 * The error of a failure, named with the vendor, its code and where the request stood, built from
 * what the vendor answered only: nothing of the request (its Authorization header included).
 */
export function vendorError(
	node: INode,
	place: RequestPlace,
	failure: {
		code: string;
		httpCode: string;
		vendorMessage?: string;
		advice: Advice;
		remedy?: Remedy;
	},
): NodeApiError {
	const { code, httpCode, vendorMessage, remedy } = failure;
	const advice = adviceAt(place, failure.advice);
	const said = vendorMessage && vendorMessage !== code ? ` ("${vendorMessage}")` : '';
	const message = `${code}: ${advice.summary}. ${advice.fix}`;
	const error = new NodeApiError(
		node,
		{ vendor: place.api.name, code, httpCode, vendorMessage: vendorMessage ?? null } as JsonObject,
		{
			message,
			description: `The ${place.api.name} answered ${code}${said} to ${describePlace(place)}.`,
			httpCode,
		},
	);
	// NodeApiError swaps a message that mentions a network code (ECONNREFUSED, …) for n8n's generic text.
	error.message = message;
	return withRemedy(error, remedy);
}

/** The vendor's own failure inside an HTTP 200 answer. */
export function vendorFailure(
	node: INode,
	place: RequestPlace,
	failure: VendorFailure,
): NodeApiError {
	return vendorError(node, place, {
		code: failure.code,
		httpCode: '200',
		vendorMessage: failure.vendorMessage,
		advice: failure.meaning.advice,
		remedy: failure.meaning.remedy,
	});
}

/** An answer that is not what the API promises: named with where it happened, never a TypeError. */
export function malformedAnswer(node: INode, place: RequestPlace, problem: string): NodeApiError {
	const { name } = place.api;
	return new NodeApiError(node, { vendor: name, problem } as JsonObject, {
		message: `The ${name} sent an answer that ${problem}`,
		description: `At ${describePlace(place)}. Run the node again; if it keeps happening, the vendor's API has changed.`,
	});
}

/** A failed HTTP exchange as the transport saw it: the answer's status, headers and body, or a network code. */
export interface HttpFailure {
	status?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
	code?: string;
	/** Where the request went, for a redirect's relative Location. */
	url?: string;
	/** What failed when it was neither the vendor's answer nor the network (the credential's own token request). */
	message?: string;
	/** The credential failed (its token request, or an address it refuses), not the API request. */
	byCredential?: boolean;
}

/** The host a redirect pointed to (with its port: never its path or query), or undefined. */
function redirectTarget(failure: HttpFailure): string | undefined {
	const location = failure.headers?.location;
	if (typeof location !== 'string' || location === '') return undefined;
	try {
		return new URL(location, failure.url).host;
	} catch {
		return undefined;
	}
}

/** A redirect the node does not follow: no credential or answer crosses to where it points. */
function redirectRefused(node: INode, place: RequestPlace, failure: HttpFailure): NodeApiError {
	const target = redirectTarget(failure) ?? 'an address it did not give';
	return vendorError(node, place, {
		code: `HTTP ${failure.status}`,
		httpCode: String(failure.status),
		advice: {
			summary: `the vendor redirected the request to ${target}, which the node does not follow`,
			fix: 'The node sends the credential to the Base URL only and reads no other host. If the vendor moved, set Base URL to its new address.',
		},
	});
}

/** The vendor did not answer within Timeout: the whole exchange, headers and body. */
export function timedOut(node: INode, place: RequestPlace, timeoutMs: number): NodeApiError {
	return vendorError(node, place, {
		code: 'ETIMEDOUT',
		httpCode: 'ETIMEDOUT',
		remedy: RETRY,
		advice: {
			summary: `the vendor did not answer within ${timeoutMs / 1000} s`,
			fix: 'Try again later, or raise Timeout under Options.',
		},
	});
}

/** Maps a failed HTTP exchange to an error that says what to do (and what may be tried again). */
export function httpFailure(node: INode, place: RequestPlace, failure: HttpFailure): NodeApiError {
	const { status, code } = failure;
	if (status && status >= 300 && status < 400) return redirectRefused(node, place, failure);
	if (status) {
		const vendor = place.api.failureIn(failure.body);
		const remedy: Remedy | undefined = RETRY_STATUSES.has(status)
			? { retry: true, afterMs: retryAfterMs(failure.headers?.['retry-after']) }
			: vendor?.meaning?.remedy;
		return vendorError(node, place, {
			code: `HTTP ${status}`,
			httpCode: String(status),
			vendorMessage: vendor?.code,
			advice: vendor?.meaning?.advice ?? adviceForStatus(place.api, status),
			remedy,
		});
	}
	if (code === undefined && failure.message) {
		return new NodeApiError(node, { vendor: place.api.name } as JsonObject, {
			message: failure.message,
			description: `At ${describePlace(place)}.`,
		});
	}
	const timedOutCode = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	return vendorError(node, place, {
		code: code ?? 'EFAILED',
		httpCode: code ?? 'EFAILED',
		remedy: code && RETRY_NETWORK_CODES.has(code) ? RETRY : undefined,
		advice: timedOutCode
			? { summary: 'the vendor did not answer in time', fix: 'Try again later.' }
			: {
					summary: `could not reach the ${place.api.name}`,
					fix: 'Check Base URL in the credential and that this machine can reach it.',
				},
	});
}
