'use strict';
// The API sandbox: one real HTTP server on 127.0.0.1 serving both vendors' APIs, the Call History
// API at its root, VBot's v2 under /vbot/v2.0 and VBot's v3 under /vbot/v3.0, with a bearer-token
// check (v3: an X-API-Key check), a log of every request it received and scripted faults (see
// faults.js), and both vendors' webhooks (webhooks.js). Tests start one per file; `npm run
// sandbox` starts one by hand.

const http = require('node:http');
const crypto = require('node:crypto');
const { CallStore, VbotCallStore, VbotStore } = require('./store');
const { FaultScript } = require('./faults');
const {
	handleCallHistory,
	failure: callHistoryFailure,
	httpFailure: callHistoryHttpFailure,
} = require('./callHistoryApi');
const { handleVbot, failure: vbotFailure } = require('./vbotApi');
const { handleVbotV3, failure: vbotV3Failure, faultFailure: vbotV3Fault } = require('./vbotV3Api');
const { DAY } = require('./seed');
const { TokenIssuer, callHistoryAuth, vbotToken } = require('./tokens');
const { recordingAnswer } = require('./recordings');
const { ScriptedModel, modelAnswer } = require('./model');
const { attachWebhooks, resetWebhooks, omicallWebhookApi } = require('./webhooks');

const VBOT_BASE = '/vbot/v2.0';
const VBOT_V3_BASE = '/vbot/v3.0';
const BASES = { vbot: VBOT_BASE, vbotV3: VBOT_V3_BASE };
const HANDLERS = {
	callHistory: (req, sandbox) => omicallWebhookApi(req, sandbox) ?? handleCallHistory(req, sandbox),
	vbot: handleVbot,
	vbotV3: handleVbotV3,
};

/** Query string to an object; `a[]=x&a[]=y`, `a[0]=x` and repeated `a=x&a=y` all become arrays. */
function parseQuery(searchParams) {
	const query = {};
	for (const [rawKey, value] of searchParams) {
		const match = /^(.*?)\[\d*\]$/.exec(rawKey);
		const key = match ? match[1] : rawKey;
		if (match) query[key] = [...(Array.isArray(query[key]) ? query[key] : []), value];
		else if (key in query) query[key] = [...[query[key]].flat(), value];
		else query[key] = value;
	}
	return query;
}

function authOf(header, sandbox) {
	const match = /^Bearer (.+)$/.exec(header ?? '');
	if (!match) return 'missing';
	if (match[1] === sandbox.token) return 'ok';
	if (match[1] === sandbox.model.apiKey) return 'model';
	const issued = sandbox.tokens.check(match[1]);
	if (issued) return issued;
	return sandbox.expiredTokens.has(match[1]) ? 'expired' : 'invalid';
}

/** VBot v3 has no tokens: the X-API-Key header is the key made in the console, or it is not. */
function apiKeyAuth(header, sandbox) {
	if (!header) return 'missing';
	return header === sandbox.vbotApiKey ? 'ok' : 'invalid';
}

/** The API a path is below, and the path below that API's base. */
function apiOf(pathname) {
	for (const [platform, base] of Object.entries(BASES)) {
		if (pathname.startsWith(`${base}/`)) return { platform, path: pathname.slice(base.length) };
	}
	return { platform: 'callHistory', path: pathname };
}

function authFailure(req, sandbox) {
	if (req.platform === 'vbot')
		return { status: 401, body: { status: 0, error: 401, message: 'Unauthorized' } };
	if (req.platform === 'vbotV3') return vbotV3Failure(409);
	if (req.auth === 'expired') return callHistoryFailure('token_expired', sandbox.settings);
	return callHistoryHttpFailure(401, 'unauthorized', sandbox.settings);
}

function vendorFailure(req, sandbox, code) {
	if (req.platform === 'vbot') return vbotFailure(sandbox.settings, 429, code);
	if (req.platform === 'vbotV3') return vbotV3Fault(code);
	return callHistoryFailure(code, sandbox.settings);
}

/** The token endpoints, which need no bearer token. */
function tokenAnswer(req, sandbox) {
	if (req.platform === 'callHistory' && req.method === 'GET' && req.path === '/api/auth') {
		const failure = (code) => callHistoryFailure(code, sandbox.settings);
		return callHistoryAuth(req.query, sandbox.tokens, failure, (payload) => ({
			status: 200,
			body: { status_code: 9999, instance_id: 'sandbox', payload },
		}));
	}
	if (req.platform === 'vbot' && req.method === 'POST' && req.path === '/token') {
		// VBot reads the form alone: a JSON body has no grant_type for it.
		return vbotToken(isForm(req.contentType) ? req.body : {}, sandbox.tokens);
	}
	return undefined;
}

