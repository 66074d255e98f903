import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { malformedAnswer, type RequestPlace } from './envelope';
import { isObject } from './json';
import type { ListContext } from './callList';
import { checkOutputSize, collectUpTo, walkPages } from './pages';
import { readLimit, readWholeNumber } from './parameters';
import { vbotRecordings, withRecordings } from './recordings';
import { simplifiedIf, simplifyVbotCall, vbotIdOf } from './simplify';
import { transportFor, type Transport } from './transport';

export const VBOT_LIST_PATH = '/api/crm/historycall/getAll';
export const VBOT_COUNT_PATH = '/api/crm/historycall/countAll';

/**
 * Sends one request about the customer's history, a list page (`page`, `size`) or the count, and
 * answers the answer's data.
 */
export type FetchVbot = (
	what: 'list' | 'count',
	qs: IDataObject,
	place: RequestPlace,
) => Promise<unknown>;

function placeFor(context: ListContext, operation: string, page?: number): RequestPlace {
	return { platform: 'vbot', operation, timezone: context.getTimezone(), page };
}

async function fetchCount(
	context: ListContext,
	fetch: FetchVbot,
	operation: string,
): Promise<number> {
	const place = placeFor(context, operation);
	const data = await fetch('count', {}, place);
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

/**
 * Walks the customer's history page by page, handing each page's records to `take` until it wants
 * no more. VBot's answers carry no paging block, so pages end when one comes back shorter than the
 * server's page size, or when the count is reached. The server's page size is the size asked for
 * unless the first page comes back short: then it is either the end or a cap below the size asked
 * for, and one count request tells which. A page of records all met on earlier pages that still
 * claims more follow is a vendor fault, not more history.
 */
export async function walkVbotHistory(
	context: ListContext,
	fetch: FetchVbot,
	plan: { operation: string; size: number },
	take: (records: IDataObject[]) => boolean,
): Promise<void> {
	let serverPageSize = plan.size;
	let count = Infinity;
	let seen = 0;
	const met = new Set<string>();
	let place = placeFor(context, plan.operation);
	await walkPages(
		async (page) => {
			place = placeFor(context, plan.operation, page);
			const data = await fetch('list', { page, size: plan.size }, place);
			if (!Array.isArray(data) || !data.every(isObject)) {
				throw malformedAnswer(
					context.getNode(),
					place,
					'has no list of history records in its data',
				);
			}
			if (page === 1 && data.length > 0 && data.length < plan.size) {
				count = await fetchCount(context, fetch, `${plan.operation} (count)`);
				serverPageSize = data.length;
			}
			seen += data.length;
			const metBefore = met.size;
			for (const record of data) met.add(vbotIdOf(record));
			const hasNext = data.length >= serverPageSize && seen < count;
			if (hasNext && met.size === metBefore) {
				throw malformedAnswer(
					context.getNode(),
					place,
					'repeats records of earlier pages only, yet is a full page',
				);
			}
			return {
				items: data as IDataObject[],
				hasNext,
				declaredPages: Number.isFinite(count) ? Math.ceil(count / serverPageSize) : undefined,
			};
		},
		take,
		{
			overrun: (declared) =>
				malformedAnswer(
					context.getNode(),
					place,
					`keeps sending full pages past its own count (${declared} pages)`,
				),
		},
	);
}

/** The action node's VBot requests: its routing's request, to the list or the count path. */
function fetchThroughRouting(
	transport: Transport,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): FetchVbot {
	const { options } = requestData;
	return async (what, qs, place) =>
		what === 'list'
			? await transport.api({ ...options, qs: { ...options.qs, ...qs } }, place)
			: await transport.api(
					{
						...options,
						url: VBOT_COUNT_PATH,
						qs: { ...options.qs, page: undefined, size: undefined },
					},
					place,
				);
}

/** VBot Call › Count: the number of calls in the customer's history. */
export async function countVbotCalls(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const fetch = fetchThroughRouting(await transportFor(this), requestData);
	return [{ json: { count: await fetchCount(this, fetch, 'VBot Call › Count') } }];
}

/** VBot Call › Get Many: the customer's history, in VBot's order, up to Limit records. */
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
	const records = collectUpTo(limit);
	const plan = { operation: 'VBot Call › Get Many', size: Math.min(pageSize, limit) };
	const transport = await transportFor(this);
	await walkVbotHistory(this, fetchThroughRouting(transport, requestData), plan, (page) => {
		const more = records.take(page);
		checkOutputSize(this.getNode(), records.items.length, 'records');
		return more;
	});
	const place = placeFor(this, 'VBot Call › Get Many (recordings)');
	const output = await withRecordings(this, transport, records.items, vbotRecordings, place);
	return simplifiedIf(this, output, simplifyVbotCall);
}
