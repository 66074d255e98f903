'use strict';
// A scripted OpenAI-compatible model, served by the sandbox under /v1, for n8n's OpenAI Chat Model
// node (credential type openAiApi, Base URL <sandbox>/v1):
//   GET  /v1/models            the model picker's list, and the credential's test
//   POST /v1/chat/completions  with or without `stream`; each request takes the next scripted turn
// A turn is { toolCall: { name?, arguments } } (name defaults to the first tool offered),
// { text }, or a function of the request's body that returns one. With no turn scripted, the model
// plays a small demo of its own (see demoTurn). Every request is kept in `requests`, so a test reads
// what the agent sent: the tools' names, descriptions and JSON schemas, and the tool results.

const crypto = require('node:crypto');

const MODEL_ID = 'sandbox-model';
const DAY_MS = 86_400_000;

/** OpenAI's error shape. */
const openAiError = (status, message, type = 'invalid_request_error') => ({
	status,
	body: { error: { message, type, param: null, code: null } },
});

/** Roughly four characters a token: the usage numbers are only there because clients read them. */
const roughTokens = (value) => Math.ceil(JSON.stringify(value ?? '').length / 4);

/** An ISO 8601 date-time in Vietnam's time (UTC+7, no daylight saving), to the second. */
function vietnamTime(ms) {
	return `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

const lastOf = (messages) => messages[messages.length - 1] ?? {};
const textOf = (content) =>
	Array.isArray(content) ? content.map((part) => part.text ?? '').join('') : String(content ?? '');

/**
 * What the model does with no turn scripted, so that a person can try the example in the editor:
 * after a tool result it quotes the result; otherwise it calls the tool that the question's words
 * point to (a report, else a list), with the last 7 days for any date argument.
 */
function demoTurn(body) {
	const messages = body.messages ?? [];
	const last = lastOf(messages);
	if (last.role === 'tool') {
		const result = textOf(last.content);
		const shown = result.length > 1500 ? `${result.slice(0, 1500)}…` : result;
		return { text: `(Scripted sandbox model) The tool answered ${result.length} bytes:\n${shown}` };
	}
	const tools = (body.tools ?? []).map((tool) => tool.function);
	const question = textOf(last.content).toLowerCase();
	const wanted = /report|count|how many|bao nhiêu|thống kê/.test(question)
		? /report/i
		: /many|calls/i;
	const tool = tools.find((t) => wanted.test(t.name)) ?? tools.find((t) => !/update/i.test(t.name));
	if (!tool) {
		return {
			text: '(Scripted sandbox model) I only follow the script a test gives me; connect a real model to chat.',
		};
	}
	const now = Date.now();
	const args = {};
	for (const key of Object.keys(tool.parameters?.properties ?? {})) {
		if (/^from/i.test(key)) args[key] = vietnamTime(now - 7 * DAY_MS);
		else if (/^to/i.test(key)) args[key] = vietnamTime(now);
	}
	return { toolCall: { name: tool.name, arguments: args } };
}

/** The request's turn as an answer: a message with one tool call, or text. */
function messageOf(turn, body) {
	if (turn.text !== undefined) {
		return { message: { role: 'assistant', content: turn.text }, finish: 'stop' };
	}
	const offered = (body.tools ?? []).map((tool) => tool.function.name);
	const name = turn.toolCall.name ?? offered[0];
	if (!offered.includes(name)) {
		return {
			refusal: `The script calls tool "${name}", not among those offered: ${offered.join(', ')}`,
		};
	}
	const call = {
		id: `call_${crypto.randomBytes(6).toString('hex')}`,
		type: 'function',
		function: { name, arguments: JSON.stringify(turn.toolCall.arguments ?? {}) },
	};
	return {
		message: { role: 'assistant', content: null, tool_calls: [call] },
		finish: 'tool_calls',
	};
}

const usageOf = (body, message) => {
	const prompt = roughTokens(body.messages) + roughTokens(body.tools);
	const completion = roughTokens(message);
	return {
		prompt_tokens: prompt,
		completion_tokens: completion,
		total_tokens: prompt + completion,
	};
};

function completion(id, body, { message, finish }) {
	return {
		status: 200,
		body: {
			id,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
			usage: usageOf(body, message),
		},
	};
}

/** The same answer as server-sent events, the way OpenAI streams it: role, content or tool call, finish. */
function streamed(id, body, { message, finish }) {
	const chunk = (choices, extra = {}) => ({
		id,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model: body.model,
		choices,
		...extra,
	});
	const delta = (d, finishReason = null) =>
		chunk([{ index: 0, delta: d, finish_reason: finishReason }]);
	const chunks = [delta({ role: 'assistant', content: message.tool_calls ? null : '' })];
	for (const [index, call] of (message.tool_calls ?? []).entries()) {
		const { id: callId, type, function: fn } = call;
		chunks.push(
			delta({
				tool_calls: [{ index, id: callId, type, function: { name: fn.name, arguments: '' } }],
			}),
		);
		chunks.push(delta({ tool_calls: [{ index, function: { arguments: fn.arguments } }] }));
	}
	for (const piece of message.content?.match(/\S+\s*/g) ?? [])
		chunks.push(delta({ content: piece }));
	chunks.push(delta({}, finish));
	if (body.stream_options?.include_usage) chunks.push(chunk([], { usage: usageOf(body, message) }));
	const events = chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('');
	return {
		status: 200,
		headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
		body: `${events}data: [DONE]\n\n`,
	};
}

class ScriptedModel {
	constructor({ apiKey } = {}) {
		this.apiKey = apiKey ?? `sk-sandbox-${crypto.randomBytes(12).toString('hex')}`;
		this.requests = [];
		this.turns = [];
	}

	/** Queues the answers of the next chat-completion requests, one turn per request. */
	script(...turns) {
		this.turns.push(...turns.flat());
	}

	reset() {
		this.requests.length = 0;
		this.turns.length = 0;
	}

	/** The chat-completion requests' bodies received so far. */
	completions() {
		return this.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body);
	}

	answer(req) {
		this.requests.push({ method: req.method, path: req.path, body: req.body, at: req.at });
		if (req.auth !== 'model') {
			return openAiError(401, 'Incorrect API key provided.', 'invalid_api_key');
		}
		if (req.method === 'GET' && req.path === '/v1/models') {
			const created = Math.floor(Date.now() / 1000);
			return {
				status: 200,
				body: {
					object: 'list',
					data: [{ id: MODEL_ID, object: 'model', created, owned_by: 'sandbox' }],
				},
			};
		}
		if (req.method === 'POST' && req.path === '/v1/chat/completions')
			return this.complete(req.body ?? {});
		if (req.path === '/v1/responses') {
			return openAiError(
				404,
				'The sandbox model speaks Chat Completions only: turn off "Use Responses API" in the OpenAI Chat Model node.',
			);
		}
		return openAiError(404, `The sandbox model has no ${req.method} ${req.path}.`);
	}

	complete(body) {
		const next = this.turns.shift() ?? demoTurn;
		const turn = typeof next === 'function' ? next(body) : next;
		const answer = messageOf(turn, body);
		if (answer.refusal) return openAiError(400, answer.refusal);
		const id = `chatcmpl-sandbox-${this.requests.length}`;
		return body.stream ? streamed(id, body, answer) : completion(id, body, answer);
	}
}

/** The sandbox's answer to a request under /v1, or undefined for any other path. */
function modelAnswer(req, sandbox) {
	if (req.platform !== 'callHistory' || !req.path.startsWith('/v1/')) return undefined;
	return sandbox.model.answer(req);
}

module.exports = { ScriptedModel, modelAnswer, MODEL_ID, vietnamTime };
