import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { CredentialFailure } from '../../../../common/http';
import type { Session } from '../../../../common/platforms';
import { askForToken, baseOf, sessionUntil } from '../../../../credentials/sessionTokens';

/** A token's life when the answer does not say: the docs' example (REFERENCE.md § VBot token). */
const TOKEN_LIFE_S = 899;

async function vbotGrant(helper: IHttpRequestHelper, credentials: IDataObject, form: IDataObject) {
	const { status, body } = await askForToken(
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
		const expiresIn = Number(body.expires_in) > 0 ? Number(body.expires_in) : TOKEN_LIFE_S;
		return {
			session: {
				sessionToken: body.access_token,
				sessionExpiresAt: sessionUntil(expiresIn),
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
