import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { formatInstant } from './dates';
import type { DateWindow } from './windows';
import { isObject } from './json';
import { RETRY_NETWORK_CODES, RETRY_STATUSES } from './retry';

export type Platform = 'callHistory' | 'vbot';

/** Where a request stood, named in every error so a user can tell which window and page failed. */
export interface RequestPlace {
	platform: Platform;
	operation: string;
	timezone: string;
	window?: DateWindow;
	page?: number;
}

interface Advice {
	summary: string;
	fix: string;
}

/**
 * What a failure allows besides giving up: the same request again (after the wait the vendor
 * named, if it did), or the same range in shorter windows.
 */
export type Remedy = { retry: true; afterMs?: number } | { shorterWindow: true };

const remedies = new WeakMap<object, Remedy>();

export function remedyOf(error: unknown): Remedy | undefined {
	return typeof error === 'object' && error !== null ? remedies.get(error) : undefined;
}

/** Whether the vendor refused a request's date window as too long (date_is_too_long). */
export function asksForShorterWindow(error: unknown): boolean {
	const remedy = remedyOf(error);
	return remedy !== undefined && 'shorterWindow' in remedy;
}

const RETRY: Remedy = { retry: true };

const VENDOR: Record<Platform, string> = { callHistory: 'Call History API', vbot: 'VBot API' };

const TOKEN: Advice = {
	summary: 'the access token has expired or is wrong',
	fix: "Get a new token from the vendor and paste it into the credential's Access Token.",
};
const RATE_LIMITED: Advice = {
	summary: 'the vendor rate-limited this account',
	fix: 'Wait before running the workflow again, or run it less often.',
};
const DATES: Advice = {
	summary: 'the vendor refused the date range',
	fix: 'Check From Date and To Date.',
};

/** The vendors' documented error codes, in plain words with what to do. */
const CODES: Record<string, Advice> = {
	token_expired: TOKEN,
	permission_denied: {
		summary: 'the token is not allowed to do this',
		fix: 'Check the API permissions of the account in the vendor console.',
	},
	resource_not_found: {
		summary: 'no call has this transaction ID',
		fix: 'Check Transaction ID, e.g. take it from the output of Get Many.',
	},
	date_is_too_long: {
		summary: 'the date window is longer than the vendor allows',
		fix: 'Lower "Days per Request" under Options.',
	},
	limit_request_30_minute: RATE_LIMITED,
	rate_limit_exceeded: RATE_LIMITED,
	date_invalid: DATES,
	from_date_is_required: DATES,
	to_date_is_required: DATES,
	note_is_required: { summary: 'the vendor needs a note', fix: 'Fill in Note.' },
	api_key_is_required: TOKEN,
	api_key_invalid: TOKEN,
};

