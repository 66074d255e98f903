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
	console.log(
		`API sandbox listening (${demo.calls} calls over the last 30 days, VBot history for ${demo.vbot.phones.join(', ')})`,
	);
	console.log(`  Call History base URL: ${sandbox.url}`);
	console.log(`  VBot base URL:         ${sandbox.vbotUrl}`);
	console.log(`  Access token:          ${sandbox.token}`);
	console.log(
		`  VBot ids:              vbotId=${demo.vbot.vbotId} projectCode=${demo.vbot.projectCode}`,
	);
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
