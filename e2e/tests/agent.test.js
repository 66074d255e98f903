'use strict';
// The AI-agent example (examples/ask-about-calls.json) in the real n8n: a chat message posted to its
// chat trigger's webhook runs the AI Agent, whose OpenAI Chat Model talks to the sandbox's scripted
// model (test/sandbox/model.js). The model calls one of the Call History Tools with the arguments a
// test scripts, then answers from the tool result it was sent. Checked on the sandbox: what the
// vendor API received, what the model was sent (tools, schemas, tool results), and the reply.

const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { useWorld } = require('../lib/world');
const { vietnamTime, MODEL_ID } = require('../../test/sandbox/model');

const world = useWorld();
const DAY = 86_400_000;
const LAN = 'lan.nguyen@sieuthi-abc.vn';
const LIST = '/api/call_transaction/list';
const REPORT = path.join(os.tmpdir(), 'call-history-e2e-agent.json');
const TOOLS_AS_SEEN = path.join(__dirname, '..', '..', 'docs', 'ai-agent-tools.json');
const measured = {};

/** Midnight in Vietnam (UTC+7) of the day `ms` falls in, `days` days later. */
const vietnamMidnight = (ms, days = 0) =>
	Math.floor((ms + 7 * 3_600_000) / DAY) * DAY - 7 * 3_600_000 + days * DAY;

/** POSTs `body` as JSON on a connection of its own (a reused one may be closed under it); answers { status, text }. */
function post(url, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, {
			method: 'POST',
			agent: false,
			headers: { 'content-type': 'application/json' },
		});
		req.on('error', reject);
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
			);
		});
		req.end(JSON.stringify(body));
	});
}

/** Posts a chat message to the example's webhook; answers the agent's reply. */
async function chat(responseMode, chatInput) {
	const url = `${world.state.n8nUrl}/webhook/${world.state.agentWebhooks[responseMode]}/chat`;
	const sessionId = `e2e-${Date.now()}`;
	const { status, text } = await post(url, { action: 'sendMessage', sessionId, chatInput });
	expect(status).toBe(200);
	if (responseMode === 'lastNode') return JSON.parse(text).output;
	// Streaming: one JSON chunk a line; the reply is the items' content, in order.
	const chunks = text
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
	return chunks
		.filter((c) => c.type === 'item')
		.map((c) => c.content)
		.join('');
}

const callTool = (name, args) => ({ toolCall: { name, arguments: args } });

/** The tool result a chat-completion request carries last, with the id of the call it answers. */
function toolResultIn(body) {
	const message = body.messages.at(-1);
	expect(message.role).toBe('tool');
	return { id: message.tool_call_id, text: message.content, json: JSON.parse(message.content) };
}

/** The final turn: a reply made by `describe` from the tool result the model was sent. */
const replyFrom = (describe) => (body) => ({ text: describe(toolResultIn(body).json) });

/** The tool calls the model made, as the next request replays them to it. */
const toolCallsIn = (body) =>
	body.messages.filter((m) => m.tool_calls).flatMap((m) => m.tool_calls);

function tokensOf(text) {
	const { getEncoding } = require(
		path.join(world.state.installed.root, 'node_modules', 'js-tiktoken'),
	);
	return {
		o200k_base: getEncoding('o200k_base').encode(text).length,
		cl100k_base: getEncoding('cl100k_base').encode(text).length,
	};
}

const sizeOf = (text) => ({ bytes: Buffer.byteLength(text), tokens: tokensOf(text) });

beforeAll(async () => {
	for (const file of ['ask-about-calls-lastNode-e2e.json', 'ask-about-calls-streaming-e2e.json']) {
		await world.n8n.activate(world.state.workflows[file].id);
	}
});

afterAll(async () => {
	for (const file of ['ask-about-calls-lastNode-e2e.json', 'ask-about-calls-streaming-e2e.json']) {
		await world.n8n.deactivate(world.state.workflows[file].id);
	}
	fs.writeFileSync(REPORT, JSON.stringify(measured, null, 2));
	process.stdout.write(`\nWhat the agent sent the model, and sizes: ${REPORT}\n`);
});

