import {
	NodeOperationError,
	sleep,
	type DeclarativeRestApiSettings,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INode,
	type RequestHelperFunctions,
} from 'n8n-workflow';
import { addressOf, secretRefusal } from '../../../common/destinations';
import {
	attemptsOf,
	backoffMs,
	handPolicy,
	isCredentialFailure,
	MOST_ANSWER_BYTES,
	readBounded,
	type RetryPolicy,
} from '../../../common/http';
import { isObject, parseBounded } from '../../../common/json';
import { packageInfo, platformOf, type Platform } from '../../../common/platforms';
import {
	httpFailure,
	malformedAnswer,
	timedOut,
	vendorFailure,
	type HttpFailure,
	type RequestPlace,
} from './errors';
import { pace } from './pacer';
import { remedyOf } from './remedies';

/** The most of an error answer read for the vendor's reason. */
const MOST_ERROR_BYTES = 64 * 1024;
/** The most redirects a recording link may take to reach its file. */
const MOST_REDIRECTS = 5;

/**
 * How the transport treats one run's requests, as plain values (the caller reads them from the
 * node's reliability options): the deadline of one exchange, the retries and the most they may
 * wait in all, and the most requests per second (0: as fast as the vendor answers).
 */
export interface TransportPolicy extends RetryPolicy {
	perSecond: number;
}

/** What the transport needs of the node sending: its identity, credential and HTTP helpers. */
export type TransportContext = Pick<
	IExecuteSingleFunctions,
	'getNode' | 'getTimezone' | 'getExecutionId' | 'getWorkflow' | 'getCredentials'
> & { helpers: Pick<RequestHelperFunctions, 'httpRequest' | 'httpRequestWithAuthentication'> };

/** An API request as the node's routing builds it: method, Base URL, path, query and body. */
export type ApiRequest = DeclarativeRestApiSettings.HttpRequestOptions;

