'use strict';
// A webhook trigger as n8n runs it: activation and deactivation through n8n-core's HookContext
// (webhookMethods checkExists, create, delete), and each delivery through n8n-core's
// WebhookContext, on a real HTTP server on 127.0.0.1 that stands where n8n's webhook route does:
// it parses a JSON body as n8n does (refusing one that is not JSON with n8n's 422), keeps the raw
// bytes, calls the node's webhook() and answers as n8n would. Static data goes in and comes out
// as JSON around each call, as n8n saves it after activation and after each delivery.

const http = require('node:http');
const path = require('node:path');
const { ExecutionLifecycleHooks, HookContext, WebhookContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { DIST, additionalDataFor, nodeTypesOf, packageNode } = require('./n8n');

const TRIGGERS = {
	omicall: {
		file: 'OmiCallWebhookTrigger',
		type: 'omiCallWebhookTrigger',
		name: 'OMICall Webhook',
	},
	vbot: { file: 'VbotWebhookTrigger', type: 'vbotWebhookTrigger', name: 'VBot Webhook' },
};

let created = 0;

/** An express-like response over node's, as much of it as a node's webhook() uses. */
function responseOf(res) {
	return Object.assign(res, {
		status(code) {
			res.statusCode = code;
			return res;
		},
		json(body) {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(body));
			return res;
		},
		send(body) {
			res.end(typeof body === 'string' ? body : JSON.stringify(body));
			return res;
		},
	});
}

async function requestOf(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const rawBody = Buffer.concat(chunks);
	const contentType = String(req.headers['content-type'] ?? '').split(';')[0];
	const request = { headers: req.headers, params: {}, query: {}, rawBody, contentType, body: {} };
	if (contentType === 'application/json' && rawBody.length > 0) {
		request.body = JSON.parse(rawBody.toString('utf8'));
	}
	return request;
}

/**
 * A webhook trigger of `vendor` ('omicall' | 'vbot') with `parameters` and `credentials()` (a
 * function, so that a test may change them). `start()` listens; `activate()`, `deactivate()`;
 * `executions`: the items of each execution started; `url`: where the vendor delivers.
 */
function webhookTrigger(vendor, parameters, credentials, { mode = 'webhook' } = {}) {
	const spec = TRIGGERS[vendor];
	const NodeClass = require(path.join(DIST, `nodes/${spec.file}/${spec.file}.node.js`))[spec.file];
	const nodeType = new NodeClass();
	const node = {
		...packageNode('webhook-1', spec.name, spec.type, parameters),
		webhookId: 'hook-1',
	};
	const workflowData = {
		// A workflow of its own each time: a trigger remembers recent events in the process.
		id: `wf-${vendor}-webhook-${++created}`,
		name: 'webhook test',
		nodes: [node],
		connections: {},
		active: true,
		settings: { timezone: 'Asia/Ho_Chi_Minh' },
	};
	const webhookData = {
		webhookDescription: nodeType.description.webhooks[0],
		httpMethod: 'POST',
		node: node.name,
		workflowId: workflowData.id,
		isTest: mode === 'manual',
	};
	const trigger = {
		staticData: {},
		executions: [],
		answers: [],
		url: undefined,
		server: undefined,
	};
	const workflow = () =>
		new Workflow({
			...workflowData,
			nodes: [{ ...node, parameters: trigger.parameters ?? parameters }],
			staticData: JSON.parse(JSON.stringify(trigger.staticData)),
			nodeTypes: nodeTypesOf(nodeType),
		});
	const additional = (more) => ({
		...additionalDataFor(credentials(), new ExecutionLifecycleHooks(mode, undefined, workflowData)),
		webhookBaseUrl: `${trigger.base}/webhook`,
		webhookTestBaseUrl: `${trigger.base}/webhook-test`,
		...more,
	});
	const saved = (flow) => (trigger.staticData = JSON.parse(JSON.stringify(flow.staticData)));

	async function method(name) {
		const flow = workflow();
		const nodeOf = flow.getNode(node.name);
		const context = new HookContext(flow, nodeOf, additional(), mode, 'activate', webhookData);
		const result = await nodeType.webhookMethods.default[name].call(context);
		saved(flow);
		return result;
	}

	async function deliver(req, res) {
		const flow = workflow();
		const request = await requestOf(req).catch(() => undefined);
		if (!request) return res.status(422).json({ message: 'Failed to parse request body' });
		const more = { httpRequest: request, httpResponse: res };
		const context = new WebhookContext(
			flow,
			flow.getNode(node.name),
			additional(more),
			mode,
			webhookData,
		);
		const result = await nodeType.webhook.call(context);
		saved(flow);
		trigger.answers.push(result);
		if (result.noWebhookResponse) return undefined;
		if (result.workflowData) {
			trigger.executions.push(result.workflowData[0]);
			return res.status(200).json({ message: 'Workflow was started' });
		}
		return res.status(200).json(result.webhookResponse ?? {});
	}

	return Object.assign(trigger, {
		async start() {
			trigger.server = http.createServer((req, res) => {
				deliver(req, responseOf(res)).catch((error) => {
					trigger.answers.push({ error });
					if (!res.headersSent) res.status(500).json({ message: String(error.message) });
				});
			});
			await new Promise((resolve) => trigger.server.listen(0, '127.0.0.1', resolve));
			trigger.base = `http://127.0.0.1:${trigger.server.address().port}`;
			trigger.url = `${trigger.base}/${mode === 'manual' ? 'webhook-test' : 'webhook'}/hook-1/webhook`;
			return trigger;
		},
		checkExists: () => method('checkExists'),
		async activate() {
			if (!(await method('checkExists'))) await method('create');
		},
		deactivate: () => method('delete'),
		/** The items of every execution so far, one list. */
		items: () => trigger.executions.flat().map((item) => item.json),
		close() {
			trigger.server.closeAllConnections();
			return new Promise((resolve) => trigger.server.close(resolve));
		},
	});
}

module.exports = { webhookTrigger };
