'use strict';
// Call › Get and Call › Update through n8n-core against the sandbox.

const { useSandbox } = require('./harness/sandbox');
const { runNode } = require('./harness/n8n');
const { makeCall, random } = require('./sandbox/seed');

const api = useSandbox();
const CALL = makeCall(random(77), Date.UTC(2026, 0, 5, 3), 'http://127.0.0.1');
const ID = CALL.transaction_id;

const run = (parameters, extra = {}) =>
	runNode({
		parameters: { resource: 'call', ...parameters },
		credentials: api.credentials(),
		...extra,
	});

beforeEach(() => api.sandbox.calls.replace([structuredClone(CALL)]));

describe('Call › Get', () => {
	test('returns the call as one item', async () => {
		const { json, error } = await run({ operation: 'get', transactionId: ID });

		expect(error).toBeUndefined();
		expect(json).toEqual([CALL]);
		const [request] = api.sandbox.requests;
		expect([request.method, request.path]).toEqual(['GET', `/api/call_transaction/detail/${ID}`]);
	});

	test('trims the ID', async () => {
		const { json } = await run({ operation: 'get', transactionId: `  ${ID}\n` });

		expect(json).toEqual([CALL]);
	});

	test.each([
		['../x', '..%2Fx'],
		['a/b?c=d#e', 'a%2Fb%3Fc%3Dd%23e'],
		['..%2Flist', '..%252Flist'],
	])('encodes %j into one path segment', async (id, segment) => {
		const { error } = await run({ operation: 'get', transactionId: id });

		expect(api.sandbox.requests.map((r) => r.path)).toEqual([
			`/api/call_transaction/detail/${segment}`,
		]);
		expect(error.message).toMatch(/^resource_not_found: no call has this transaction ID/);
	});

	test('one request per input item', async () => {
		const other = makeCall(random(78), Date.UTC(2026, 0, 6), 'http://127.0.0.1');
		api.sandbox.calls.add(other);

		const { json } = await run(
			{ operation: 'get', transactionId: '={{ $json.id }}' },
			{ items: [{ json: { id: ID } }, { json: { id: other.transaction_id } }] },
		);

		expect(json.map((c) => c.transaction_id)).toEqual([ID, other.transaction_id]);
		expect(api.sandbox.requests).toHaveLength(2);
	});
});

describe('Call › Update', () => {
	const received = () => api.sandbox.received(`/api/call_transaction/change/${ID}`);

	test('sends {note, tag[]} and the change is visible through a following Get', async () => {
		const { json, error } = await run({
			operation: 'update',
			transactionId: ID,
			note: 'Khách hẹn gọi lại 15h',
			tags: 'vip, goilaisau ,',
		});

		expect(error).toBeUndefined();
		const [request] = received();
		expect(request.method).toBe('POST');
		expect(request.contentType).toMatch(/^application\/json/);
		expect(request.body).toEqual({ note: 'Khách hẹn gọi lại 15h', tag: ['vip', 'goilaisau'] });
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({
			transaction_id: ID,
			note: 'Khách hẹn gọi lại 15h',
			tag: ['vip', 'goilaisau'],
		});

		const { json: readBack } = await run({ operation: 'get', transactionId: ID });
		expect(readBack[0]).toMatchObject({ note: 'Khách hẹn gọi lại 15h', tag: ['vip', 'goilaisau'] });
	});

	test('tags from an expression giving an array', async () => {
		await run({
			operation: 'update',
			transactionId: ID,
			note: 'n',
			tags: '={{ ["khieunai", " vip "] }}',
		});

		expect(received()[0].body).toEqual({ note: 'n', tag: ['khieunai', 'vip'] });
	});

	test('empty Tags leaves the tags as they are', async () => {
		api.sandbox.calls.get(ID).tag = ['vip'];

		const { json } = await run({
			operation: 'update',
			transactionId: ID,
			note: 'only the note',
			tags: '',
		});

		expect(received()[0].body).toEqual({ note: 'only the note' });
		expect(json[0].tag).toEqual(['vip']);
	});

	test('an empty array from an expression clears the tags', async () => {
		api.sandbox.calls.get(ID).tag = ['vip'];

		const { json } = await run({
			operation: 'update',
			transactionId: ID,
			note: 'clear',
			tags: '={{ [] }}',
		});

		expect(received()[0].body).toEqual({ note: 'clear', tag: [] });
		expect(json[0].tag).toEqual([]);
	});

	test('encodes the ID into the change path too', async () => {
		await run({ operation: 'update', transactionId: '../list', note: 'x' });

		expect(api.sandbox.requests.map((r) => r.path)).toEqual([
			'/api/call_transaction/change/..%2Flist',
		]);
	});
});
