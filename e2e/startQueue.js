'use strict';
// `npm run start:queue`: what `npm start` starts, with n8n in queue mode: PostgreSQL and Redis of
// their own, n8n main and two `n8n worker` processes (e2e/lib/queueStack.js). Prints what
// `npm start` prints, then follows the workers' logs. Ctrl-C stops everything it started.
//   N8N_PORT=5678 (default)   SANDBOX_PORT / SANDBOX_TOKEN   QUEUE_WORKERS=2 (default)
//   E2E_N8N_VERSION=2.40.7 (default; a recipe under e2e/n8n/)

const fs = require('node:fs');
const { startQueueStack } = require('./lib/queueStack');
const { bannerOf } = require('./lib/banner');

/** Prints what is appended to `file`, each line after `prefix`; answers a function that stops. */
function follow(file, prefix) {
	let offset = fs.existsSync(file) ? fs.statSync(file).size : 0;
	let partial = '';
	const timer = setInterval(() => {
		const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
		if (size <= offset) return;
		const buffer = Buffer.alloc(size - offset);
		const fd = fs.openSync(file, 'r');
		fs.readSync(fd, buffer, 0, buffer.length, offset);
		fs.closeSync(fd);
		offset = size;
		const lines = (partial + buffer.toString('utf8')).split('\n');
		partial = lines.pop();
		for (const line of lines) process.stdout.write(`${prefix} ${line}\n`);
	}, 300);
	return () => clearInterval(timer);
}

async function main() {
	const started = Date.now();
	let stack;
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		if (!stack) {
			console.log('Stopping as soon as everything has started...');
			return;
		}
		console.log('Stopping the workers, n8n, the sandbox, Redis and PostgreSQL...');
		await stack.stop();
		fs.rmSync(stack.root, { recursive: true, force: true });
		console.log('Stopped.');
		process.exit(code);
	};
	// Set before anything starts: the servers run in process groups of their own, which a Ctrl-C
	// in the terminal does not reach.
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	stack = await startQueueStack({ workers: Number(process.env.QUEUE_WORKERS ?? 2) });
	if (stopping) {
		stopping = false;
		return stop(0);
	}
	const { n8n, workers, postgres, redis } = stack;
	for (const line of bannerOf(stack)) console.log(line);
	console.log();
	console.log(
		'Queue mode (EXECUTIONS_MODE=queue): n8n main puts executions on Redis; workers run them.',
	);
	console.log(`  PostgreSQL  127.0.0.1:${postgres.port}, database ${postgres.database}`);
	console.log(`  Redis       127.0.0.1:${redis.port}`);
	console.log('  Binary data in the database (N8N_DEFAULT_BINARY_DATA_MODE=database)');
	workers.forEach((worker, i) =>
		console.log(
			`  Worker ${i + 1}    user folder ${worker.userFolder}, health ${worker.url}/healthz`,
		),
	);
	console.log(`  Everything lives under ${stack.root} (removed on Ctrl-C)`);
	console.log();
	const phases = Object.entries(stack.timings).map(([phase, s]) => `${phase} ${Math.round(s)} s`);
	console.log(`Started in ${Math.round((Date.now() - started) / 1000)} s (${phases.join(', ')}).`);
	console.log("Press Ctrl-C to stop everything. The workers' logs follow:");
	workers.forEach((worker, i) => follow(worker.logFile, `[worker ${i + 1}]`));
	n8n.exited.then((code) => {
		if (!stopping) {
			console.error(`n8n main exited by itself (${code}); see ${n8n.logFile}`);
			stop(1);
		}
	});
	workers.forEach((worker, i) =>
		worker.exited.then((code) => {
			if (!stopping) console.error(`[worker ${i + 1}] exited by itself (${code})`);
		}),
	);
}

main().catch((error) => {
	console.error(error.message ?? error);
	process.exit(1);
});
