'use strict';
// Another host: a plain HTTP server on 127.0.0.1 that records every request it gets (its headers
// and body) and answers 200 with a body that looks like a vendor's answer. A redirect test points
// a vendor answer here and checks that nothing reached it.

const http = require('node:http');

function useOtherHost() {
	const handle = { server: undefined, received: [], url: undefined };
	beforeAll(async () => {
		handle.server = http.createServer(async (req, res) => {
			const chunks = [];
			for await (const chunk of req) chunks.push(chunk);
			handle.received.push({
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({ status_code: 9999, payload: { items: [], stolen: true }, error: 0 }),
			);
		});
		await new Promise((resolve) => handle.server.listen(0, '127.0.0.1', resolve));
		handle.url = `http://127.0.0.1:${handle.server.address().port}`;
	});
	beforeEach(() => {
		handle.received.length = 0;
	});
	afterAll(async () => {
		handle.server.closeAllConnections();
		await new Promise((resolve) => handle.server.close(resolve));
	});
	return handle;
}

module.exports = { useOtherHost };