/** A stand-in CRM for the CRM-sync example: POST /crm/... keeps the body in `sandbox.crm`. */
function crmAnswer(req, sandbox) {
	if (req.platform !== 'callHistory' || !req.path.startsWith('/crm/')) return undefined;
	if (req.method !== 'POST') return { status: 405, body: { message: 'POST only' } };
	sandbox.crm.push({ path: req.path, body: req.body, at: req.at });
	return { status: 200, body: { ok: true } };
}

function realAnswer(req, sandbox) {
	const open =
		tokenAnswer(req, sandbox) ??
		recordingAnswer(req, sandbox) ??
		crmAnswer(req, sandbox) ??
		modelAnswer(req, sandbox);
	if (open) return open;
	if (req.auth !== 'ok') return authFailure(req, sandbox);
	return HANDLERS[req.platform](req, sandbox);
}

function send(res, { status, body, headers = {} }, truncate = false) {
	if (Buffer.isBuffer(body)) {
		res.writeHead(status, headers);
		return res.end(truncate ? body.subarray(0, body.length >> 1) : body);
	}
	let text = typeof body === 'string' ? body : JSON.stringify(body);
	if (truncate) text = text.slice(0, Math.floor(text.length / 2));
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
	res.end(text);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams `bytes` bytes in chunks, as a large or slow answer arrives; stops when the client leaves. */
async function streamTo(res, req, { bytes, chunkBytes = 64 * 1024, everyMs = 0, ...how }) {
	const headers = { 'content-type': how.contentType ?? 'application/octet-stream' };
	if (how.contentLength !== false) headers['content-length'] = String(bytes);
	res.writeHead(how.status ?? 200, headers);
	req.sentBytes = 0;
	let gone = false;
	res.on('close', () => (gone = true));
	const chunk = Buffer.alloc(chunkBytes, 0x61);
	while (req.sentBytes < bytes && !gone) {
		const size = Math.min(chunkBytes, bytes - req.sentBytes);
		req.sentBytes += size;
		const drained = res.write(chunk.subarray(0, size));
		if (everyMs > 0) await sleep(everyMs);
		else if (!drained)
			await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
	}
	if (!gone) res.end();
}

const isForm = (contentType) => /^application\/x-www-form-urlencoded/.test(contentType ?? '');

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const text = Buffer.concat(chunks).toString('utf8');
	if (!text) return undefined;
	if (isForm(req.headers['content-type'])) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	try {
		return JSON.parse(text);
	} catch {
		return { unparsable: text };
	}
}

async function handle(rawReq, res, sandbox) {
	const url = new URL(rawReq.url, 'http://sandbox');
	const { platform, path } = apiOf(url.pathname);
	const req = {
		method: rawReq.method,
		platform,
		path,
		rawQuery: url.search.slice(1),
		query: parseQuery(url.searchParams),
		body: await readBody(rawReq),
		contentType: rawReq.headers['content-type'],
		host: rawReq.headers.host,
		auth:
			platform === 'vbotV3'
				? apiKeyAuth(rawReq.headers['x-api-key'], sandbox)
				: authOf(rawReq.headers.authorization, sandbox),
		at: Date.now(),
	};
	sandbox.requests.push(req);
	const fault = sandbox.faults.take(req);
	req.fault = fault ? Object.keys(fault.respond).join(',') : undefined;
	const delay = sandbox.settings.latencyMs + (fault?.respond.delayMs ?? 0);
	if (delay > 0) await sleep(delay);
	const respond = fault?.respond ?? {};
	if (respond.reset) return rawReq.socket.destroy();
	if (respond.hang) return undefined;
	if (respond.until) await respond.until.catch(() => undefined);
	if (respond.before) await respond.before(sandbox, req);
	if (respond.answer) return send(res, respond.answer(req, sandbox));
	if (respond.stream) return streamTo(res, req, respond.stream);
	if (respond.status)
		return send(res, {
			status: respond.status,
			body: respond.body ?? '',
			headers: respond.headers,
		});
	if (respond.vendorError) return send(res, vendorFailure(req, sandbox, respond.vendorError));
	return send(res, realAnswer(req, sandbox), respond.truncate);
}

