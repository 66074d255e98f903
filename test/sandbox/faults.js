'use strict';
// Scripted faults: a test queues what the next matching request(s) should suffer, e.g.
//   sandbox.fault({ path: '/api/call_transaction/list', respond: { status: 503 } })
//   sandbox.fault({ path: '/api/call_transaction/list', match: (q) => q.page === '2', respond: { reset: true } })
// A fault matches on method, on path (the path below the API's base, e.g. '/api/...'; VBot paths
// too), and on an optional predicate over the parsed query; `times` (default 1) says how often.
//
// respond:
//   { status, body, headers }   that HTTP answer instead of the real one (body: object -> JSON, string -> as is)
//   { vendorError: 'code' }     the platform's own failure envelope in an HTTP 200 answer
//   { reset: true }             destroy the connection without answering
//   { hang: true }              never answer (the connection stays open until the sandbox closes)
//   { truncate: true }          HTTP 200 with the first half of the real JSON body
//   { delayMs: n }              answer normally, n ms late
//   { until: promise }          answer normally once `promise` settles (a test holds the request)
//   { answer: (req, sandbox) }  the { status, body, headers } it returns, computed per request
//   { stream: { bytes, chunkBytes, everyMs, contentLength, contentType, status } }
//                               HTTP 200 (or `status`) streaming `bytes` bytes of `chunkBytes`, one
//                               chunk every `everyMs` ms, with a Content-Length unless it is false;
//                               stops when the client goes away; `req.sentBytes` counts what left
//   { before: (sandbox, req) }  run before the real answer is computed (e.g. insert calls)

class FaultScript {
	constructor() {
		this.queue = [];
	}

	add(fault) {
		if (!fault.respond) throw new Error('a fault needs `respond`');
		this.queue.push({ times: 1, ...fault });
	}

	clear() {
		this.queue = [];
	}

	/** The fault for this request, consumed, or undefined. */
	take(req) {
		const index = this.queue.findIndex(
			(f) =>
				(!f.method || f.method === req.method) &&
				(!f.path || f.path === req.path) &&
				(!f.platform || f.platform === req.platform) &&
				(!f.match || f.match(req.query, req)),
		);
		if (index === -1) return undefined;
		const fault = this.queue[index];
		fault.times -= 1;
		if (fault.times <= 0) this.queue.splice(index, 1);
		return fault;
	}
}

module.exports = { FaultScript };
