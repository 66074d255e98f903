import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { malformedAnswer, type RequestPlace } from './envelope';
import { isObject } from './json';
import { collectUpTo, walkPages } from './pages';
import { readLimit, readWholeNumber } from './parameters';
import { vbotRecordings, withRecordings } from './recordings';
import { simplifiedIf, simplifyVbotCall } from './simplify';
import { send } from './transport';

const COUNT_PATH = '/api/crm/historycall/countAll';

function placeFor(
	context: IExecutePaginationFunctions,
	operation: string,
	page?: number,
): RequestPlace {
	return { platform: 'vbot', operation, timezone: context.getTimezone(), page };
}

async function fetchCount(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	place: RequestPlace,
): Promise<number> {
	const data = await send(
		context,
		requestData,
		{ url: COUNT_PATH, qs: { page: undefined, size: undefined } },
		place,
	);
	const count = Number(data);
	if (data === null || data === '' || !Number.isInteger(count) || count < 0) {
		throw malformedAnswer(
			context.getNode(),
			place,
			`has a count that is not a whole number (${JSON.stringify(data)})`,
		);
	}
	return count;
}

/** VBot Call › Count: the number of calls in the customer's history. */
export async function countVbotCalls(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return [
		{ json: { count: await fetchCount(this, requestData, placeFor(this, 'VBot Call › Count')) } },
	];
}

/**
 * VBot Call › Get Many. VBot's answers carry no paging block, so pages end when one comes back
 * shorter than the server's page size, or when the count is reached. The server's page size is
 * the size asked for unless the first page comes back short: then it is either the end or a cap
 * below the size asked for, and one count request tells which.
 */
export async function listVbotCalls(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this);
	const pageSize = readWholeNumber(this, 'options.pageSize', 'Page Size', {
		min: 1,
		max: 1000,
		fallback: 50,
	});
	const size = Math.min(pageSize, limit);
	const records = collectUpTo(limit);
	let serverPageSize = size;
	let count = Infinity;

	await walkPages(async (page) => {
		const place = placeFor(this, 'VBot Call › Get Many', page);
		const data = await send(this, requestData, { qs: { page, size } }, place);
		if (!Array.isArray(data) || !data.every(isObject)) {
			throw malformedAnswer(this.getNode(), place, 'has no list of history records in its data');
		}
		if (page === 1 && data.length > 0 && data.length < size) {
			count = await fetchCount(this, requestData, placeFor(this, 'VBot Call › Get Many (count)'));
			serverPageSize = data.length;
		}
		const seenSoFar = records.items.length + data.length;
		return {
			items: data as IDataObject[],
			hasNext: data.length >= serverPageSize && seenSoFar < count,
		};
	}, records.take);
	const place = placeFor(this, 'VBot Call › Get Many (recordings)');
	const output = await withRecordings(this, records.items, vbotRecordings, place);
	return simplifiedIf(this, output, simplifyVbotCall);
}