/** What startSandbox's `settings` default to (see there). */
const DEFAULT_SETTINGS = Object.freeze({
	maxWindowMs: 3 * DAY,
	maxPageSize: 50,
	vbotMaxPageSize: 50,
	vbotEnvelope: 'status',
	latencyMs: 0,
	listOrder: 'newest',
	vbotOrder: 'newest',
	vbotV3MaxPageSize: 50,
	vbotV3Order: 'newest',
	callHistoryErrorShape: 'message',
	recordingContentType: 'audio/wav',
});

/**
 * Starts a sandbox on 127.0.0.1 (an ephemeral port unless `port` is given).
 * settings: maxWindowMs (date_is_too_long above it, default 3 days), maxPageSize (list cap, 50),
 * vbotMaxPageSize (50; also v3's customer history), vbotEnvelope ('status' | 'error-only'),
 * vbotV3MaxPageSize (the v3 call log's cap, 50), latencyMs (added to every answer), listOrder,
 * vbotOrder and vbotV3Order: how the lists are served ('newest' first, the default; 'oldest'
 * first; 'shuffled': newest-first pages, each in no order), since neither vendor publishes one;
 * callHistoryErrorShape: where OMICall's failures carry their code ('message', REFERENCE.md's, the
 * default; 'payload': in payload.error, as its current docs show).
 * secrets: { apiKey, username, password } the token endpoints accept (default: a random API key).
 * modelKey: the API key the scripted model under /v1 accepts (see model.js; default: a random one).
 * vbotApiKey: the X-API-Key VBot v3 accepts (default: a random one).
 */
async function startSandbox({
	token,
	secrets,
	modelKey,
	vbotApiKey,
	port = 0,
	settings = {},
} = {}) {
	const sandbox = {
		token: token ?? `sbx_${crypto.randomBytes(12).toString('hex')}`,
		vbotApiKey: vbotApiKey ?? `vbk_${crypto.randomBytes(16).toString('hex')}`,
		settings: { ...DEFAULT_SETTINGS, ...settings },
		calls: new CallStore(),
		vbot: new VbotStore(),
		vbotCalls: new VbotCallStore(),
		requests: [],
		// Requests being answered now, and the most at any one time since the last reset.
		inFlight: 0,
		mostInFlight: 0,
		faults: new FaultScript(),
		expiredTokens: new Set(),
		tokens: new TokenIssuer(secrets),
		brokenRecordings: new Set(),
		crm: [],
		model: new ScriptedModel({ apiKey: modelKey }),
	};
	const server = http.createServer((req, res) => {
		sandbox.inFlight += 1;
		sandbox.mostInFlight = Math.max(sandbox.mostInFlight, sandbox.inFlight);
		res.on('close', () => (sandbox.inFlight -= 1));
		handle(req, res, sandbox).catch((error) => {
			if (!res.headersSent)
				send(res, { status: 500, body: { message: String(error?.stack ?? error) } });
		});
	});
	server.keepAliveTimeout = 1000;
	attachWebhooks(sandbox);
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${server.address().port}`;
	return Object.assign(sandbox, {
		url: base,
		vbotUrl: `${base}${VBOT_BASE}`,
		vbotV3Url: `${base}${VBOT_V3_BASE}`,
		fault: (fault) => sandbox.faults.add(fault),
		/**
		 * The requests received so far, optionally only those to `path` (below the API base) and of
		 * one `platform` ('callHistory', 'vbot', 'vbotV3': v2 and v3 share the history paths).
		 */
		received: (path, platform) =>
			sandbox.requests.filter(
				(r) => (!path || r.path === path) && (!platform || r.platform === platform),
			),
		reset() {
			sandbox.requests.length = 0;
			sandbox.mostInFlight = 0;
			sandbox.faults.clear();
			sandbox.tokens = new TokenIssuer(sandbox.tokens);
			sandbox.brokenRecordings.clear();
			sandbox.crm.length = 0;
			sandbox.model.reset();
			resetWebhooks(sandbox);
		},
		close() {
			sandbox.webhooks.stopLiveCalls?.();
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		},
	});
}

module.exports = { startSandbox, parseQuery, DEFAULT_SETTINGS, VBOT_BASE, VBOT_V3_BASE };
