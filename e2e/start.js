'use strict';
// `npm start`, the main job: the API sandbox and a real n8n with this package loaded, a credential
// for each platform and the example workflows imported. Ctrl-C stops everything it started.
//   N8N_PORT=5678 (default)   SANDBOX_PORT / SANDBOX_TOKEN (default: any free port, a random token)
//   E2E_N8N_VERSION=2.40.7 (default; a recipe under e2e/n8n/)
//   CALL_HISTORY_PACKAGE=n8n-nodes-omicall (or n8n-nodes-vbot): that package of npm run packages
//   instead, with its vendor's credentials and examples (default: this repository, both vendors)
//   SANDBOX_LIVE_CALLS_MS=8000 (default): the sandbox makes a call this often, delivered to the
//   webhooks registered (activate "Each ended call to the CRM, in real time"); 0 turns it off

const { startStack } = require('./lib/stack');
const { bannerOf } = require('./lib/banner');
const { builtPackages } = require('./lib/packages');

async function main() {
	const started = Date.now();
	process.env.SANDBOX_LIVE_CALLS_MS ??= '8000';
	const only = process.env.CALL_HISTORY_PACKAGE;
	const packages = only ? [builtPackages([only])[only]] : undefined;
	const stack = await startStack({ packages });
	const { n8n } = stack;
	for (const line of bannerOf(stack)) console.log(line);
	console.log();
	console.log(
		`Started in ${Math.round((Date.now() - started) / 1000)} s. Press Ctrl-C to stop n8n and the sandbox.`,
	);

	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		console.log('Stopping n8n and the sandbox...');
		await stack.stop();
		console.log('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	n8n.exited.then((code) => {
		if (!stopping) {
			console.error(`n8n exited by itself (${code}); see ${n8n.logFile}`);
			stop(1);
		}
	});
}

main().catch((error) => {
	console.error(error.message ?? error);
	process.exit(1);
});
