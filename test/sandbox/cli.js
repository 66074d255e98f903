'use strict';
// `npm run sandbox`: the API sandbox by hand, with demo data. Ctrl-C stops it.
//   SANDBOX_PORT=8787 npm run sandbox      (default: any free port)
//   SANDBOX_TOKEN=my-token npm run sandbox (default: a random token)

const { startSandbox } = require('./server');
const { seedDemo } = require('./demo');

async function main() {
	const sandbox = await startSandbox({
		port: Number(process.env.SANDBOX_PORT ?? 0),
		token: process.env.SANDBOX_TOKEN,
	});
	const demo = seedDemo(sandbox);
	const { vbot } = demo;
	console.log(
		`API sandbox on 127.0.0.1: ${demo.calls} calls over the last 30 days, and a VBot history.`,
	);
	console.log('');
	console.log('In n8n, create an "OMICall / VBot Call History API" credential with:');
	console.log(`  Base URL:     ${sandbox.url}   (for VBot: ${sandbox.vbotUrl})`);
	console.log(`  Access Token: ${sandbox.token}`);
	console.log(
		`VBot Call operations: VBot ID ${vbot.vbotId}, Project Code ${vbot.projectCode}, Phone one of ${vbot.phones.join(', ')}`,
	);
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
