'use strict';
// Recording links come from vendor answers: only http and https links are fetched, and a link
// that is or resolves to a loopback, private, link-local, shared (100.64/10) or unspecified
// address is refused (before any request, and again after every redirect), unless Allow
// Recordings From Private Addresses is on. Host names are resolved once, judged by n8n's own
// egress filter and the node's own list, and the download connects to the address judged.
//
// This test process is the links' network: it answers the names below (node's dns.lookup and
// dns.promises.lookup, which n8n's resolver and sockets call) and routes the public addresses
// below to servers on 127.0.0.1. Nothing of n8n or the node is replaced. This instance allows
// `localhost` by name (N8N_SSRF_ALLOWED_HOSTNAMES, as an admin can), and the documentation
// range 203.0.113.0/24 (n8n blocks it by default) as the vendors' public addresses.

process.env.N8N_SSRF_ALLOWED_HOSTNAMES = 'localhost';
process.env.N8N_SSRF_ALLOWED_IP_RANGES = '203.0.113.0/24';

const dns = require('node:dns');
const net = require('node:net');
const { useSandbox } = require('../harness/sandbox');
const { useOtherHost } = require('../harness/otherHost');
const { runNode, callsBetween } = require('../harness/n8n');
const { DAY, makeCall, random } = require('../sandbox/seed');
const { toneWav } = require('../sandbox/recordings');

/** A vendor's public address, served by the sandbox. */
const VENDOR = '203.0.113.7';
/** A carrier-grade NAT address (Tailscale's resolver), served by an internal service. */
const CGNAT = '100.100.100.100';

/** Each name's answers, given in turn (the last one from then on). */
const zone = new Map();
/** Where a public address's connections go: the port on 127.0.0.1 that serves it. */
const routes = new Map();
/** The address (or name) of every connection made, before its route. */
const connections = [];

function answerOf(hostname) {
	const answers = zone.get(hostname);
	if (!answers) return undefined;
	const address = answers.length > 1 ? answers.shift() : answers[0];
	return { address, family: net.isIP(address) };
}

const real = {
	lookup: dns.lookup,
	promisesLookup: dns.promises.lookup,
	connect: net.Socket.prototype.connect,
};
beforeAll(() => {
	dns.lookup = function lookup(hostname, options, callback) {
		const done = typeof options === 'function' ? options : callback;
		const answer = answerOf(hostname);
		if (!answer) return real.lookup.call(dns, hostname, options, callback);
		const all = typeof options === 'object' && options?.all;
		process.nextTick(() =>
			all ? done(null, [answer]) : done(null, answer.address, answer.family),
		);
		return undefined;
	};
	dns.promises.lookup = async (hostname, options) => {
		const answer = answerOf(hostname);
		if (!answer) return await real.promisesLookup.call(dns.promises, hostname, options);
		return options?.all ? [answer] : answer;
	};
	net.Socket.prototype.connect = function connect(...args) {
		const options = Array.isArray(args[0]) ? args[0][0] : args[0];
		if (options && typeof options === 'object' && typeof options.host === 'string') {
			// A name is looked up as the socket would (and answers what the zone answers next).
			if (!options.lookup) options.host = answerOf(options.host)?.address ?? options.host;
			connections.push(options.host);
			if (routes.has(options.host)) {
				options.port = routes.get(options.host);
				options.host = '127.0.0.1';
			}
		}
		return real.connect.apply(this, args);
	};
});
afterAll(() => {
	dns.lookup = real.lookup;
	dns.promises.lookup = real.promisesLookup;
	net.Socket.prototype.connect = real.connect;
});

const api = useSandbox();
/** An internal service: it answers anything, and must hear from no recording link. */
const internal = useOtherHost();
beforeAll(() => {
	routes.set(VENDOR, Number(new URL(api.sandbox.url).port));
	routes.set(CGNAT, Number(new URL(internal.url).port));
});
beforeEach(() => {
	zone.clear();
	connections.length = 0;
});
const JAN_1 = Date.UTC(2025, 11, 31, 17);
const options = { downloadRecordings: true, requestsPerSecond: 0, maxRetries: 0 };

/** One answered call per link, stored in the sandbox; answers them newest first, as listed. */
function callsWithLinks(links) {
	const calls = links.map((link, i) => {
		const call = makeCall(random(600 + i), JAN_1 + (i + 1) * 60_000, 'x');
		call.recording_file = link;
		return call;
	});
	api.sandbox.calls.replace(calls);
	return calls.reverse();
}