test('the OpenAI credential passes n8n’s test against the scripted model, and its picker lists it', async () => {
	const { id, name } = world.state.credentials.openAi;
	const data = { apiKey: world.sandbox.model.apiKey, url: `${world.sandbox.url}/v1` };
	const test = (apiKey) =>
		world.n8n.rest('POST', '/credentials/test', {
			credentials: { id, name, type: 'openAiApi', data: { ...data, apiKey } },
		});
	expect(await test(data.apiKey)).toMatchObject({ status: 'OK' });
	expect((await test('sk-wrong')).status).toBe('Error');

	const models = await world.n8n.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
		path: 'parameters.model',
		methodName: 'searchModels',
		nodeTypeAndVersion: { name: '@n8n/n8n-nodes-langchain.lmChatOpenAi', version: 1.3 },
		currentNodeParameters: { model: { __rl: true, mode: 'list', value: '' }, options: {} },
		credentials: { openAiApi: { id, name } },
	});
	expect(models.results).toEqual([{ name: MODEL_ID, value: MODEL_ID }]);
	// Test and picker alike: GET <Base URL>/models, with the key as a bearer token.
	const asked = new Set(world.sandbox.model.requests.map((r) => `${r.method} ${r.path}`));
	expect([...asked]).toEqual(['GET /v1/models']);
});

test('List calls: the model’s dates, agent and limit reach the vendor; 50 simplified calls reach the model; its reply reaches the chat', async () => {
	const from = vietnamMidnight(Date.now(), -7);
	const to = vietnamMidnight(Date.now()) - 1000;
	const args = {
		fromDate: vietnamTime(from),
		toDate: vietnamTime(to),
		agentEmails: LAN,
		limit: 50,
	};
	const describe = (calls) =>
		`Lan had ${calls.length} calls from ${args.fromDate}, ${calls.filter((c) => c.status !== 'answered').length} not answered.`;
	world.sandbox.model.script(callTool('List_calls', args), replyFrom(describe));

	const reply = await chat('lastNode', 'What were Lan’s last 50 calls of the past week?');

	const lists = world.sandbox.received(LIST);
	expect(lists.length).toBeGreaterThan(0);
	for (const { query } of lists) {
		expect(query).toMatchObject({ agents: [LAN], size: '50' });
		expect(Number(query.from_date)).toBeGreaterThanOrEqual(from);
		expect(Number(query.to_date)).toBeLessThanOrEqual(to);
	}
	expect(Number(lists[0].query.to_date)).toBe(to);

	const [first, second] = world.sandbox.model.completions();
	const [call] = toolCallsIn(second);
	expect(call.function.name).toBe('List_calls');
	const result = toolResultIn(second);
	expect(result.id).toBe(call.id);
	const expected = world.sandbox.calls
		.range(from, to)
		.filter((c) => c.user.some((u) => u.email === LAN))
		.slice(0, 50);
	expect(expected).toHaveLength(50);
	expect(result.json.map((c) => c.id)).toEqual(expected.map((c) => c.transaction_id));
	expect(result.json[0]).toMatchObject({
		platform: 'callHistory',
		agent: { email: LAN },
		startedAt: expect.stringMatching(/\+07:00$/),
	});
	expect(reply).toBe(describe(result.json));

	// What the model saw of the tools, kept in docs/ and checked here.
	const tools = first.tools.map((t) => t.function).sort((a, b) => a.name.localeCompare(b.name));
	measured.tools = tools;
	expect(tools).toEqual(JSON.parse(fs.readFileSync(TOOLS_AS_SEEN, 'utf8')));
	measured.fiftySimplifiedCalls = sizeOf(result.text);
	measured.fiftyRawCalls = sizeOf(JSON.stringify(expected));
	measured.toolsInEveryRequest = sizeOf(JSON.stringify(first.tools));
});

