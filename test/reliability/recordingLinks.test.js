'use strict';
// Recording links come from vendor answers: only http and https links are fetched, and a link
// that is or resolves to a loopback, private, link-local or unspecified address is refused (before
// any request, and again after every redirect), unless Allow Recordings From Private Addresses is
// on. Host names are judged by n8n's own egress filter; this instance allows `localhost` by name
// (N8N_SSRF_ALLOWED_HOSTNAMES, as an admin can), so that a first hop can pass and redirect.

process.env.N8N_SSRF_ALLOWED_HOSTNAMES = 'localhost';

const { useSandbox } = require('../harness/sandbox');
const { runNode, callsBetween } = require('../harness/n8n');
const { DAY, makeCall, random } = require('../sandbox/seed');

const api = useSandbox();
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
	const [call] = callsWithLinks([`http://localhost:${port}/recordings/hop.wav`]);
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
