'use strict';
// The main job's stack: the API sandbox with demo data, and a real n8n with this package installed
// the way n8n installs community packages, a credential for each platform pointing at the sandbox,
// the example workflows imported, and an owner account to log in with.

const { execFile, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { startSandbox } = require('../../test/sandbox/server');
const { seedDemo } = require('../../test/sandbox/demo');
const { ensureN8n } = require('./install');
const { N8n } = require('./n8n');

const REPO = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(REPO, 'examples');
const PACKAGE = require(path.join(REPO, 'package.json'));
const execFileAsync = promisify(execFile);

const OWNER = {
	email: process.env.N8N_OWNER_EMAIL ?? 'owner@call-history.test',
	password: process.env.N8N_OWNER_PASSWORD ?? 'CallHistory-2026',
	firstName: 'Call',
	lastName: 'Center',
};

const CREDENTIALS = {
	callHistory: { id: 'callHistorySandbox', name: 'Call History sandbox', vendor: 'omicall' },
	vbot: { id: 'vbotSandbox', name: 'VBot sandbox', vendor: 'vbot' },
	callHistoryApiKey: {
		id: 'callHistoryApiKey',
		name: 'Call History sandbox (API key)',
		vendor: 'omicall',
	},
	vbotPassword: {
		id: 'vbotPassword',
		name: 'VBot sandbox (username and password)',
		vendor: 'vbot',
	},
	vbotV3: { id: 'vbotV3Sandbox', name: 'VBot v3 sandbox', vendor: 'vbot' },
	vbotWebhook: { id: 'vbotWebhook', name: 'VBot sandbox (webhook Auth header)', vendor: 'vbot' },
	openAi: { id: 'openAiSandbox', name: 'OpenAI sandbox (scripted model)' },
};

/** The Auth header the "VBot sandbox (webhook Auth header)" credential expects of VBot's webhook. */
const VBOT_WEBHOOK_AUTH = { headerName: 'Authorization', headerValue: 'Bearer e2e-vbot-webhook' };

/** The combined package's type names: what `examples/` and the imported credentials use. */
const COMBINED = {
	name: PACKAGE.name,
	types: { node: 'callHistory', trigger: 'callHistoryTrigger', credential: 'callHistoryApi' },
};

/**
 * `workflow` of the combined package as `pkg`'s (a package built by scripts/packages.js: its name,
 * vendors, types and `resources`/`sources`, the values its node and trigger offer), or undefined
 * when it uses a resource or source `pkg` does not have.
 */
function workflowAs(workflow, pkg) {
	if (!pkg) return workflow;
	const ours = `${COMBINED.name}.`;
	const nodes = workflow.nodes.map((node) => {
		if (!node.type.startsWith(ours)) return node;
		const kind = node.type.slice(ours.length);
		const { resource, source } = node.parameters;
		// A webhook trigger has the same type name in every package that holds its vendor.
		const isWebhookTrigger = kind.endsWith('WebhookTrigger');
		if (isWebhookTrigger && !pkg.types.webhookTriggers.includes(kind)) return undefined;
		if (resource !== undefined && !pkg.resources.includes(resource)) return undefined;
		if (source !== undefined && !pkg.sources.includes(source)) return undefined;
		const type =
			kind === COMBINED.types.trigger
				? pkg.types.trigger
				: kind.replace(COMBINED.types.node, pkg.types.node);
		const credentials = node.credentials && {
			[pkg.types.credential]: node.credentials[COMBINED.types.credential],
		};
		return { ...node, type: `${pkg.name}.${type}`, ...(credentials && { credentials }) };
	});
	return nodes.includes(undefined) ? undefined : { ...workflow, nodes };
}

/** A fixed workflow id per example file, so links and tests can name it. */
const workflowIdOf = (file) => crypto.createHash('sha1').update(file).digest('hex').slice(0, 16);

/** `npm pack` of the built package, into a folder of its own: the tarball's path. */
function packPackage() {
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-pack-'));
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
			cwd: REPO,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	return path.join(packDir, filename);
}

/**
 * Packed packages (`{ tarball, name }`) installed into the user folder's nodes folder in one npm
 * install, as n8n installs one: answers their installed folders.
 */
async function installPackages(userFolder, packages) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	await execFileAsync(
		'npm',
		[
			'install',
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			...packages.map((pkg) => pkg.tarball),
		],
		{ cwd: nodesDir },
	);
	return packages.map((pkg) => path.join(nodesDir, 'node_modules', pkg.name));
}

