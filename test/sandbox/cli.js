'use strict';
// `npm run sandbox`: the API sandbox by hand, with demo data. Ctrl-C stops it.
//   SANDBOX_PORT=8787 npm run sandbox      (default: any free port)
//   SANDBOX_TOKEN=my-token npm run sandbox (default: a random token)
//   SANDBOX_VBOT_API_KEY=my-key npm run sandbox (VBot v3's X-API-Key; default: a random key)
//   SANDBOX_LIVE_CALLS_MS=8000 npm run sandbox (a call every 8 s to each webhook set; default: off)

const { startSandbox } = require('./server');
const { seedDemo } = require('./demo');

async function main() {
	const sandbox = await startSandbox({
		port: Number(process.env.SANDBOX_PORT ?? 0),
		token: process.env.SANDBOX_TOKEN,
		vbotApiKey: process.env.SANDBOX_VBOT_API_KEY,
	});
	const demo = seedDemo(sandbox);
	const { vbot, vbotV3 } = demo;
	console.log(
		`API sandbox on 127.0.0.1: ${demo.calls} calls over the last 30 days, a VBot history and ${vbotV3.calls} VBot v3 project calls.`,
	);
	console.log('');
	console.log('In n8n, create an "OMICall / VBot Call History API" credential with:');
	console.log(`  Base URL:     ${sandbox.url}   (for VBot: ${sandbox.vbotUrl})`);
	console.log(`  Access Token: ${sandbox.token}`);
	console.log(
		`VBot Call operations: VBot ID ${vbot.vbotId}, Project Code ${vbot.projectCode}, Phone one of ${vbot.phones.join(', ')}`,
	);
	console.log('For VBot v3 (API Key):');
	console.log(`  Base URL:     ${vbotV3.url}`);
	console.log(`  API Key:      ${vbotV3.apiKey}   (sent as X-API-Key)`);
	console.log('');
	console.log('Press Ctrl-C to stop.');
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