/** A recording's file, and how far it may be followed or how large it may be. */
export interface FileLimits {
	mostBytes: number;
	tooBig: () => Error;
	/**
	 * Refuses a link (and every redirect of it) the node must not fetch; answers the address its
	 * host was judged by, which the download then connects to, or nothing to connect by name.
	 */
	checkLink: (url: string) => Promise<string | undefined>;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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
	policy: TransportPolicy,
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

/** An error answer's body, for the vendor's reason: its JSON, its text, or nothing when too large. */
function parsedOrText(bytes: Buffer): unknown {
	const parsed = parseBounded(bytes);
	return 'json' in parsed ? parsed.json : 'text' in parsed ? parsed.text : undefined;
}

/** The parts of a failed request n8n's helper hands back (a NodeApiError around axios' error). */
async function failureOf(error: unknown, url: string, deadline: AbortSignal): Promise<HttpFailure> {
	const cause = ((error as { cause?: unknown } | undefined)?.cause ?? error ?? {}) as {
		code?: unknown;
		message?: unknown;
		response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	};
	// The credential's own token request failed, or it refused the address: its message says how.
	if (isCredentialFailure(cause)) return { url, message: cause.message, byCredential: true };
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

/**
 * One exchange with the vendor, cut off `timeoutMs` after it began (headers and body together,
 * however slowly they drip), following no redirect, its body read up to `mostBytes`: answers the
 * response with the body's bytes, or throws the failure mapped to an error that says what to do.
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
		throw deadline.aborted && !failure.byCredential
			? timedOut(node, place, timeoutMs)
			: httpFailure(node, place, failure);
	}
	if (Number(response.headers['content-length']) > limits.mostBytes) {
		(response.body as { destroy?: () => void } | undefined)?.destroy?.();
		throw limits.tooBig();
	}
	const read = await readBounded(response.body, limits.mostBytes, deadline);
	if ('bytes' in read)
		return { bytes: read.bytes, headers: response.headers, statusCode: response.statusCode };
	if ('tooBig' in read) throw limits.tooBig();
	const code =
		isObject(read.failed) && typeof read.failed.code === 'string' ? read.failed.code : 'ECONNRESET';
	throw deadline.aborted
		? timedOut(node, place, timeoutMs)
		: httpFailure(node, place, { code, url: limits.url });
}

/**
 * A request for `url` that connects to `address` (the one its host was resolved to and checked)
 * instead of looking the name up again, while the server still sees its name: in the `Host`
 * header and, for https, as the TLS server name, so SNI and the certificate check use the name.
 */
function pinnedTo(
	url: string,
	address: string | undefined,
): Pick<IHttpRequestOptions, 'url' | 'headers' | 'agentOptions'> {
	const link = new URL(url);
	const name = link.hostname.replace(/^\[|\]$/g, '');
	if (address === undefined || address === name) return { url };
	const headers = { Host: link.host };
	link.hostname = address.includes(':') ? `[${address}]` : address;
	if (link.protocol !== 'https:') return { url: link.href, headers };
	return { url: link.href, headers, agentOptions: { servername: name } };
}

/** What an API answer carries, once its envelope is checked (by the vendor module named in `place`). */
function unwrapped(node: INode, place: RequestPlace, bytes: Buffer): unknown {
	const parsed = parseBounded(bytes);
	if ('tooLarge' in parsed) throw malformedAnswer(node, place, parsed.tooLarge);
	const answer = 'json' in parsed ? parsed.json : parsed.text;
	if (!isObject(answer)) {
		const problem = typeof answer === 'string' ? 'is not JSON' : 'is not a JSON object';
		throw malformedAnswer(node, place, problem);
	}
	const outcome = place.api.unwrap(answer);
	if ('failure' in outcome) throw vendorFailure(node, place, outcome.failure);
	if ('malformed' in outcome) throw malformedAnswer(node, place, outcome.malformed);
	return outcome.data;
}

/** Sends the requests of one run of an operation (or one poll): API calls and recording downloads. */
export interface Transport {
	/** The platform the run's credential speaks. */
	platform: Platform;
	/** The credential's Base URL. */
	baseUrl: string;
	/** The deadline of one exchange (Timeout), for the messages that name it. */
	timeoutMs: number;
	/**
	 * One API request below the credential's Base URL, authenticated by n8n as the credential says:
	 * paced, cut off at Timeout, retried, its answer's envelope checked. Answers what it carries.
	 */
	api(request: ApiRequest, place: RequestPlace): Promise<unknown>;
	/**
	 * A recording: a plain link, with no credential, its redirects followed as `limits.checkLink`
	 * allows; or a path below the Base URL, with the credential and no redirect followed.
	 */
	file(
		link: { url: string } | { path: string },
		place: RequestPlace,
		limits: FileLimits,
	): Promise<{ body: Buffer; contentType: string | undefined }>;
}

/** The run's credential, loaded and decrypted once, and its Base URL without a trailing slash. */
interface LoadedCredential {
	data: ICredentialDataDecryptedObject;
	/** As n8n is handed it with each request, so that it does not load it again. */
	decrypted: ICredentialsDecrypted;
	baseUrl: string;
}

/**
 * The node's credential, loaded once (n8n would otherwise load and decrypt it for every request);
 * refused, before any request, when its Base URL is not a host its secret may be sent to.
 */
async function loadedCredential(context: TransportContext, node: INode): Promise<LoadedCredential> {
	const data = await context.getCredentials(packageInfo().credentialType);
	const named = node.credentials?.[packageInfo().credentialType];
	const decrypted = {
		id: named?.id ?? '',
		name: named?.name ?? '',
		type: packageInfo().credentialType,
		data,
	};
	const baseUrl = String(data.baseUrl ?? '').replace(/\/+$/, '');
	const refusal = secretRefusal(data, baseUrl);
	if (refusal) {
		throw new NodeOperationError(node, refusal, {
			description: `Base URL is ${baseUrl}. No request was sent.`,
		});
	}
	return { data, decrypted, baseUrl };
}

/** What every request of a run is sent with: the node, its policy, its credential. */
interface Sending {
	context: TransportContext;
	node: INode;
	policy: TransportPolicy;
	baseUrl: string;
	/** A request sent by n8n with the credential, authenticated as it says. */
	authenticated(request: ApiRequest, options: Partial<IHttpRequestOptions>): Promise<unknown>;
	/** A request's place with the credential's way to authenticate, which errors advise by. */
	advisedFor(place: RequestPlace): RequestPlace;
}

/** The sending of a run's requests with `credential`, as `policy` says. */
function sendingWith(
	context: TransportContext,
	node: INode,
	policy: TransportPolicy,
	credential: LoadedCredential,
): Sending {
	// Errors advise by the way the credential authenticates: a pasted token is not renewed as a key is.
	const authentication = String(credential.data.authentication ?? '');
	return {
		context,
		node,
		policy,
		baseUrl: credential.baseUrl,
		authenticated: async (request, options) =>
			await context.helpers.httpRequestWithAuthentication.call(
				context as IExecuteSingleFunctions,
				packageInfo().credentialType,
				{
					...request,
					url: request.url ?? '',
					headers: { Accept: 'application/json', ...request.headers },
					skipSslCertificateValidation: request.skipSslCertificateValidation === true,
					...options,
				},
				{ credentialsDecrypted: credential.decrypted },
			),
		advisedFor: (place) => ({ ...place, authentication }),
	};
}

/** The transport's API requests (Transport.api), sent as `sending` says. */
function apiRequests(sending: Sending): Transport['api'] {
	const { context, node, policy } = sending;
	return async (request, asked) => {
		const place = sending.advisedFor(asked);
		return await withRetries(context, policy, async () => {
			const { bytes } = await exchange(
				node,
				place,
				policy.timeoutMs,
				async (options) => await sending.authenticated(request, options),
				{
					url: addressOf(request),
					mostBytes: MOST_ANSWER_BYTES,
					tooBig: () =>
						malformedAnswer(node, place, `is larger than ${MOST_ANSWER_BYTES / 1024 / 1024} MiB`),
				},
			);
			return unwrapped(node, place, bytes);
		});
	};
}

/** The last answer of a link followed through its redirects, each checked first, and its URL. */
async function followedLink(
	sending: Sending,
	link: string,
	place: RequestPlace,
	limits: FileLimits,
) {
	const { context, node, policy } = sending;
	for (let url = link, hops = 0; ; hops++) {
		const address = await limits.checkLink(url);
		const answer = await exchange(
			node,
			place,
			policy.timeoutMs,
			async (options) =>
				await context.helpers.httpRequest({
					method: 'GET',
					...pinnedTo(url, address),
					ignoreHttpStatusErrors: true,
					...options,
				}),
			{ url, mostBytes: limits.mostBytes, tooBig: limits.tooBig },
		);
		const location = answer.headers.location;
		const redirected = answer.statusCode >= 300 && answer.statusCode < 400;
		if (!redirected || typeof location !== 'string' || hops >= MOST_REDIRECTS) {
			return { ...answer, url };
		}
		url = new URL(location, url).href;
	}
}

/** The answer to a path below the Base URL, fetched with the credential, and its URL. */
async function answerBelowBaseUrl(
	sending: Sending,
	path: string,
	place: RequestPlace,
	limits: FileLimits,
) {
	const { node, policy, baseUrl } = sending;
	const answered = await exchange(
		node,
		place,
		policy.timeoutMs,
		async (options) =>
			await sending.authenticated(
				{ method: 'GET', baseURL: baseUrl, url: path, headers: { Accept: '*/*' } },
				{ ...options, ignoreHttpStatusErrors: true },
			),
		{ url: `${baseUrl}${path}`, ...limits },
	);
	return { ...answered, url: `${baseUrl}${path}` };
}

/** The transport's recording downloads (Transport.file), sent as `sending` says. */
function fileDownloads(sending: Sending): Transport['file'] {
	const { context, node, policy } = sending;
	return async (link, asked, limits) => {
		const place = sending.advisedFor(asked);
		return await withRetries(context, policy, async () => {
			const answer =
				'url' in link
					? await followedLink(sending, link.url, place, limits)
					: await answerBelowBaseUrl(sending, link.path, place, limits);
			const { statusCode, headers, bytes, url } = answer;
			if (statusCode >= 300) {
				throw httpFailure(node, place, {
					status: statusCode,
					headers,
					body: parsedOrText(bytes),
					url,
				});
			}
			const type = headers['content-type'];
			return { body: bytes, contentType: typeof type === 'string' ? type : undefined };
		});
	};
}

/**
 * The transport of one run: its requests treated as `policy` says, and the credential loaded once,
 * handed to n8n with each request.
 */
export async function transportFor(
	context: TransportContext,
	policy: TransportPolicy,
): Promise<Transport> {
	const node = context.getNode();
	const credential = await loadedCredential(context, node);
	// The token requests n8n makes through preAuthentication get this data object: same policy.
	handPolicy(credential.data, policy);
	const sending = sendingWith(context, node, policy, credential);
	return {
		platform: platformOf(credential.data),
		baseUrl: credential.baseUrl,
		timeoutMs: policy.timeoutMs,
		api: apiRequests(sending),
		file: fileDownloads(sending),
	};
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
