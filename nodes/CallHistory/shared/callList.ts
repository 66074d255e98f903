import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { malformedAnswer, type RequestPlace } from './envelope';
import { collectUpTo, walkPages, type Page } from './pages';
import { readLimit, readWholeNumber, readWindows } from './parameters';
import { send } from './transport';
import { forEachWindow } from './windows';
import { isObject } from './json';
import { callHistoryRecordings, withRecordings } from './recordings';
import { simplifiedIf, simplifyCallHistoryCall } from './simplify';

/**
 * Reads one list page. Whether another follows comes from the paging block (has_next, else
 * total_pages), never from the page being short: the vendor may cap the page size below the one
 * asked for.
 */
function readListPage(
	context: IExecutePaginationFunctions,
	payload: unknown,
	place: RequestPlace,
): Page<IDataObject> {
	if (!isObject(payload) || !Array.isArray(payload.items)) {
		throw malformedAnswer(context.getNode(), place, 'has no list of items in its payload');
	}
	if (!payload.items.every(isObject))
		throw malformedAnswer(context.getNode(), place, 'lists items that are not calls');
	const page = place.page ?? 1;
	const said =
		typeof payload.has_next === 'boolean'
			? payload.has_next
			: typeof payload.total_pages === 'number'
				? page < payload.total_pages
				: true;
	// An empty page ends the window even if the block says otherwise, so a confused vendor cannot loop us forever.
	return { items: payload.items as IDataObject[], hasNext: said && payload.items.length > 0 };
}

/**
 * Call › Get Many: the date range cut into windows the vendor accepts, newest first, each walked
 * page by page; calls de-duplicated by transaction_id; stops as soon as it holds Limit calls.
 */
export async function listCalls(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const windows = readWindows(this);
	const limit = readLimit(this);
	const pageSize = readWholeNumber(this, 'options.pageSize', 'Page Size', {
		min: 1,
		max: 50,
		fallback: 50,
	});
	const size = Math.min(pageSize, limit);
	const timezone = this.getTimezone();

	const calls = collectUpTo(limit, (call) => call.transaction_id);

	await forEachWindow(windows, async (window) => {
		const fetchPage = async (page: number) => {
			const place: RequestPlace = {
				platform: 'callHistory',
				operation: 'Call › Get Many',
				timezone,
				window,
				page,
			};
			const qs = { from_date: window.from, to_date: window.to, page, size };
			return readListPage(this, await send(this, requestData, { qs }, place), place);
		};
		const repeats = calls.repeats();
		await walkPages(fetchPage, calls.take);
		// A repeated call means calls arrived at the top of the newest-first list while it was
		// paged, after page 1 was read: read the top again until a page brings nothing new.
		if (calls.repeats() > repeats && !calls.isFull()) {
			await walkPages(fetchPage, calls.takeWhileNew);
		}
		return !calls.isFull();
	});
	const place: RequestPlace = { platform: 'callHistory', operation: 'Call › Get Many', timezone };
	const output = await withRecordings(this, calls.items, callHistoryRecordings, place);
	return simplifiedIf(this, output, simplifyCallHistoryCall);
}