function adviceForStatus(status: number): Advice {
	if (status === 401) return TOKEN;
	if (status === 403) return CODES.permission_denied;
	if (status === 404) {
		return {
			summary: 'the API was not found at this address',
			fix: 'Check Base URL in the credential (OMICall: https://public-v1.omicall.com, VBot: https://open-api-h01.vbot.vn/v2.0).',
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

/** The remedy a vendor error code allows: rate limits are retried, a too-long window is halved. */
function remedyForCode(code: string | undefined): Remedy | undefined {
	if (code === undefined) return undefined;
	if (CODES[code] === RATE_LIMITED) return RETRY;
	if (code === 'date_is_too_long') return { shorterWindow: true };
	return undefined;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
function retryAfterMs(value: unknown): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = DateTime.fromHTTP(text);
	return date.isValid ? Math.max(0, date.toMillis() - Date.now()) : undefined;
}

function vendorError(
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
	const { code, httpCode, vendorMessage, advice, remedy } = failure;
	const said = vendorMessage && vendorMessage !== code ? ` ("${vendorMessage}")` : '';
	const message = `${code}: ${advice.summary}. ${advice.fix}`;
	const error = new NodeApiError(
		node,
		{
			vendor: VENDOR[place.platform],
			code,
			httpCode,
			vendorMessage: vendorMessage ?? null,
		} as JsonObject,
		{
			message,
			description: `The ${VENDOR[place.platform]} answered ${code}${said} to ${describePlace(place)}.`,
			httpCode,
		},
	);
	// NodeApiError swaps a message that mentions a network code (ECONNREFUSED, …) for n8n's generic text.
	error.message = message;
	if (remedy) remedies.set(error, remedy);
	return error;
}

/** An answer that is not what the API promises: named with where it happened, never a TypeError. */
export function malformedAnswer(node: INode, place: RequestPlace, problem: string): NodeApiError {
	return new NodeApiError(node, { vendor: VENDOR[place.platform], problem } as JsonObject, {
		message: `The ${VENDOR[place.platform]} sent an answer that ${problem}`,
		description: `At ${describePlace(place)}. Run the node again; if it keeps happening, the vendor's API has changed.`,
	});
}

function checkCallHistory(node: INode, place: RequestPlace, answer: IDataObject): unknown {
	if (answer.status_code === undefined) {
		throw malformedAnswer(node, place, 'is not a Call History API envelope (no status_code)');
	}
	if (Number(answer.status_code) === 9999) {
		if (!('payload' in answer)) throw malformedAnswer(node, place, 'has no payload');
		return answer.payload;
	}
	const code =
		typeof answer.message === 'string' && answer.message
			? answer.message
			: `status_code ${answer.status_code}`;
	throw vendorError(node, place, {
		code,
		httpCode: '200',
		advice: CODES[code] ?? adviceForStatus(400),
		remedy: remedyForCode(code),
	});
}

/** VBot answers carry `status` (1 = success) or, in newer answers, only `error` (0 = success). */
function checkVbot(node: INode, place: RequestPlace, answer: IDataObject): unknown {
	if (!('status' in answer) && !('error' in answer)) {
		throw malformedAnswer(node, place, 'is not a VBot envelope (no status or error)');
	}
	const succeeded = 'status' in answer ? Number(answer.status) === 1 : Number(answer.error) === 0;
	if (succeeded) {
		if (!('data' in answer)) throw malformedAnswer(node, place, 'has no data');
		return answer.data;
	}
	const vendorMessage = typeof answer.message === 'string' ? answer.message : undefined;
	const advice =
		(vendorMessage && CODES[vendorMessage]) ||
		(Number(answer.error) >= 400 ? adviceForStatus(Number(answer.error)) : adviceForStatus(400));
	throw vendorError(node, place, {
		code: `error ${String(answer.error)}`,
		httpCode: '200',
		vendorMessage,
		advice,
		remedy: Number(answer.error) === 429 ? RETRY : remedyForCode(vendorMessage),
	});
}

/** Checks a vendor answer (the body of an HTTP 2xx) and returns what it carries, or throws its error. */
export function checkAnswer(node: INode, place: RequestPlace, answer: unknown): unknown {
	if (!isObject(answer)) {
		throw malformedAnswer(
			node,
			place,
			typeof answer === 'string' ? 'is not JSON' : 'is not a JSON object',
		);
	}
	return place.platform === 'vbot'
		? checkVbot(node, place, answer)
		: checkCallHistory(node, place, answer);
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

/**
 * Maps a failed HTTP exchange to an error that says what to do. The new error is built from the
 * status and the vendor's body only, so nothing of the request (its Authorization header
 * included) travels on.
 */
export function httpFailure(node: INode, place: RequestPlace, failure: HttpFailure): NodeApiError {
	const { status, body, code } = failure;
	if (status && status >= 300 && status < 400) return redirectRefused(node, place, failure);
	if (status) {
		const vendorCode =
			isObject(body) && typeof body.message === 'string' && body.message ? body.message : undefined;
		const advice = (vendorCode && CODES[vendorCode]) || adviceForStatus(status);
		const remedy: Remedy | undefined = RETRY_STATUSES.has(status)
			? { retry: true, afterMs: retryAfterMs(failure.headers?.['retry-after']) }
			: remedyForCode(vendorCode);
		return vendorError(node, place, {
			code: `HTTP ${status}`,
			httpCode: String(status),
			vendorMessage: vendorCode,
			advice,
			remedy,
		});
	}
	if (code === undefined && failure.message) {
		return new NodeApiError(node, { vendor: VENDOR[place.platform] } as JsonObject, {
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
					summary: `could not reach the ${VENDOR[place.platform]}`,
					fix: 'Check Base URL in the credential and that this machine can reach it.',
				},
	});
}
