import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { malformedAnswer, type RequestPlace } from './envelope';
import { collectUpTo, walkPages, type Page } from './pages';
import { readConcurrency, readLimit, readWholeNumber, readWindows } from './parameters';
import { send } from './transport';
import { forEachWindow, type DateWindow, type WindowRun } from './windows';
import { isObject } from './json';
import { callHistoryRecordings, withRecordings } from './recordings';
import { simplifiedIf, simplifyCallHistoryCall } from './simplify';

const idOf = (call: IDataObject) => call.transaction_id;

type WindowCalls = ReturnType<typeof collectUpTo>;

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
 * Call › Get Many: the date range cut into windows the vendor accepts, newest first, read
 * Concurrency windows at a time, each page by page; calls de-duplicated by transaction_id, output
 * in window order; stops as soon as it holds Limit calls.
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
	const concurrency = readConcurrency(this);
	const size = Math.min(pageSize, limit);
	const timezone = this.getTimezone();

	const calls = collectUpTo(limit, idOf);
	// The calls of windows read but not yet output, by window end.
	const held = new Map<number, WindowCalls>();

	/** How many calls `window` still has to bring: Limit less the output and every newer window. */
	const wanted = (window: DateWindow) => {
		let want = limit - calls.items.length;
		for (const [to, newer] of held) if (to > window.to) want -= newer.items.length;
		return want;
	};

	/** Reads `window` from `firstPage` into `own`; answers the page to go on from, if it stopped early. */
	const walkWindow = async (
		window: DateWindow,
		own: WindowCalls,
		firstPage: number,
		run: WindowRun,
	) => {
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
		const enough = () => run.stopped() || own.items.length >= wanted(window);
		const fresh = (page: IDataObject[]) => page.filter((call) => !calls.holds(idOf(call)));
		const repeats = own.repeats();
		const nextPage = await walkPages(
			fetchPage,
			(page) => own.take(fresh(page)) && !enough(),
			firstPage,
		);
		// A repeated call means calls arrived at the top of the newest-first list while it was
		// paged, after page 1 was read: read the top again until a page brings nothing new.
		if (nextPage === undefined && own.repeats() > repeats && !enough()) {
			await walkPages(fetchPage, (page) => own.takeWhileNew(fresh(page)) && !enough());
		}
		return nextPage;
	};

	await forEachWindow(
		windows,
		async (window, run) => {
			const own = collectUpTo(Infinity, idOf);
			held.set(window.to, own);
			return { own, nextPage: await walkWindow(window, own, 1, run) };
		},
		async ({ own, nextPage }, window) => {
			held.delete(window.to);
			calls.take(own.items.map((item) => item.json));
			// A window read alongside newer ones may have stopped at a share that proved too small.
			for (let page = nextPage; page !== undefined && !calls.isFull(); ) {
				const more = collectUpTo(Infinity, idOf);
				page = await walkWindow(window, more, page, { stopped: () => false });
				calls.take(more.items.map((item) => item.json));
			}
			return !calls.isFull();
		},
		concurrency,
	);
	const place: RequestPlace = { platform: 'callHistory', operation: 'Call › Get Many', timezone };
	const output = await withRecordings(this, calls.items, callHistoryRecordings, place);
	return simplifiedIf(this, output, simplifyCallHistoryCall);
}
