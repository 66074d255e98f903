import {
	sleep,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INode,
	type RequestHelperFunctions,
} from 'n8n-workflow';
import {
	checkAnswer,
	httpFailure,
	malformedAnswer,
	remedyOf,
	timedOut,
	type HttpFailure,
	type RequestPlace,
} from './envelope';
import { isObject } from './json';
import { readWholeNumber } from './parameters';
import {
	backoffMs,
	DEFAULT_RETRIES,
	DEFAULT_RETRY_WAIT_MS,
	DEFAULT_TIMEOUT_MS,
	MOST_ANSWER_BYTES,
	readBounded,
} from './retry';

const CREDENTIAL_TYPE = 'callHistoryApi';
/** The most of an error answer read for the vendor's reason. */
const MOST_ERROR_BYTES = 64 * 1024;

/** How the transport treats one operation's requests: the reliability options. */
interface Policy {
	maxRetries: number;
	maxWaitMs: number;
	timeoutMs: number;
	perSecond: number;
}

/** What the transport needs of the node sending: its options, identity, credential and HTTP helpers. */
export type TransportContext = Pick<
	IExecuteSingleFunctions,
	| 'getNode'
	| 'getNodeParameter'
	| 'getTimezone'
	| 'getExecutionId'
	| 'getWorkflow'
	| 'getCredentials'
> & { helpers: Pick<RequestHelperFunctions, 'httpRequest' | 'httpRequestWithAuthentication'> };

/** An API request as the node's routing builds it: method, Base URL, path, query and body. */
export type ApiRequest = DeclarativeRestApiSettings.HttpRequestOptions;

function readPolicy(context: TransportContext): Policy {
	const option = (name: string, label: string, min: number, max: number, fallback: number) =>
		readWholeNumber(context, `options.${name}`, label, { min, max, fallback });
	return {
		maxRetries: option('maxRetries', 'Max Retries', 0, 10, DEFAULT_RETRIES),
		maxWaitMs:
			option('maxRetryWait', 'Max Total Retry Wait', 0, 3600, DEFAULT_RETRY_WAIT_MS / 1000) * 1000,
		timeoutMs: option('timeout', 'Timeout', 1, 600, DEFAULT_TIMEOUT_MS / 1000) * 1000,
		perSecond: option('requestsPerSecond', 'Requests per Second', 0, 1000, 10),
	};
}

/**
 * The next free request slot of each running node (execution and node), so that all its windows,
 * pages and items together stay under Requests per Second, and the fastest round trip it has seen.
 * Slots of runs that ended are dropped.
 */
const pacers = new Map<string, { next: number; touched: number; fastestMs: number }>();
const FORGET_PACER_MS = 10 * 60_000;

