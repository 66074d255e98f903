/**
 * When a request is worth sending again, and how long to wait first: shared by the node's
 * transport and the credential's token requests, so both ride out the same faults the same way.
 */

/** HTTP statuses that say "not now": the same request may well succeed later. */
export const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** Network failures of one exchange (a reset, a timeout), as opposed to a wrong address. */
export const RETRY_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
]);

/** The reliability options' defaults: Max Retries, Max Total Retry Wait, Timeout. */
export const DEFAULT_RETRIES = 3;
export const DEFAULT_RETRY_WAIT_S = 60;
export const DEFAULT_TIMEOUT_S = 30;

const FIRST_BACKOFF_MS = 1000;
const LONGEST_BACKOFF_MS = 30_000;

/** Exponential backoff with jitter: attempt 0 waits 0.5–1 s, then 1–2 s, 2–4 s, … up to 30 s. */
export function backoffMs(attempt: number): number {
	const ceiling = Math.min(LONGEST_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
	return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/** The most bytes one API or token answer may have: a page of 50 calls is about 100 KB. */
export const MOST_ANSWER_BYTES = 64 * 1024 * 1024;

/** A body as n8n's HTTP helper hands it with `encoding: 'stream'`: chunks of bytes. */
type Chunks = AsyncIterable<Buffer | string> & { destroy?(error?: Error): void };

/**
 * Reads a streamed body up to `mostBytes`, cut off when `deadline` aborts: answers the bytes,
 * `{ tooBig }` as soon as it passes `mostBytes` (the rest is never read), or `{ failed }`.
 */
export async function readBounded(
	body: unknown,
	mostBytes: number,
	deadline: AbortSignal,
): Promise<{ bytes: Buffer } | { tooBig: true } | { failed: unknown }> {
	if (Buffer.isBuffer(body)) return body.length > mostBytes ? { tooBig: true } : { bytes: body };
	if (typeof body === 'string') return readBounded(Buffer.from(body), mostBytes, deadline);
	if (body === null || body === undefined) return { bytes: Buffer.alloc(0) };
	const stream = body as Chunks;
	const stop = () => stream.destroy?.(new Error('cut off at the deadline'));
	if (deadline.aborted) stop();
	deadline.addEventListener('abort', stop, { once: true });
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += bytes.length;
			if (size > mostBytes) {
				stream.destroy?.();
				return { tooBig: true };
			}
			chunks.push(bytes);
		}
		return { bytes: Buffer.concat(chunks, size) };
	} catch (error) {
		return { failed: error };
	} finally {
		deadline.removeEventListener('abort', stop);
	}
}

/** How hard one request is tried: its Timeout, Max Retries and Max Total Retry Wait. */
export interface RetryPolicy {
	timeoutMs: number;
	maxRetries: number;
	maxWaitMs: number;
}

export const DEFAULT_POLICY: RetryPolicy = {
	timeoutMs: DEFAULT_TIMEOUT_S * 1000,
	maxRetries: DEFAULT_RETRIES,
	maxWaitMs: DEFAULT_RETRY_WAIT_S * 1000,
};

const POLICY_KEY = 'callHistoryRetryPolicy';

/**
 * Hands a run's policy to the credential's token requests: n8n passes the very data object the
 * node handed it to preAuthentication. Not enumerable, so n8n never stores it with the credential
 * (it saves `{ ...credentials, ...output }`) and it reaches no item.
 */
export function handPolicy(credentials: object, policy: RetryPolicy): void {
	Object.defineProperty(credentials, POLICY_KEY, {
		value: policy,
		enumerable: false,
		configurable: true,
	});
}

/** The policy a run handed over, or the defaults (the credential test has no node options). */
export function policyOf(credentials: object): RetryPolicy {
	const handed = (credentials as Record<string, unknown>)[POLICY_KEY];
	return typeof handed === 'object' && handed !== null ? (handed as RetryPolicy) : DEFAULT_POLICY;
}

export const attemptsOf = (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`);

const CREDENTIAL_FAILURE = 'CredentialFailure';

/**
 * A failure of the credential's own doing (a token request, a destination it refuses), told apart
 * by name from the API request's failures even once n8n has wrapped it in its own error.
 */
export class CredentialFailure extends Error {
	override name = CREDENTIAL_FAILURE;
}

export const isCredentialFailure = (error: unknown): error is Error =>
	error instanceof Error && error.name === CREDENTIAL_FAILURE;