/** `npm pack`, then the tarball installed into each user folder; answers the installed folders. */
async function packAndInstall(userFolders) {
	const tarball = packPackage();
	try {
		const installed = userFolders.map((folder) =>
			installPackages(folder, [{ tarball, name: PACKAGE.name }]),
		);
		return (await Promise.all(installed)).map(([dir]) => dir);
	} finally {
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

/** n8n's own OpenAI credential, its Base URL pointed at the sandbox's scripted model (model.js). */
const openAiCredential = (sandbox) => ({
	...CREDENTIALS.openAi,
	type: 'openAiApi',
	data: { apiKey: sandbox.model.apiKey, url: `${sandbox.url}/v1`, header: false },
});

/**
 * The files n8n imports: one credential per platform, the OpenAI one, and every example workflow;
 * with `as` (a built package), those of its vendors, under its type names.
 */
function writeImports(dir, sandbox, extraWorkflows = {}, extraCredentials = [], as = undefined) {
	fs.mkdirSync(path.join(dir, 'workflows'), { recursive: true });
	const { apiKey, username, password } = sandbox.tokens;
	const credentials = [
		[CREDENTIALS.callHistory, { baseUrl: sandbox.url, accessToken: sandbox.token }],
		[CREDENTIALS.vbot, { baseUrl: sandbox.vbotUrl, accessToken: sandbox.token }],
		[CREDENTIALS.callHistoryApiKey, { authentication: 'apiKey', baseUrl: sandbox.url, apiKey }],
		[
			CREDENTIALS.vbotPassword,
			{ authentication: 'usernamePassword', baseUrl: sandbox.vbotUrl, username, password },
		],
		[
			CREDENTIALS.vbotV3,
			{
				platform: 'vbotV3',
				authentication: 'vbotApiKey',
				baseUrl: sandbox.vbotV3Url,
				vbotApiKey: sandbox.vbotApiKey,
			},
		],
		[
			CREDENTIALS.vbotWebhook,
			{
				platform: 'vbot',
				baseUrl: sandbox.vbotUrl,
				accessToken: sandbox.token,
				webhookHeaderName: VBOT_WEBHOOK_AUTH.headerName,
				webhookHeaderValue: VBOT_WEBHOOK_AUTH.headerValue,
			},
		],
	]
		.filter(([{ vendor }]) => !as || as.vendors.includes(vendor))
		.map(([{ id, name }, data]) => ({
			id,
			name,
			type: as ? as.types.credential : COMBINED.types.credential,
			data,
		}))
		.concat(openAiCredential(sandbox), extraCredentials);
	fs.writeFileSync(path.join(dir, 'credentials.json'), JSON.stringify(credentials, null, 2));

	const workflows = {};
	const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
	const all = {
		...Object.fromEntries(
			files.map((f) => [f, JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8'))]),
		),
		...extraWorkflows,
	};
	for (const [file, combined] of Object.entries(all)) {
		const workflow = workflowAs(combined, as);
		if (!workflow) continue;
		const id = workflowIdOf(file);
		workflows[file] = { id, name: workflow.name };
		fs.writeFileSync(
			path.join(dir, 'workflows', file),
			JSON.stringify({ ...workflow, id, active: false }, null, 2),
		);
	}
	return workflows;
}

/**
 * Starts the sandbox (demo data) and a real n8n with the package loaded and the examples imported,
 * with `extraWorkflows` ({ file: workflow }) and `extraCredentials` ([{ id, name, type, data }]);
 * with `packages` (built by scripts/packages.js), those installed instead of this repository
 * packed, and, for one alone, the credentials and examples of its vendors under its type names.
 * Returns { sandbox, n8n, installed, owner, workflows, credentials, packageDir, stop }.
 */
async function startStack({
	n8nPort = Number(process.env.N8N_PORT ?? 5678),
	sandboxPort = Number(process.env.SANDBOX_PORT ?? 0),
	token = process.env.SANDBOX_TOKEN,
	version,
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-n8n-')),
	extraWorkflows,
	extraCredentials,
	packages,
	log = console.log,
} = {}) {
	const installed = ensureN8n(version, log);
	const sandbox = await startSandbox({ port: sandboxPort, token });
	const n8n = new N8n({ installed, userFolder, port: n8nPort });
	const stop = async () => {
		await n8n.stop();
		await sandbox.close();
	};
	try {
		const demo = seedDemo(sandbox);
		const [packageDir] = packages
			? await installPackages(userFolder, packages)
			: await packAndInstall([userFolder]);
		const importDir = path.join(userFolder, 'import');
		const as = packages?.length === 1 ? packages[0] : undefined;
		const workflows = writeImports(importDir, sandbox, extraWorkflows, extraCredentials, as);
		await n8n.importFile('credentials', path.join(importDir, 'credentials.json'));
		await n8n.importFile('workflow', path.join(importDir, 'workflows'), ['--separate']);
		await n8n.start();
		await n8n.setUpOwner(OWNER);
		return {
			sandbox,
			demo,
			n8n,
			installed,
			owner: OWNER,
			workflows,
			credentials: CREDENTIALS,
			packageDir,
			packageNames: packages ? packages.map((pkg) => pkg.name) : [PACKAGE.name],
			userFolder,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = {
	startStack,
	packAndInstall,
	writeImports,
	workflowAs,
	workflowIdOf,
	OWNER,
	CREDENTIALS,
	VBOT_WEBHOOK_AUTH,
};
