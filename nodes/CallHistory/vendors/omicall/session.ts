import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { CredentialFailure } from '../../../../common/http';
import { isObject } from '../../../../common/json';
import type { Session } from '../../../../common/platforms';
import { askForToken, baseOf, sessionUntil } from '../../../../credentials/sessionTokens';
import { OMICALL_CONTENT_TYPE, omicallCodeOf } from './codes';

/** A token's life when the answer does not say (REFERENCE.md § A: 24 hours). */
const TOKEN_LIFE_S = 24 * 3600;

/** Call History API: GET {Base URL}/api/auth?apiKey=… -> payload.access_token. */
export async function omicallSession(
	helper: IHttpRequestHelper,
	credentials: IDataObject,
): Promise<Session> {
	const { baseUrl, apiKey } = credentials;
	const { status, body } = await askForToken(
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
	const expiresIn = Number(payload.expires_in) > 0 ? Number(payload.expires_in) : TOKEN_LIFE_S;
	return {
		sessionToken: payload.access_token,
		sessionExpiresAt: sessionUntil(expiresIn),
		refreshToken: '',
	};
}
