'use strict';
// VBot Call › Get Many and › Count through n8n-core against the sandbox's VBot API.

const { useSandbox } = require('./harness/sandbox');
const { runNode } = require('./harness/n8n');
const { generateVbotHistory } = require('./sandbox/seed');

const api = useSandbox();
const GET_ALL = '/api/crm/historycall/getAll';
const COUNT_ALL = '/api/crm/historycall/countAll';
const CUSTOMER = { vbotId: 'VB0001', projectCode: 'SIEUTHI-ABC' };
const PHONES = { many: '0912345678', few: '0987654321', none: '0338889999', exact: '0901000100' };
const SIZES = { many: 75, few: 12, none: 0, exact: 100 };

beforeEach(() => {
	api.sandbox.vbot.replace(
		Object.entries(PHONES).flatMap(([key, phone], i) =>
			generateVbotHistory({
				...CUSTOMER,
				phone,
				count: SIZES[key],
				newest: Date.UTC(2026, 0, 20) - i * 60_000,
				seed: 50 + i,
			}),
		),
	);
});

const run = (parameters) =>
	runNode({
		parameters: { resource: 'vbotCall', ...CUSTOMER, ...parameters },
		credentials: api.credentials('vbot'),
	});

const history = (phone) => api.sandbox.vbot.find({ ...CUSTOMER, phone });
const paths = () =>
	api.sandbox.requests.map((r) => `${r.path}${r.query.page ? `#${r.query.page}` : ''}`);

describe('VBot Call › Get Many', () => {
	test('walks every page, all parameters in the query string', async () => {
		const { json, error } = await run({
			operation: 'getMany',
			phone: PHONES.many,
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(json).toEqual(history(PHONES.many));
		expect(paths()).toEqual([`${GET_ALL}#1`, `${GET_ALL}#2`]);
		const [first] = api.sandbox.requests;
		expect(first.query).toEqual({
			vbot_id: 'VB0001',
			project_code: 'SIEUTHI-ABC',
			phone: PHONES.many,
			page: '1',
			size: '50',
		});
		expect(first.body).toBeUndefined();
	});

	test('a history of exactly two full pages ends on the empty third page', async () => {
		const { json } = await run({ operation: 'getMany', phone: PHONES.exact, returnAll: true });

		expect(json).toHaveLength(100);
		expect(paths()).toEqual([`${GET_ALL}#1`, `${GET_ALL}#2`, `${GET_ALL}#3`]);
	});

	test('a short first page asks the count once, to tell the end from a server cap', async () => {
		const { json } = await run({ operation: 'getMany', phone: PHONES.few, returnAll: true });

		expect(json).toEqual(history(PHONES.few));
		expect(paths()).toEqual([`${GET_ALL}#1`, COUNT_ALL]);
	});

	test('an empty history is one request and no items', async () => {
		const { json } = await run({ operation: 'getMany', phone: PHONES.none, returnAll: true });

		expect(json).toEqual([]);
		expect(paths()).toEqual([`${GET_ALL}#1`]);
	});

	test('follows a server page size below the size asked for, and stops when the count is reached', async () => {
		api.sandbox.settings.vbotMaxPageSize = 20;

		const { json } = await run({ operation: 'getMany', phone: PHONES.many, returnAll: true });

		expect(json).toEqual(history(PHONES.many));
		expect(paths()).toEqual([
			`${GET_ALL}#1`,
			COUNT_ALL,
			`${GET_ALL}#2`,
			`${GET_ALL}#3`,
			`${GET_ALL}#4`,
		]);
	});

	test('Limit stops asking as soon as it holds Limit records', async () => {
		const { json } = await run({
			operation: 'getMany',
			phone: PHONES.many,
			returnAll: false,
			limit: 30,
		});

		expect(json).toEqual(history(PHONES.many).slice(0, 30));
		expect(paths()).toEqual([`${GET_ALL}#1`]);
		expect(api.sandbox.requests[0].query.size).toBe('30');
	});

	test('Page Size sets the size asked for', async () => {
		const { json } = await run({
			operation: 'getMany',
			phone: PHONES.many,
			returnAll: true,
			options: { pageSize: 25 },
		});

		expect(json).toHaveLength(75);
		expect(paths()).toEqual([`${GET_ALL}#1`, `${GET_ALL}#2`, `${GET_ALL}#3`, `${GET_ALL}#4`]);
	});
});

describe('VBot Call › Count', () => {
	test('outputs { count }', async () => {
		const { json } = await run({ operation: 'count', phone: PHONES.many });

		expect(json).toEqual([{ count: 75 }]);
		expect(api.sandbox.requests[0].query).toEqual({
			vbot_id: 'VB0001',
			project_code: 'SIEUTHI-ABC',
			phone: PHONES.many,
		});
	});

	test('agrees with Get Many', async () => {
		for (const phone of Object.values(PHONES)) {
			const [{ json: count }, { json: list }] = [
				await run({ operation: 'count', phone }),
				await run({ operation: 'getMany', phone, returnAll: true }),
			];
			expect(count[0].count).toBe(list.length);
		}
	});
});

describe('VBot envelopes', () => {
	test('newer answers without `status` succeed on error 0', async () => {
		api.sandbox.settings.vbotEnvelope = 'error-only';

		const { json, error } = await run({ operation: 'count', phone: PHONES.few });

		expect(error).toBeUndefined();
		expect(json).toEqual([{ count: 12 }]);
	});

	test('when `status` is present it decides: status 1 beside error 2 is a success', async () => {
		api.sandbox.fault({
			path: COUNT_ALL,
			respond: { status: 200, body: { status: 1, error: 2, message: 'sample string 3', data: 4 } },
		});

		const { json, error } = await run({ operation: 'count', phone: PHONES.few });

		expect(error).toBeUndefined();
		expect(json).toEqual([{ count: 4 }]);
	});

	test('status 0 is a failure that names the vendor error', async () => {
		api.sandbox.fault({
			path: COUNT_ALL,
			respond: {
				status: 200,
				body: { status: 0, error: 5, message: 'Dự án không tồn tại', data: null },
			},
		});

		const { error } = await run({ operation: 'count', phone: PHONES.few });

		expect(error.message).toBe(
			'error 5: the vendor refused the request. Check the parameters of the node.',
		);
		expect(error.description).toContain('Dự án không tồn tại');
		expect(error.description).toContain('VBot Call › Count');
	});

	test('without `status`, a non-zero error is a failure', async () => {
		api.sandbox.settings.vbotEnvelope = 'error-only';
		api.sandbox.fault({ path: COUNT_ALL, respond: { vendorError: 'rate_limit_exceeded' } });

		const { error } = await run({
			operation: 'count',
			phone: PHONES.few,
			options: { maxRetries: 0 },
		});

		expect(error.message).toBe(
			'error 429: the vendor rate-limited this account. Wait before running the workflow again, or run it less often.',
		);
	});
});