const errorsOf = async (extraOptions = {}) => {
	const { items, error } = await runNode({
		parameters: callsBetween(JAN_1, JAN_1 + DAY, { options: { ...options, ...extraOptions } }),
		credentials: api.credentials(),
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	return items.map((item) => item.json.error ?? (item.binary ? 'downloaded' : 'no recording'));
};

const asked = (path) => api.sandbox.requests.filter((r) => r.path === path);

test('links to this machine, other schemes and the unspecified address are refused, with no request', async () => {
	const port = new URL(api.sandbox.url).port;
	const calls = callsWithLinks([
		`http://127.0.0.1:${port}/admin`,
		`http://[::1]:${port}/admin`,
		`http://[::]:${port}/admin`,
		'data:audio/wav;base64,UklGRiQAAABXQVZF',
		'file:///etc/passwd',
	]);

	const errors = await errorsOf();

	// Newest first, as the list answers: the last link's call first.
	const reasons = [
		'its link points to a private address (127.0.0.1). Turn on Allow Recordings From Private Addresses if your recordings are on your own network.',
		'its link points to a private address ([::1]). Turn on Allow Recordings From Private Addresses if your recordings are on your own network.',
		'its link points to a private address ([::]). Turn on Allow Recordings From Private Addresses if your recordings are on your own network.',
		'its link is a data: link; only http and https are fetched',
		'its link is a file: link; only http and https are fetched',
	].reverse();
	expect(errors).toEqual(
		calls.map(
			(call, i) =>
				`The recording of call ${call.transaction_id} could not be downloaded: ${reasons[i]}`,
		),
	);
	expect(asked('/admin')).toEqual([]);
});

test('a link that passes, redirected to a private address, is refused after the redirect', async () => {
	const port = new URL(api.sandbox.url).port;
	zone.set('vendor.example', [VENDOR]);
	const [call] = callsWithLinks([`http://vendor.example:${port}/recordings/hop.wav`]);
	api.sandbox.fault({
		path: '/recordings/hop.wav',
		respond: { status: 302, headers: { location: `http://127.0.0.1:${port}/admin` } },
	});

	const errors = await errorsOf();

	expect(errors).toEqual([
		`The recording of call ${call.transaction_id} could not be downloaded: its link points to a private address (127.0.0.1). Turn on Allow Recordings From Private Addresses if your recordings are on your own network.`,
	]);
	expect(asked('/recordings/hop.wav')).toHaveLength(1);
	expect(asked('/admin')).toEqual([]);
});

test('shared addresses (100.64/10), written or resolved, and names the instance allows are judged by the node’s list too', async () => {
	const port = new URL(internal.url).port;
	zone.set('cgnat.example', [CGNAT]);
	const calls = callsWithLinks([
		`http://${CGNAT}:${port}/admin`,
		`http://[::ffff:100.64.0.1]:${port}/admin`,
		`http://cgnat.example:${port}/admin`,
		`http://localhost:${port}/admin`,
	]);

	const errors = await errorsOf({ timeout: 2 });

	const hosts = [CGNAT, '[::ffff:6440:1]', 'cgnat.example', 'localhost'].reverse();
	expect(errors).toEqual(
		calls.map(
			(call, i) =>
				`The recording of call ${call.transaction_id} could not be downloaded: its link points to a private address (${hosts[i]}). Turn on Allow Recordings From Private Addresses if your recordings are on your own network.`,
		),
	);
	expect(internal.received).toEqual([]);
	expect(connections.filter((host) => host !== '127.0.0.1')).toEqual([]);
});

describe('a name that answers a public address, then 127.0.0.1 (DNS rebinding)', () => {
	const recording = '/recordings/vendor-1.wav';
	/** The sandbox's tone for vendor-1.wav. */
	const tone = toneWav(300 + ([...'vendor-1'].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 500));
	let rebinds = 0;

	test.each([
		['its link', (link) => link],
		[
			'a redirect',
			(link) => {
				const port = new URL(api.sandbox.url).port;
				zone.set('vendor.example', [VENDOR]);
				api.sandbox.fault({
					path: '/recordings/hop.wav',
					respond: { status: 302, headers: { location: link } },
				});
				return `http://vendor.example:${port}/recordings/hop.wav`;
			},
		],
	])(
		'in %s: the download connects to the public address it checked, with the name as Host',
		async (_, linkTo) => {
			// A name of its own (n8n's resolver keeps answers a second); at 127.0.0.1 its port is the
			// internal service's.
			const name = `rebind-${++rebinds}.example`;
			const host = `${name}:${new URL(internal.url).port}`;
			zone.set(name, [VENDOR, '127.0.0.1']);
			const [call] = callsWithLinks([linkTo(`http://${host}${recording}`)]);

			const { items, error } = await runNode({
				parameters: callsBetween(JAN_1, JAN_1 + DAY, { options }),
				credentials: api.credentials(),
			});

			expect(error).toBeUndefined();
			expect(internal.received).toEqual([]);
			expect(connections).toContain(VENDOR);
			expect(items[0].json.transaction_id).toBe(call.transaction_id);
			const bytes = Buffer.from(items[0].binary.data.data, 'base64');
			expect(bytes.equals(tone)).toBe(true);
			expect(asked(recording).map((r) => r.host)).toEqual([host]);
		},
	);
});

test('with Allow Recordings From Private Addresses, the same links are fetched, redirects followed', async () => {
	const port = new URL(api.sandbox.url).port;
	callsWithLinks([
		`http://localhost:${port}/recordings/hop.wav`,
		`http://127.0.0.1:${port}/recordings/direct.wav`,
	]);
	api.sandbox.fault({
		path: '/recordings/hop.wav',
		respond: {
			status: 302,
			headers: { location: `http://127.0.0.1:${port}/recordings/moved.wav` },
		},
	});

	const errors = await errorsOf({ allowPrivateRecordings: true });

	expect(errors).toEqual(['downloaded', 'downloaded']);
	expect(asked('/recordings/moved.wav')).toHaveLength(1);
});