/** Waits for the request's slot; answers the function to call once its answer (or failure) is in. */
async function pace(context: TransportContext, perSecond: number): Promise<() => void> {
	if (perSecond === 0) return () => undefined;
	const now = Date.now();
	// A trigger's polls have no execution: its workflow and node name it.
	const key = [context.getWorkflow().id, context.getExecutionId(), context.getNode().id].join(
		'\u0000',
	);
	const pacer = pacers.get(key) ?? { next: now, touched: now, fastestMs: Infinity };
	const at = Math.max(now, pacer.next);
	// 5% further apart than the rate allows, so that the usual jitter on the way to the vendor
	// does not squeeze one more request into a second as the vendor counts it.
	const gapMs = 1050 / perSecond;
	pacer.next = at + gapMs;
	pacer.touched = now;
	pacers.set(key, pacer);
	if (pacers.size > 100) {
		for (const [other, { touched }] of pacers) {
			if (now - touched > FORGET_PACER_MS) pacers.delete(other);
		}
	}
	if (at > now) await sleep(at - now);
	const sentAt = Date.now();
	pacer.next = Math.max(pacer.next, sentAt + gapMs);
	return () => {
		// The request reached the vendor no later than one fastest round trip before its answer.
		// One held up on its way out (n8n's own work before the wire, a busy event loop) so pushes
		// the next slot back by as much, and the vendor never sees two closer than the pace.
		const answeredAt = Date.now();
		pacer.fastestMs = Math.min(pacer.fastestMs, answeredAt - sentAt);
		pacer.next = Math.max(pacer.next, answeredAt - pacer.fastestMs + gapMs);
	};
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const attemptsOf = (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`);

/** Says on the final error how hard the node tried, so "it failed" never hides "it retried". */
function gaveUp(error: unknown, attempts: number, waitedMs: number, why?: string): unknown {
	if (attempts > 1 || why) {
		const note =
			why ?? `Gave up after ${attemptsOf(attempts)} and ${seconds(waitedMs)} of waiting.`;
		const failure = error as { message?: string; description?: string | null };
		if (typeof failure.message === 'string') failure.message = `${failure.message} ${note}`;
		failure.description = failure.description ? `${failure.description} ${note}` : note;
	}
	return error;
}

/**
 * Runs `attempt` (one exchange with the vendor) paced to Requests per Second, and again, the very
 * same exchange, after a rate limit, an overloaded server or a broken connection, with
 * exponential backoff and jitter (or the wait the vendor named), up to Max Retries and Max Total
 * Retry Wait. Every request of the node goes through here: API calls and recording downloads.
 */
async function withRetries<T>(
	context: TransportContext,
	policy: Policy,
	attempt: () => Promise<T>,
): Promise<T> {
	let waitedMs = 0;
	for (let tried = 0; ; tried++) {
		const answered = await pace(context, policy.perSecond);
		const outcome = await attempt().then(
			(value) => ({ value, failed: false as const }),
			(error: unknown) => ({ error, failed: true as const }),
		);
		answered();
		if (!outcome.failed) return outcome.value;
		const { error } = outcome;
		const remedy = remedyOf(error);
		if (!remedy || !('retry' in remedy) || tried >= policy.maxRetries) {
			throw gaveUp(error, tried + 1, waitedMs);
		}
		const waitMs = remedy.afterMs ?? backoffMs(tried);
		if (waitedMs + waitMs > policy.maxWaitMs) {
			const asked =
				remedy.afterMs === undefined ? 'The next retry would wait' : 'The vendor asked to wait';
			throw gaveUp(
				error,
				tried + 1,
				waitedMs,
				`${asked} ${seconds(waitMs)}, which would pass Max Total Retry Wait (${seconds(policy.maxWaitMs)}); gave up after ${attemptsOf(tried + 1)} and ${seconds(waitedMs)} of waiting.`,
			);
		}
		waitedMs += waitMs;
		await sleep(waitMs);
	}
}

interface StreamedResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** The parts of a failed request n8n's helper hands back (a NodeApiError around axios' error). */
async function failureOf(error: unknown, url: string, deadline: AbortSignal): Promise<HttpFailure> {
	const cause = ((error as { cause?: unknown } | undefined)?.cause ?? error ?? {}) as {
		code?: unknown;
		message?: unknown;
		response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	};
	const { response } = cause;
	const code =
		typeof cause.code === 'string' && cause.code !== 'ERR_CANCELED' ? cause.code : undefined;
	const message = typeof cause.message === 'string' ? cause.message : undefined;
	if (!response?.status) return { code, url, message };
	const read = await readBounded(response.data, MOST_ERROR_BYTES, deadline);
	return {
		status: response.status,
		headers: response.headers,
		body: 'bytes' in read ? parsedOrText(read.bytes) : undefined,
		url,
	};
}

function parsedOrText(bytes: Buffer): unknown {
	const text = bytes.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * One exchange with the vendor, cut off `timeoutMs` after it began (headers and body together,
 * however slowly they drip), following no redirect, its body read up to `mostBytes`: answers the
 * response with the body's bytes, or throws the failure mapped by `mapped`.
 */
async function exchange(
	node: INode,
	place: RequestPlace,
	timeoutMs: number,
	send: (options: Partial<IHttpRequestOptions>) => Promise<unknown>,
	limits: { url: string; mostBytes: number; tooBig: () => Error },
): Promise<{ bytes: Buffer; headers: Record<string, unknown>; statusCode: number }> {
	const deadline = AbortSignal.timeout(timeoutMs);
	let response: StreamedResponse;
	try {
		response = (await send({
			encoding: 'stream',
			returnFullResponse: true,
			disableFollowRedirect: true,
			timeout: timeoutMs,
			abortSignal: deadline,
		})) as StreamedResponse;
	} catch (error) {
		const failure = await failureOf(error, limits.url, deadline);
		throw deadline.aborted ? timedOut(node, place, timeoutMs) : httpFailure(node, place, failure);
	}
	if (Number(response.headers['content-length']) > limits.mostBytes) {
		(response.body as { destroy?: () => void } | undefined)?.destroy?.();
		throw limits.tooBig();
	}
	const read = await readBounded(response.body, limits.mostBytes, deadline);
	if ('bytes' in read)
		return { bytes: read.bytes, headers: response.headers, statusCode: response.statusCode };
	if ('tooBig' in read) throw limits.tooBig();
	throw deadline.aborted
		? timedOut(node, place, timeoutMs)
		: httpFailure(node, place, failureCodeOf(read.failed, limits.url));
}

function failureCodeOf(error: unknown, url: string): HttpFailure {
	const code = isObject(error) && typeof error.code === 'string' ? error.code : 'ECONNRESET';
	return { code, url };
}

/** The request's address as the vendor sees it: Base URL and path, for a redirect's relative Location. */
function addressOf(request: ApiRequest): string {
	const base = String(request.baseURL ?? '').replace(/\/+$/, '');
	const path = request.url ?? '';
	return /^[a-z]+:\/\//i.test(path) ? path : `${base}${path}`;
}

/** Sends the requests of one run of an operation (or one poll): API calls and recording downloads. */
export interface Transport {
	/**
	 * One API request below the credential's Base URL, authenticated by n8n as the credential says:
	 * paced, cut off at Timeout, retried, its answer checked. Answers what the answer carries:
	 * `payload` (Call History API) or `data` (VBot).
	 */
	api(request: ApiRequest, place: RequestPlace): Promise<unknown>;
	/** A file at `url` with no credential (a recording link), paced, cut off and retried likewise. */
	file(
		url: string,
		place: RequestPlace,
		limits: { mostBytes: number; tooBig: () => Error; checkLink: (url: string) => Promise<void> },
	): Promise<{ body: Buffer; contentType: string | undefined }>;
}

/** The most redirects a recording link may take to reach its file. */
const MOST_REDIRECTS = 5;

/**
 * The transport of one run: the reliability options read once, and the credential loaded once
 * (n8n would otherwise load and decrypt it for every request), handed to n8n with each request.
 */
export async function transportFor(context: TransportContext): Promise<Transport> {
	const policy = readPolicy(context);
	const node = context.getNode();
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	const named = node.credentials?.[CREDENTIAL_TYPE];
	const credentialsDecrypted = {
		id: named?.id ?? '',
		name: named?.name ?? '',
		type: CREDENTIAL_TYPE,
		data,
	};
	const helpers = context.helpers;

	const api: Transport['api'] = async (request, place) =>
		await withRetries(context, policy, async () => {
			const url = addressOf(request);
			const { bytes } = await exchange(
				node,
				place,
				policy.timeoutMs,
				async (options) =>
					await helpers.httpRequestWithAuthentication.call(
						context as IExecuteSingleFunctions,
						CREDENTIAL_TYPE,
						{
							...request,
							url: request.url ?? '',
							headers: { Accept: 'application/json', ...request.headers },
							skipSslCertificateValidation: request.skipSslCertificateValidation === true,
							...options,
						},
						{ credentialsDecrypted },
					),
				{
					url,
					mostBytes: MOST_ANSWER_BYTES,
					tooBig: () =>
						malformedAnswer(node, place, `is larger than ${MOST_ANSWER_BYTES / 1024 / 1024} MiB`),
				},
			);
			const text = bytes.toString('utf8');
			let answer: unknown;
			try {
				answer = JSON.parse(text);
			} catch {
				answer = text;
			}
			return checkAnswer(node, place, answer);
		});

	const file: Transport['file'] = async (link, place, limits) =>
		await withRetries(context, policy, async () => {
			for (let url = link, hops = 0; ; hops++) {
				await limits.checkLink(url);
				const answer = await exchange(
					node,
					place,
					policy.timeoutMs,
					async (options) =>
						await helpers.httpRequest({
							method: 'GET',
							url,
							ignoreHttpStatusErrors: true,
							...options,
						}),
					{ url, mostBytes: limits.mostBytes, tooBig: limits.tooBig },
				);
				const { statusCode, headers } = answer;
				const location = headers.location;
				if (
					statusCode >= 300 &&
					statusCode < 400 &&
					typeof location === 'string' &&
					hops < MOST_REDIRECTS
				) {
					url = new URL(location, url).href;
					continue;
				}
				if (statusCode >= 300) {
					throw httpFailure(node, place, {
						status: statusCode,
						headers,
						body: parsedOrText(answer.bytes),
						url,
					});
				}
				const type = headers['content-type'];
				return { body: answer.bytes, contentType: typeof type === 'string' ? type : undefined };
			}
		});

	return { api, file };
}

/** A request below the Base URL: `path` with `qs` (and `body`), as the credential's requests go. */
export function apiRequest(
	baseUrl: string,
	method: 'GET' | 'POST',
	path: string,
	qs: IDataObject,
	body?: IDataObject,
): ApiRequest {
	return {
		method,
		baseURL: String(baseUrl).replace(/\/+$/, ''),
		url: path,
		qs,
		...(body ? { body, json: true } : {}),
		// The vendors document list parameters as `name[]=value`.
		arrayFormat: 'brackets',
	};
}
