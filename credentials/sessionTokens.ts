import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { isObject } from '../nodes/CallHistory/shared/json';

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

async function ask(helper: IHttpRequestHelper, options: IHttpRequestOptions) {
	// The status is read here, not thrown, so that the vendor's reason reaches the user.
	const response = (await helper.helpers.httpRequest({
		...options,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	})) as { statusCode: number; body: unknown };
	return { status: response.statusCode, body: isObject(response.body) ? response.body : {} };
}

const baseOf = (url: unknown) => String(url ?? '').replace(/\/+$/, '');

/** Call History API: GET {Base URL}/api/auth?apiKey=… -> payload.access_token. */
export async function callHistorySession(
	helper: IHttpRequestHelper,
	baseUrl: unknown,
	apiKey: unknown,
): Promise<Session> {
	const { status, body } = await ask(helper, {
		method: 'GET',
		url: `${baseOf(baseUrl)}/api/auth`,
		qs: { apiKey: String(apiKey ?? '').trim() },
	});
	const payload = isObject(body.payload) ? body.payload : {};
	if (Number(body.status_code) !== 9999 || typeof payload.access_token !== 'string') {
		const reason =
			typeof body.message === 'string' && body.message ? body.message : `HTTP ${status}`;
		throw new Error(
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

async function vbotGrant(helper: IHttpRequestHelper, baseUrl: unknown, form: IDataObject) {
	const { status, body } = await ask(helper, {
		method: 'POST',
		url: `${baseOf(baseUrl)}/token`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form as Record<string, string>).toString(),
	});
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
	const { baseUrl, refreshToken, username, password } = credentials;
	if (typeof refreshToken === 'string' && refreshToken !== '') {
		const refreshed = await vbotGrant(helper, baseUrl, {
			grant_type: 'refresh_token',
			refresh_token: refreshToken,
		});
		if (refreshed.session) return refreshed.session;
	}
	const fresh = await vbotGrant(helper, baseUrl, {
		grant_type: 'password',
		username: String(username ?? '').trim(),
		password: String(password ?? ''),
	});
	if (!fresh.session) {
		throw new Error(
			`VBot gave no token for this username and password (${fresh.refused}). Check Username and Password in the credential.`,
		);
	}
	return fresh.session;
}