test('Call report (streamed): the model’s dates and extension reach the vendor; the counts reach the model; its reply streams to the chat', async () => {
	const from = vietnamMidnight(Date.now(), -7);
	const to = vietnamMidnight(Date.now()) - 1000;
	const args = { fromDate: vietnamTime(from), toDate: vietnamTime(to), agentExtension: '101' };
	const total = ([report]) =>
		report.categorized_by_direction.reduce((sum, d) => sum + d.total_count, 0) +
		(report.categorized_by_local_direction.total_call ?? 0);
	const describe = (report) => `Extension 101 had ${total(report)} calls in the past 7 days.`;
	world.sandbox.model.script(callTool('Call_report', args), replyFrom(describe));

	const reply = await chat('streaming', 'How many calls did extension 101 have last week?');

	const reports = world.sandbox.received('/api/call_transaction/report');
	expect(reports.every((r) => r.query.sip_user === '101')).toBe(true);
	expect(Math.min(...reports.map((r) => Number(r.query.from_date)))).toBe(from);
	expect(Math.max(...reports.map((r) => Number(r.query.to_date)))).toBe(to);

	const completions = world.sandbox.model.completions();
	expect(completions.map((body) => body.stream)).toEqual([true, true]);
	const result = toolResultIn(completions[1]);
	const held = world.sandbox.calls.range(from, to).filter((c) => c.sip_user === '101');
	expect(total(result.json)).toBe(held.length);
	expect(reply).toBe(describe(result.json));
	measured.report = sizeOf(result.text);
});

test('Update call: the model’s note and tags reach the vendor; the updated call reaches the model; its reply reaches the chat', async () => {
	const [latest] = world.sandbox.calls.range(0, Date.now());
	const args = {
		callId: latest.transaction_id,
		note: 'Khách phàn nàn: giao hàng trễ',
		tags: 'complaint, n8n',
	};
	const describe = ([call]) => `Tagged call ${call.id}: ${call.tags.join(', ')}.`;
	world.sandbox.model.script(callTool('Update_call', args), replyFrom(describe));

	const reply = await chat('lastNode', 'Tag the last call as a complaint about late delivery');

	const [change] = world.sandbox.requests.filter((r) => r.path.startsWith('/api/'));
	expect(change.path).toBe(`/api/call_transaction/change/${latest.transaction_id}`);
	expect(change.body).toEqual({ note: args.note, tag: ['complaint', 'n8n'] });
	const result = toolResultIn(world.sandbox.model.completions()[1]);
	expect(result.json).toEqual([
		expect.objectContaining({
			id: latest.transaction_id,
			note: args.note,
			tags: ['complaint', 'n8n'],
		}),
	]);
	expect(reply).toBe(`Tagged call ${latest.transaction_id}: complaint, n8n.`);
});

test('a date range the node refuses comes back to the model as one sentence naming the fields and the fix; the model’s retry succeeds', async () => {
	const now = Date.now();
	const tooLong = { fromDate: '2024-01-01T00:00:00+07:00', toDate: vietnamTime(now) };
	const narrowed = {
		fromDate: vietnamTime(vietnamMidnight(now, -1)),
		toDate: vietnamTime(now),
		limit: 5,
	};
	world.sandbox.model.script(
		callTool('List_calls', tooLong),
		callTool('List_calls', narrowed),
		replyFrom((calls) => `Over a year is too long; here are the latest ${calls.length} calls.`),
	);

	const reply = await chat('lastNode', 'List every call since 2024');

	const [, second, third] = world.sandbox.model.completions();
	const days = Math.ceil((Date.parse(tooLong.toDate) - Date.parse(tooLong.fromDate)) / DAY);
	const refusal = toolResultIn(second);
	expect(refusal.json).toEqual([
		{
			error: `The date range is ${days} days long, more than 366: narrow From Date and To Date to 366 days or less`,
		},
	]);
	measured.refusal = refusal.text;
	// Nothing went to the vendor for the refused range; the retry's calls reached the model.
	const lists = world.sandbox.received(LIST);
	expect(lists.every((r) => Number(r.query.from_date) >= Date.parse(narrowed.fromDate))).toBe(true);
	expect(toolResultIn(third).json).toHaveLength(5);
	expect(reply).toBe('Over a year is too long; here are the latest 5 calls.');
});

test('with no script the model plays the demo `npm start` offers: it reads the last 7 days and quotes the tool', async () => {
	const reply = await chat('lastNode', 'How many calls did we have?');

	const reports = world.sandbox.received('/api/call_transaction/report');
	const from = Math.min(...reports.map((r) => Number(r.query.from_date)));
	expect(Math.abs(Date.now() - 7 * DAY - from)).toBeLessThan(60_000);
	const [, second] = world.sandbox.model.completions();
	expect(reply).toMatch(
		/^\(Scripted sandbox model\) The tool answered \d+ bytes:\n\[\{"categorized_by_direction"/,
	);
	expect(reply).toContain(toolResultIn(second).text.slice(0, 100));
});
