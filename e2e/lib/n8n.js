'use strict';
// One real n8n server: its own user folder (SQLite database, community packages), its own ports,
// its log kept in a file, and the CLI commands run beside it with the same settings.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const ENCRYPTION_KEY = 'call-history-e2e-encryption-key';

// Ports this process has handed out. The kernel may offer a port again once it is closed, and the
// first server to get one (n8n) binds it later than the second (its task broker) is chosen.
const handedOut = new Set();

/** A port nobody listens on right now, from the kernel. */
function portFromKernel() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** A port nobody listens on right now and that this process has not handed out before. */
async function freePort() {
	for (;;) {
		const port = await portFromKernel();
		if (handedOut.has(port)) continue;
		handedOut.add(port);
		return port;
	}
}

/**
 * The environment n8n runs with: this user folder, no telemetry, version checks or templates,
 * and `extra` on top (queue mode's database, Redis and binary data settings).
 */
function environmentOf({ userFolder, port, brokerPort, logLevel = 'info', extra = {} }) {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(
			([k]) => !/^(npm_|JEST_)/.test(k) && !['NODE_OPTIONS', 'NODE_ENV'].includes(k),
		),
	);
	return {
		...env,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: 'Asia/Ho_Chi_Minh',
		TZ: 'Asia/Ho_Chi_Minh',
		...extra,
	};
}

