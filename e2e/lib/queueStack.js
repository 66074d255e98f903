'use strict';
// The stack of `npm run start:queue` and the queue-mode suite: what `npm start` runs, with n8n in
// queue mode. A PostgreSQL and a Redis of their own (e2e/lib/services.js), n8n's main instance
// (editor, REST, webhooks, triggers) and `n8n worker` processes that take the executions off the
// Redis queue, all with the same encryption key and database, each with a user folder of its own
// into which the package is installed, as on separate machines. Binary data goes to the database,
// the mode n8n 2.40.7 offers across processes without an S3 or Azure bucket.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startSandbox } = require('../../test/sandbox/server');
const { seedDemo } = require('../../test/sandbox/demo');
const { ensureN8n } = require('./install');
const { N8n, freePort } = require('./n8n');
const { startPostgres, startRedis } = require('./services');
const { packAndInstall, writeImports, OWNER, CREDENTIALS } = require('./stack');

/** What main and every worker share: queue mode, the database, Redis, binary data in the database. */
function queueEnvironment({ postgres, redis }) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Runs started from the editor go to the workers too, as n8n 3 will always do.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/** A worker of the stack: its own user folder and health-check port, the shared environment. */
async function workerOf({ installed, root, index, env, concurrency }) {
	return new N8n({
		installed,
		userFolder: path.join(root, `worker-${index}`),
		port: await freePort(),
		env,
		command: ['worker', `--concurrency=${concurrency}`],
	});
}

/**
 * Starts the sandbox (demo data), Postgres, Redis, n8n main with the examples and credentials
 * imported, and `workers` workers (each running up to `concurrency` executions at once).
 * `env` is added to every n8n process's environment, `workerEnv` to the workers'. Returns { sandbox, demo, n8n (main),
 * workers, postgres, redis, installed, owner, workflows, credentials, root, env, timings (seconds per phase), stop }.
 */
async function startQueueStack({
	workers: workerCount = 2,
	concurrency = 10,
	n8nPort = Number(process.env.N8N_PORT ?? 5678),
	sandboxPort = Number(process.env.SANDBOX_PORT ?? 0),
	token = process.env.SANDBOX_TOKEN,
	version,
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-queue-')),
	extraWorkflows,
	extraCredentials,
	env: extraEnv = {},
	workerEnv = {},
	log = console.log,
} = {}) {
	const installed = ensureN8n(version, log);
	// Postgres runs as another user when this is root: it must reach its folder inside this one.
	fs.chmodSync(root, 0o711);
	const started = [];
	const timings = {};
	let last = Date.now();
	const timed = (phase) => {
		timings[phase] = (Date.now() - last) / 1000;
		last = Date.now();
	};
	const stop = async () => {
		for (const service of started.reverse()) await service.stop();
		started.length = 0;
	};
	try {
		const [sandbox, postgres, redis] = await Promise.all([
			startSandbox({ port: sandboxPort, token }),
			startPostgres({ dir: path.join(root, 'postgres'), log }),
			startRedis({ dir: path.join(root, 'redis'), log }),
		]);
		started.push(postgres, redis, { stop: () => sandbox.close() });
		timed('services');
		const env = { ...queueEnvironment({ postgres, redis }), ...extraEnv };
		const n8n = new N8n({ installed, userFolder: path.join(root, 'main'), port: n8nPort, env });
		const workers = [];
		for (let index = 1; index <= workerCount; index++) {
			const own = { ...env, ...workerEnv };
			workers.push(await workerOf({ installed, root, index, env: own, concurrency }));
		}
		started.push(n8n, ...workers);
		const demo = seedDemo(sandbox);
		const importDir = path.join(root, 'import');
		const workflows = writeImports(importDir, sandbox, extraWorkflows, extraCredentials);
		// Into the shared database, from a folder of their own, while npm installs the package.
		const importer = new N8n({ installed, userFolder: importDir, port: 0, env });
		const imports = (async () => {
			await importer.importFile('credentials', path.join(importDir, 'credentials.json'));
			await importer.importFile('workflow', path.join(importDir, 'workflows'), ['--separate']);
		})();
		await Promise.all([packAndInstall([n8n, ...workers].map((p) => p.userFolder)), imports]);
		timed('install and imports');
		// The imports ran the database's migrations, so the three can start side by side.
		await Promise.all([n8n, ...workers].map((p) => p.start()));
		await n8n.setUpOwner(OWNER);
		timed('n8n');
		return {
			sandbox,
			demo,
			n8n,
			workers,
			postgres,
			redis,
			installed,
			owner: OWNER,
			workflows,
			credentials: CREDENTIALS,
			packageNames: [require('../../package.json').name],
			root,
			env,
			timings,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startQueueStack };
