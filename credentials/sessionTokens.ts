import {
	sleep,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
} from 'n8n-workflow';
import { secretRefusal } from '../common/destinations';
import { isObject, parseBounded } from '../common/json';
import { OMICALL_CONTENT_TYPE, omicallCodeOf } from '../common/omicall';
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

/** What n8n stores back into the credential after a token was obtained. */
export interface Session extends IDataObject {
	sessionToken: string;
	/** Epoch ms after which the token is not sent any more (so that n8n renews it): a little before it expires. */
	sessionExpiresAt: number;
	refreshToken: string;
}

const CALL_HISTORY_TOKEN_LIFE_S = 24 * 3600;

/** Renew when 90% of the token's life is gone, at most a minute before it ends. */
function sessionUntil(expiresInS: number): number {
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
async function ask(
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

const baseOf = (url: unknown) => String(url ?? '').replace(/\/+$/, '');

/** Call History API: GET {Base URL}/api/auth?apiKey=… -> payload.access_token. */
export async function callHistorySession(
	helper: IHttpRequestHelper,
	credentials: IDataObject,
): Promise<Session> {
	const { baseUrl, apiKey } = credentials;
	const { status, body } = await ask(
		helper,
		credentials,
		{
			method: 'GET',
			url: `${baseOf(baseUrl)}/api/auth`,
			qs: { apiKey: String(apiKey ?? '').trim() },
			headers: OMICALL_CONTENT_TYPE,
		},
		"The Call History API's token service",
	);
	const payload = isObject(body.payload) ? body.payload : {};
	if (Number(body.status_code) !== 9999 || typeof payload.access_token !== 'string') {
		const reason = omicallCodeOf(body) ?? `HTTP ${status}`;
		throw new CredentialFailure(
			`The Call History API gave no token for this API key (${reason}). Check API Key in the credential: make one in the OMICall console under API management.`,
		);
	}
	const expiresIn =
		Number(payload.expires_in) > 0 ? Number(payload.expires_in) : CALL_HISTORY_TOKEN_LIFE_S;
	return {
		sessionToken: payload.access_token,
		sessionExpiresAt: sessionUntil(expiresIn),
		refreshToken: '',
	};
}

async function vbotGrant(helper: IHttpRequestHelper, credentials: IDataObject, form: IDataObject) {
	const { status, body } = await ask(
		helper,
		credentials,
		{
			method: 'POST',
			url: `${baseOf(credentials.baseUrl)}/token`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(form as Record<string, string>).toString(),
		},
		"VBot's token service",
	);
	if (status === 200 && typeof body.access_token === 'string') {
		return {
			session: {
				sessionToken: body.access_token,
				sessionExpiresAt: sessionUntil(Number(body.expires_in) > 0 ? Number(body.expires_in) : 899),
				refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : '',
			},
		};
	}
	const said = [body.error, body.error_description].filter((part) => typeof part === 'string');
	return { refused: said.length > 0 ? said.join(': ') : `HTTP ${status}` };
}

/**
 * VBot: POST {Base URL}/token. With a refresh token, grant_type=refresh_token first; when VBot
 * refuses it (expired, revoked), the password again.
 */
export async function vbotSession(
	helper: IHttpRequestHelper,
	credentials: IDataObject,
): Promise<Session> {
	const { refreshToken, username, password } = credentials;
	if (typeof refreshToken === 'string' && refreshToken !== '') {
		const refreshed = await vbotGrant(helper, credentials, {
			grant_type: 'refresh_token',
			refresh_token: refreshToken,
		});
		if (refreshed.session) return refreshed.session;
	}
	const fresh = await vbotGrant(helper, credentials, {
		grant_type: 'password',
		username: String(username ?? '').trim(),
		password: String(password ?? ''),
	});
	if (!fresh.session) {
		throw new CredentialFailure(
			`VBot gave no token for this username and password (${fresh.refused}). Check Username and Password in the credential.`,
		);
	}
	return fresh.session;
}