function runCli(installed, env, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(installed.node, [installed.n8n, ...args], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

async function waitFor(check, { timeoutMs, what }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			if (await check()) return;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * One n8n process: `n8n start` (the main instance: editor, REST, triggers) or, with
 * `command: ['worker', …]`, a queue-mode worker, whose `port` is then its health-check server's.
 * `env` is added to the environment of the process and of the CLI commands run beside it.
 */
class N8n {
	constructor({ installed, userFolder, port, env = {}, command = ['start'] }) {
		this.installed = installed;
		this.userFolder = userFolder;
		this.port = port;
		this.env = env;
		this.command = command;
		this.url = `http://127.0.0.1:${port}`;
		this.logFile = path.join(userFolder, 'n8n.log');
		this.cookie = undefined;
	}

	get isWorker() {
		return this.command[0] === 'worker';
	}

	/** A CLI command beside the server: same user folder and key, a task-broker port of its own. */
	async cli(args, { logLevel = 'warn' } = {}) {
		const env = environmentOf({
			userFolder: this.userFolder,
			port: await freePort(),
			brokerPort: await freePort(),
			logLevel,
			extra: this.env,
		});
		return runCli(this.installed, env, args);
	}

	async importFile(kind, file, extraArgs = []) {
		const result = await this.cli([`import:${kind}`, `--input=${file}`, ...extraArgs]);
		if (result.code !== 0) {
			throw new Error(
				`n8n import:${kind} failed (${result.code}):\n${result.stdout}${result.stderr}`,
			);
		}
	}

	/** `n8n execute --id=<id> --rawOutput`: the run's JSON, which comes among n8n's log lines. */
	async execute(workflowId) {
		// At log level error n8n prints no result at all.
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			logLevel: 'info',
		});
		const lines = result.stdout.split('\n');
		const start = lines.indexOf('{');
		if (result.code !== 0 || start < 0) {
			throw new Error(
				`n8n execute --id=${workflowId} failed (${result.code}):\n${result.stdout}${result.stderr}`,
			);
		}
		// It is printed indented, so it ends at the first line that is exactly `}`; n8n may log more after it.
		const end = lines.indexOf('}', start);
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	}

	async start({ timeoutMs = 120_000 } = {}) {
		const env = environmentOf({
			userFolder: this.userFolder,
			port: this.port,
			brokerPort: await freePort(),
			extra: {
				...(this.isWorker && {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(this.port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
				...this.env,
			},
		});
		const log = fs.openSync(this.logFile, 'a');
		// Its own process group, so that stopping it also stops the task runners it starts.
		this.process = spawn(this.installed.node, [this.installed.n8n, ...this.command], {
			env,
			stdio: ['ignore', log, log],
			detached: true,
		});
		fs.closeSync(log);
		const exited = new Promise((resolve) => this.process.on('exit', resolve));
		this.exited = exited;
		let gone = false;
		exited.then(() => (gone = true));
		await waitFor(
			async () => {
				if (gone) throw new Error(`n8n exited while starting; see ${this.logFile}`);
				// A worker's readiness says it is connected and taking jobs.
				if (this.isWorker) return (await fetch(`${this.url}/healthz/readiness`)).ok;
				// Older n8n answers /healthz/readiness, and even other routes ("n8n is starting up"),
				// before its REST routes exist; the editor's settings come as JSON once they do.
				const res = await fetch(`${this.url}/rest/settings`);
				return res.ok && (await res.json()).data !== undefined;
			},
			{ timeoutMs, what: `n8n answering on ${this.url}` },
		).catch((error) => {
			if (gone) error.message = `n8n exited while starting:\n${this.log().slice(-3000)}`;
			throw error;
		});
	}

	log() {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	get running() {
		return Boolean(this.process) && this.process.exitCode === null && !this.process.signalCode;
	}

	signal(name) {
		try {
			process.kill(-this.process.pid, name);
		} catch {
			// already gone
		}
	}

	async stop({ timeoutMs = 15_000 } = {}) {
		if (!this.running) return;
		this.signal('SIGTERM');
		const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
		await this.exited;
		clearTimeout(timer);
		this.signal('SIGKILL'); // any task runner left in the group
	}

	/** A call to n8n's internal REST API, as the editor makes it, with the owner's cookie. */
	async rest(method, route, body) {
		const res = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: {
				'content-type': 'application/json',
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (!res.ok) {
			throw new Error(`n8n ${method} /rest${route} answered ${res.status}: ${text.slice(0, 500)}`);
		}
		return json?.data ?? json;
	}

	/**
	 * Activates a workflow as the editor's toggle does, and waits until its triggers are live:
	 * n8n 2.x publishes an activated workflow asynchronously (an outbox polled in the background),
	 * so /publication-status says when; older n8n (no such route) activates before answering.
	 */
	async activate(workflowId, { timeoutMs = 60_000 } = {}) {
		const { versionId } = await this.rest('GET', `/workflows/${workflowId}`);
		await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId });
		await this.published(workflowId, 'published', timeoutMs);
	}

	/**
	 * Waits until the workflow's publication status is `wanted` ('published' or 'not_published');
	 * older n8n (no such route) is done when it answers. Throws on a failed publication.
	 */
	async published(workflowId, wanted, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const publication = await this.rest(
				'GET',
				`/workflows/${workflowId}/publication-status`,
			).catch((error) => {
				if (/answered 404/.test(error.message)) return { status: wanted };
				throw error;
			});
			if (publication.status === wanted) return;
			if (['failed', 'partial'].includes(publication.status) || Date.now() > deadline) {
				throw new Error(`workflow ${workflowId} not ${wanted}: ${JSON.stringify(publication)}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/**
	 * Calls a production webhook (`/webhook/<path>`) with `body` as JSON; answers its status, its
	 * JSON (or text) and how long it took. node:http, so that a long run is not cut off by fetch's
	 * timeouts.
	 */
	webhook(method, webhookPath, body) {
		return new Promise((resolve, reject) => {
			const started = performance.now();
			const req = http.request(
				`${this.url}/webhook/${webhookPath}`,
				{ method, headers: body === undefined ? {} : { 'content-type': 'application/json' } },
				(res) => {
					const chunks = [];
					res.on('data', (chunk) => chunks.push(chunk));
					res.on('error', reject);
					res.on('end', () => {
						const text = Buffer.concat(chunks).toString('utf8');
						let json;
						try {
							json = JSON.parse(text);
						} catch {
							json = text;
						}
						resolve({ status: res.statusCode, body: json, ms: performance.now() - started });
					});
				},
			);
			req.on('error', reject);
			req.end(body === undefined ? undefined : JSON.stringify(body));
		});
	}

	/** Deactivates a workflow, and waits until n8n has taken its triggers down (as for activate). */
	async deactivate(workflowId, { timeoutMs = 60_000 } = {}) {
		await this.rest('POST', `/workflows/${workflowId}/deactivate`);
		await this.published(workflowId, 'not_published', timeoutMs);
	}

	async setUpOwner(owner) {
		await this.rest('POST', '/owner/setup', owner);
		await this.rest('POST', '/login', {
			emailOrLdapLoginId: owner.email,
			email: owner.email,
			password: owner.password,
		});
	}
}

module.exports = { N8n, freePort, waitFor };
