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
	callHistory: { id: 'callHistorySandbox', name: 'Call History sandbox' },
	vbot: { id: 'vbotSandbox', name: 'VBot sandbox' },
	callHistoryApiKey: { id: 'callHistoryApiKey', name: 'Call History sandbox (API key)' },
	vbotPassword: { id: 'vbotPassword', name: 'VBot sandbox (username and password)' },
	vbotV3: { id: 'vbotV3Sandbox', name: 'VBot v3 sandbox' },
	openAi: { id: 'openAiSandbox', name: 'OpenAI sandbox (scripted model)' },
};

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

/** The packed package installed into the user folder's nodes folder, as n8n installs one. */
async function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	await execFileAsync(
		'npm',
		['install', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', tarball],
		{ cwd: nodesDir },
	);
	return path.join(nodesDir, 'node_modules', PACKAGE.name);
}

/** `npm pack`, then the tarball installed into each user folder; answers the installed folders. */
async function packAndInstall(userFolders) {
	const tarball = packPackage();
	try {
		return await Promise.all(userFolders.map((folder) => installPackage(folder, tarball)));
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

/** The files n8n imports: one credential per platform, the OpenAI one, and every example workflow. */
function writeImports(dir, sandbox, extraWorkflows = {}, extraCredentials = []) {
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
	]
		.map(([{ id, name }, data]) => ({ id, name, type: 'callHistoryApi', data }))
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
	for (const [file, workflow] of Object.entries(all)) {
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
 * with `extraWorkflows` ({ file: workflow }) and `extraCredentials` ([{ id, name, type, data }]).
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
		const [packageDir] = await packAndInstall([userFolder]);
		const importDir = path.join(userFolder, 'import');
		const workflows = writeImports(importDir, sandbox, extraWorkflows, extraCredentials);
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
			userFolder,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startStack, packAndInstall, writeImports, workflowIdOf, OWNER, CREDENTIALS };
