'use strict';
// Runs the built node the way n8n runs it: its description goes through n8n-core's WorkflowExecute
// and RoutingNode, with credentials applied by a credentials helper that does what n8n's CLI does
// with the credential's authenticate function. n8n's own NodeTestHarness is not published on npm, so this
// is the small equivalent (see ../shared/notes/n8n-internals.md).

const { mark, printedSince } = require('./output');
const {
	WorkflowExecute,
	ExecutionLifecycleHooks,
	ExecuteContext,
	RoutingNode,
} = require('n8n-core');
const {
	Workflow,
	NodeHelpers,
	ICredentialsHelper,
	createRunExecutionData,
} = require('n8n-workflow');
const path = require('node:path');
const get = require('lodash/get');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { CallHistory } = require(path.join(DIST, 'nodes/CallHistory/CallHistory.node.js'));
const { CallHistoryApi } = require('../../dist/credentials/CallHistoryApi.credentials.js');

const NODE_NAME = 'Call History';
const CREDENTIAL_TYPE = 'callHistoryApi';
const credentialType = new CallHistoryApi();

function nodeTypesOf(type) {
	return {
		getByName: () => type,
		getByNameAndVersion: (_name, version) => NodeHelpers.getVersionedNodeType(type, version),
		getKnownTypes: () => ({}),
	};
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(data) {
		super();
		this.data = data;
		this.preAuthentications = [];
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	/** As n8n's CLI applies an authenticate function: the type's own, on the request's options. */
	async authenticate(credentials, typeName, requestOptions) {
		return await credentialType.authenticate(credentials, requestOptions);
	}

	/**
	 * As n8n's CLI does: when the credential's expirable property is empty, the request was answered
	 * with HTTP 401 (`expired`), or the credential is being tested, run the type's preAuthentication
	 * and store what it returns (into the data object the test passed, so a later run reuses it).
	 */
	async preAuthentication(helpers, credentials, typeName, node, expired) {
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof credentialType.preAuthentication !== 'function') return undefined;
		const testing = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !expired && !testing) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.preAuthentications.push({ expired, testing });
		Object.assign(this.data, output);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials) {
		return (await credentialType.preAuthentication?.call(helpers, credentials)) ?? undefined;
	}

	async getCredentials() {
		throw new Error('not used by these tests');
	}

	/**
	 * The data with the type's defaults filled in, as n8n's CLI applies them: through n8n's own
	 * getNodeParameters, which also leaves out fields not displayed for the data's choices.
	 */
	async getDecrypted() {
		return NodeHelpers.getNodeParameters(
			credentialType.properties,
			this.data,
			true,
			false,
			null,
			null,
		);
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return credentialType.properties;
	}
}

function additionalDataFor(credentials, hooks) {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		variables: {},
		userId: 'test-user',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
	};
}

/** A workflow node of this package's node `type`, with the test credential. */
function packageNode(id, name, type, parameters) {
	return {
		id,
		name,
		type: `n8n-nodes-call-history.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Call History account' } },
	};
}

/** Runs `run` and returns what it resolved to, and what n8n and the node printed meanwhile. */
async function capturingOutput(run) {
	const start = mark();
	const result = await run();
	// n8n's logger (winston) writes through streams, a few ticks after the error is reported.
	await new Promise((resolve) => setTimeout(resolve, 25));
	return { result, printed: printedSince(start) };
}

/**
 * Runs the Call History node once on `items` (default: one empty item) with `parameters`.
 * Returns { json: [...output items' json], items, error, run, printed }.
 */
async function runNode({
	parameters,
	credentials,
	timezone = 'Asia/Ho_Chi_Minh',
	continueOnFail = false,
	items = [{ json: {} }],
}) {
	const nodeType = new CallHistory();
	const node = {
		...packageNode('node-1', NODE_NAME, 'callHistory', parameters),
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
	const settings = { timezone };
	const workflowData = {
		id: 'wf-1',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		settings,
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypesOf(nodeType) });
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', workflowData);
	let run;
	hooks.addHandler('workflowExecuteAfter', (fullRun) => {
		run = fullRun;
	});
	const executionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const { result: refusal, printed } = await capturingOutput(() =>
		(async () =>
			new WorkflowExecute(
				additionalDataFor(credentials, hooks),
				'manual',
				executionData,
			).processRunExecutionData(workflow))().then(
			() => undefined,
			// n8n refuses to start a workflow whose node has issues (e.g. a required field left empty).
			(error) => error,
		),
	);
	if (refusal) return { items: [], json: [], error: refusal, run: undefined, printed };
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	const output = task?.data?.main?.[0] ?? [];
	return {
		items: output,
		json: output.map((item) => item.json),
		error: run.data.resultData.error ?? task?.error,
		run,
		printed,
	};
}

/** Call › Get Many's parameters for [from, to] (epoch ms), Return All, with `extra` on top. */
const callsBetween = (from, to, extra = {}) => ({
	resource: 'call',
	operation: 'getMany',
	fromDate: new Date(from).toISOString(),
	toDate: new Date(to).toISOString(),
	returnAll: true,
	...extra,
});

/** The transaction_ids of output calls, in output order. */
const ids = (json) => json.map((call) => call.transaction_id);

/**
 * Tests credentials as n8n's CredentialsTester does for a credential with a `test` request: the
 * request runs through RoutingNode in a temporary node, then the test's rules are applied.
 * Returns { status: 'OK' | 'Error', message }.
 */
async function testCredential(data) {
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credentialType.test.request },
				},
			],
		},
	};
	const node = {
		id: 'temp',
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Call History account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(nodeType),
	});
	const hooks = new ExecutionLifecycleHooks('internal', 'test-1', {
		id: 'x',
		nodes: [node],
		connections: {},
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(data, hooks),
		'internal',
		{ resultData: { runData: {} } },
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = {
		id: 'cred-1',
		name: 'Call History account',
		type: CREDENTIAL_TYPE,
		data,
	};
	const rules = credentialType.test.rules ?? [];
	let response;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const status = error.cause?.response?.status;
		if (status) {
			const rule = rules.find((r) => r.type === 'responseCode' && r.properties.value === status);
			if (rule) return { status: 'Error', message: rule.properties.message };
			return {
				status: 'Error',
				message: error.cause.response.statusText || `Received HTTP status code: ${status}`,
			};
		}
		return { status: 'Error', message: error.cause?.code ?? error.message };
	}
	const body = response[0][0].json;
	// n8n's CredentialsTester: lodash `get`, so a key may be a dot path (`payload.error`); equality
	// only; the rules in order, the first that matches wins.
	for (const rule of rules) {
		if (
			rule.type === 'responseSuccessBody' &&
			get(body, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = {
	DIST,
	additionalDataFor,
	nodeTypesOf,
	packageNode,
	callsBetween,
	runNode,
	testCredential,
	ids,
	NODE_NAME,
};
