import {
	sleep,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type ICredentialsDecrypted,
	type IHttpRequestOptions,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
} from 'n8n-workflow';
import { checkAnswer, httpFailure, remedyOf, type RequestPlace } from './envelope';
import { readWholeNumber } from './parameters';

export interface RequestChange {
	url?: string;
	/** Query parameters to set on top of those the node's routing put there. */
	qs?: IDataObject;
}

/** How the transport treats one operation's requests: the reliability options. */
interface Policy {
	maxRetries: number;
	maxWaitMs: number;
	timeoutMs: number;
	perSecond: number;
}

const FIRST_BACKOFF_MS = 1000;
const LONGEST_BACKOFF_MS = 30_000;

function readPolicy(context: TransportContext): Policy {
	const option = (name: string, label: string, min: number, max: number, fallback: number) =>
		readWholeNumber(context, `options.${name}`, label, { min, max, fallback });
	return {
		maxRetries: option('maxRetries', 'Max Retries', 0, 10, 3),
		maxWaitMs: option('maxRetryWait', 'Max Total Retry Wait', 0, 3600, 60) * 1000,
		timeoutMs: option('timeout', 'Timeout', 1, 600, 30) * 1000,
		perSecond: option('requestsPerSecond', 'Requests per Second', 0, 1000, 10),
	};
}

/** Exponential backoff with jitter: attempt 0 waits 0.5–1 s, then 1–2 s, 2–4 s, … up to 30 s. */
function backoffMs(attempt: number): number {
	const ceiling = Math.min(LONGEST_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
	return ceiling / 2 + (Math.random() * ceiling) / 2;
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

/** One request however the node reaches the vendor, cut off after `timeoutMs`; answers the body. */
export type Request = (timeoutMs: number) => Promise<unknown>;

/** What the transport needs of the node sending: its parameters (the options) and identity. */
export type TransportContext = Pick<
	IExecuteSingleFunctions,
	'getNode' | 'getNodeParameter' | 'getTimezone' | 'getExecutionId' | 'getWorkflow'
>;

/** One exchange: the request, its failure mapped, its answer checked. */
async function exchange(
	context: TransportContext,
	request: () => Promise<unknown>,
	place: RequestPlace,
): Promise<unknown> {
	let answer;
	try {
		answer = await request();
	} catch (error) {
		throw httpFailure(context.getNode(), place, error);
	}
	return checkAnswer(context.getNode(), place, answer);
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

/**
 * The one place an API request leaves the node: `request`, cut off after Timeout, its answer
 * checked, retried as `withRetries` says. Answers what the answer carries: `payload` (Call
 * History API) or `data` (VBot).
 */
export async function sendThrough(
	context: TransportContext,
	request: Request,
	place: RequestPlace,
): Promise<unknown> {
	const policy = readPolicy(context);
	return await withRetries(
		context,
		policy,
		async () => await exchange(context, async () => await request(policy.timeoutMs), place),
	);
}

const CREDENTIAL_TYPE = 'callHistoryApi';

/**
 * The node's credential, read once per run of an item: n8n's routing request would read it from
 * the database and decrypt it again for every request. n8n's token renewal (preAuthentication)
 * writes the renewed token into this very object, so the run's later requests send it.
 */
const credentialsOfRun = new WeakMap<object, Promise<ICredentialsDecrypted>>();

function credentialsOf(context: IExecutePaginationFunctions): Promise<ICredentialsDecrypted> {
	let credentials = credentialsOfRun.get(context);
	if (!credentials) {
		const { id, name } = context.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
		credentials = context
			.getCredentials(CREDENTIAL_TYPE)
			.then((data) => ({ id: id ?? '', name, type: CREDENTIAL_TYPE, data }));
		credentialsOfRun.set(context, credentials);
	}
	return credentials;
}

/**
 * The action node's requests: the request its routing built, with `change` on top, authenticated
 * by n8n with the run's credential, as `sendThrough` says. Answers the body.
 */
export async function send(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	change: RequestChange,
	place: RequestPlace,
): Promise<unknown> {
	return await sendThrough(
		context,
		async (timeoutMs) =>
			await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				// The options as n8n's routing request sends them (its own typing is looser).
				{
					...requestData.options,
					...(change.url === undefined ? {} : { url: change.url }),
					qs: { ...requestData.options.qs, ...change.qs },
					timeout: timeoutMs,
					returnFullResponse: false,
				} as IHttpRequestOptions,
				{ credentialsDecrypted: await credentialsOf(context) },
			),
		place,
	);
}

/**
 * A file at `url` (a call recording: a plain link, no credential), its bytes and content type,
 * paced, cut off and retried like the API requests.
 */
export async function download(
	context: IExecutePaginationFunctions,
	url: string,
	place: RequestPlace,
): Promise<{ body: Buffer; contentType: string | undefined }> {
	const policy = readPolicy(context);
	return await withRetries(context, policy, async () => {
		let response;
		try {
			response = (await context.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'arraybuffer',
				returnFullResponse: true,
				timeout: policy.timeoutMs,
			})) as { body: Buffer; headers: Record<string, string | undefined> };
		} catch (error) {
			throw httpFailure(context.getNode(), place, error);
		}
		return { body: Buffer.from(response.body), contentType: response.headers['content-type'] };
	});
}
