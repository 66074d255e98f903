'use strict';
// The vendors' token endpoints, with tokens that expire after a scripted time and refresh tokens
// that can be revoked:
//   Call History: GET /api/auth?apiKey=<key> -> payload { access_token, access_type, token_type }, no
//                 expires_in: it lives 24 hours (lifetimeMs), unsaid (api_key_is_required, api_key_invalid)
//   VBot:         POST /v2.0/token, form-encoded only (any other body has no grant_type), grant_type=password (username, password) or
//                 grant_type=refresh_token (refresh_token) -> access_token, expires_in, refresh_token;
//                 a refused grant is HTTP 400 { error: 'invalid_grant', error_description }.

const crypto = require('node:crypto');

const DAY_MS = 86_400_000;
const secret = (prefix) => `${prefix}_${crypto.randomBytes(12).toString('hex')}`;

class TokenIssuer {
	/** `secrets` ({ apiKey, username, password }) keeps those of an earlier issuer. */
	constructor(secrets = {}) {
		this.apiKey = secrets.apiKey ?? secret('key');
		this.username = secrets.username ?? 'tongdai@sieuthi-abc.vn';
		this.password = secrets.password ?? 'Mật-khẩu-2026';
		/** How long an issued access token lives, per platform (the vendors': 24 hours and 899 s). */
		this.lifetimeMs = { callHistory: DAY_MS, vbot: 899_000 };
		this.sessions = new Map();
		this.refreshTokens = new Set();
		this.grants = [];
	}

	/** A new access token (and, for VBot, a new refresh token). */
	issue(platform, grant) {
		const token = secret('tok');
		this.sessions.set(token, Date.now() + this.lifetimeMs[platform]);
		this.grants.push(grant);
		const answer = { access_token: token, expires_in: this.lifetimeMs[platform] / 1000 };
		if (platform === 'vbot') {
			answer.refresh_token = secret('ref');
			this.refreshTokens.add(answer.refresh_token);
		}
		return answer;
	}

	/** 'ok' for a live issued token, 'expired' for an issued one past its time, else undefined. */
	check(token) {
		const expiresAt = this.sessions.get(token);
		if (expiresAt === undefined) return undefined;
		return Date.now() < expiresAt ? 'ok' : 'expired';
	}

	/** Ends every issued access token now, as a vendor may before their time. */
	expireAll() {
		for (const token of this.sessions.keys()) this.sessions.set(token, 0);
	}

	revokeRefreshTokens() {
		this.refreshTokens.clear();
	}
}

function callHistoryAuth(query, tokens, failure, ok) {
	if (!query.apiKey) return failure('api_key_is_required');
	if (query.apiKey !== tokens.apiKey) return failure('api_key_invalid');
	// The docs' answer names no lifetime (UPDATES-2026 § A): the token lives 24 hours, unsaid.
	const { access_token } = tokens.issue('callHistory', 'apiKey');
	return ok({ access_token, access_type: 'api_key', token_type: 'Bearer' });
}

function vbotToken(form, tokens) {
	const refused = (description) => ({
		status: 400,
		body: { error: 'invalid_grant', error_description: description },
	});
	if (form.grant_type === 'password') {
		if (form.username !== tokens.username || form.password !== tokens.password) {
			return refused('Sai tên đăng nhập hoặc mật khẩu');
		}
	} else if (form.grant_type === 'refresh_token') {
		if (!tokens.refreshTokens.delete(form.refresh_token))
			return refused('Refresh token không hợp lệ');
	} else {
		return { status: 400, body: { error: 'unsupported_grant_type' } };
	}
	return { status: 200, body: { token_type: 'bearer', ...tokens.issue('vbot', form.grant_type) } };
}

module.exports = { TokenIssuer, callHistoryAuth, vbotToken };
