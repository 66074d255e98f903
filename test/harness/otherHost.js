'use strict';
// Another host: a plain HTTP server on 127.0.0.1 that records every request it gets (its headers
// and body) and answers 200 with a body that looks like a vendor's answer. A redirect test points
// a vendor answer here and checks that nothing reached it.
//
// `named(hostname)` is its URL under a name such as `vbot.localhost`: while the file runs, names
// ending in `.localhost` resolve to 127.0.0.1 (this machine's resolver does not resolve them), so
// a test can show that nothing reached a host that names a vendor, or one that is not loopback.

const dns = require('node:dns');
const http = require('node:http');

const LOCAL_NAME = /\.localhost$/i;

/** dns.lookup, with names ending in `.localhost` answered 127.0.0.1. */
function lookupWithLocalNames(lookup) {
	return function (hostname, options, callback) {
		if (!LOCAL_NAME.test(String(hostname))) return lookup.apply(this, arguments);
		const done = typeof options === 'function' ? options : callback;
		const all = typeof options === 'object' && options?.all;
		if (all) return process.nextTick(done, null, [{ address: '127.0.0.1', family: 4 }]);
		return process.nextTick(done, null, '127.0.0.1', 4);
	};
}

function useOtherHost() {
	const handle = {
		server: undefined,
		received: [],
		url: undefined,
		named: (hostname) => `http://${hostname}:${handle.server.address().port}`,
	};
	const realLookup = dns.lookup;
	beforeAll(async () => {
		dns.lookup = lookupWithLocalNames(realLookup);
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
		dns.lookup = realLookup;
		handle.server.closeAllConnections();
		await new Promise((resolve) => handle.server.close(resolve));
	});
	return handle;
}

module.exports = { useOtherHost };
