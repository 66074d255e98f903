import {
	sleep,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
} from 'n8n-workflow';
import { secretRefusal } from '../common/destinations';
import { isObject, parseBounded } from '../common/json';
import {
	attemptsOf,
	backoffMs,
	CredentialFailure,
	MOST_ANSWER_BYTES,
	policyOf,
	readBounded,
	RETRY_NETWORK_CODES,
	RETRY_STATUSES,
} from '../common/http';

/** Renew when 90% of the token's life is gone, at most a minute before it ends. */
export function sessionUntil(expiresInS: number): number {
	const lifeMs = expiresInS * 1000;
	return Date.now() + lifeMs - Math.min(60_000, lifeMs / 10);
}

/** One try at the token endpoint: its status and body, or why it is worth trying again. */
async function askOnce(
	helper: IHttpRequestHelper,
	options: IHttpRequestOptions,
	timeoutMs: number,
): Promise<{ status: number; body: IDataObject } | { retry: string } | { refused: string }> {
	const deadline = AbortSignal.timeout(timeoutMs);
	const within = `within ${timeoutMs / 1000} s`;
	let response: { statusCode: number; headers: IDataObject; body: unknown };
	try {
		response = await helper.helpers.httpRequest({
			...options,
			encoding: 'stream',
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
			// A token request carries the key or password: it goes to the Base URL and nowhere else.
			disableFollowRedirect: true,
			timeout: timeoutMs,
			abortSignal: deadline,
		});
	} catch (error) {
		const code = isObject(error)
			? String((error.cause as IDataObject)?.code ?? error.code ?? '')
			: '';
		if (deadline.aborted) return { retry: `no answer ${within}` };
		if (RETRY_NETWORK_CODES.has(code)) return { retry: code };
		return { refused: `could not reach it${code ? ` (${code})` : ''}: check Base URL` };
	}
	const { statusCode: status, headers } = response;
	if (status >= 300 && status < 400) {
		(response.body as { destroy?: () => void } | undefined)?.destroy?.();
		const location = typeof headers.location === 'string' ? headers.location : '';
		let target = 'an address it did not give';
		try {
			target = new URL(location, options.url).host;
		} catch {
			// an unreadable Location: named as such
		}
		return {
			refused: `it redirected to ${target}, which the node does not follow with a key or password: check Base URL`,
		};
	}
	const read = await readBounded(response.body, MOST_ANSWER_BYTES, deadline);
	if (!('bytes' in read)) {
		return deadline.aborted || !('tooBig' in read)
			? { retry: `no whole answer ${within}` }
			: { refused: 'its answer was too large' };
	}
	if (RETRY_STATUSES.has(status) || status >= 500) return { retry: `HTTP ${status}` };
	const parsed = parseBounded(read.bytes);
	const body = 'json' in parsed ? parsed.json : undefined;
	return { status, body: isObject(body) ? body : {} };
}

/**
 * The token endpoint's answer, sent only where the credential's secret may go, with the run's
 * Timeout, Max Retries, Max Total Retry Wait and the API's backoff (their defaults in the
 * credential test): an overloaded or unreachable token service is tried again, and then
 * reported as the vendor's failure, never as a wrong key or password.
 */
export async function askForToken(
	helper: IHttpRequestHelper,
	credentials: IDataObject,
	options: IHttpRequestOptions,
	service: string,
) {
	const refusal = secretRefusal(credentials, options.url);
	if (refusal) throw new CredentialFailure(refusal);
	const policy = policyOf(credentials);
	let waitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		const outcome = await askOnce(helper, options, policy.timeoutMs);
		if ('status' in outcome) return outcome;
		if ('refused' in outcome) {
			throw new CredentialFailure(`${service} did not give a token: ${outcome.refused}.`);
		}
		const waitMs = backoffMs(attempt);
		if (attempt >= policy.maxRetries || waitedMs + waitMs > policy.maxWaitMs) {
			throw new CredentialFailure(
				`${service} failed (${outcome.retry}) after ${attemptsOf(attempt + 1)}. Try again later: the credential's key or password was not refused.`,
			);
		}
		waitedMs += waitMs;
		await sleep(waitMs);
	}
}

export const baseOf = (url: unknown) => String(url ?? '').replace(/\/+$/, '');
