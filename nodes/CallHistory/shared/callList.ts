import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { malformedAnswer, type RequestPlace } from './envelope';
import { checkOutputSize, collectUpTo, walkPages, type Page } from './pages';
import { readConcurrency, readLimit, readWholeNumber, readWindows } from './parameters';
import { send } from './transport';
import { forEachWindow, type DateWindow, type WindowRun } from './windows';
import { isObject } from './json';
import { callHistoryRecordings, withRecordings } from './recordings';
import { simplifiedIf, simplifyCallHistoryCall } from './simplify';

const idOf = (call: IDataObject) => call.transaction_id;

/** What reading the list needs of the node running it: the action node or the trigger. */
export interface ListContext {
	getNode(): INode;
	getTimezone(): string;
}

/** Sends one list request with these query parameters and answers the answer's payload. */
export type FetchList = (qs: IDataObject, place: RequestPlace) => Promise<unknown>;

/** Which calls to read, and how: windows newest first, at most `limit`, pages of `size`. */
export interface ListPlan {
	operation: string;
	windows: DateWindow[];
	limit: number;
	size: number;
	concurrency: number;
	/** Whether to stop past MOST_ITEMS_PER_RUN calls, as the action node must. */
	capped?: boolean;
}

/** A window's calls read so far, and how many it holds in all, once its first page told. */
interface WindowCalls {
	own: ReturnType<typeof collectUpTo>;
	total?: number;
}

/**
 * Reads one list page. Whether another follows comes from the paging block (has_next, else
 * total_pages), never from the page being short: the vendor may cap the page size below the one
 * asked for.
 */
function readListPage(
	node: INode,
	payload: unknown,
	place: RequestPlace,
): Page<IDataObject> & { total?: number } {
	if (!isObject(payload) || !Array.isArray(payload.items)) {
		throw malformedAnswer(node, place, 'has no list of items in its payload');
	}
	if (!payload.items.every(isObject))
		throw malformedAnswer(node, place, 'lists items that are not calls');
	const page = place.page ?? 1;
	const said =
		typeof payload.has_next === 'boolean'
			? payload.has_next
			: typeof payload.total_pages === 'number'
				? page < payload.total_pages
				: true;
	// An empty page ends the window even if the block says otherwise, so a confused vendor cannot loop us forever.
	return {
		items: payload.items as IDataObject[],
		hasNext: said && payload.items.length > 0,
		total: typeof payload.total_items === 'number' ? payload.total_items : undefined,
	};
}

/**
 * Reads the calls of `plan.windows`, newest first, `plan.concurrency` windows at a time, each page
 * by page; calls de-duplicated by transaction_id and output in window order; stops as soon as it
 * holds `plan.limit` calls. Answers them as output items.
 */
export async function collectCalls(
	context: ListContext,
	plan: ListPlan,
	fetchList: FetchList,
): Promise<INodeExecutionData[]> {
	const { windows, limit, size, concurrency, operation } = plan;
	const timezone = context.getTimezone();
	const calls = collectUpTo(limit, idOf);
	// Windows read but not yet output, by window end.
	const held = new Map<number, WindowCalls>();

	/**
	 * How many calls `window` still has to bring: Limit less the output and every newer window (all
	 * it holds, once its first page told, else what it read so far).
	 */
	const wanted = (window: DateWindow) => {
		let want = limit - calls.items.length;
		for (const [to, newer] of held) {
			if (to > window.to) want -= newer.total ?? newer.own.items.length;
		}
		return want;
	};

	/** Reads `window` from `firstPage` into `read`; answers the page to go on from, if it stopped early. */
	const walkWindow = async (
		window: DateWindow,
		read: WindowCalls,
		firstPage: number,
		run: WindowRun,
	) => {
		const { own } = read;
		const enough = () => run.stopped() || own.items.length >= wanted(window);
		if (enough()) return firstPage;
		const fetchPage = async (page: number) => {
			const place: RequestPlace = { platform: 'callHistory', operation, timezone, window, page };
			const qs = { from_date: window.from, to_date: window.to, page, size };
			const answer = readListPage(context.getNode(), await fetchList(qs, place), place);
			if (page === 1) read.total = answer.total;
			return answer;
		};
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
			const read: WindowCalls = { own: collectUpTo(Infinity, idOf) };
			held.set(window.to, read);
			return { read, nextPage: await walkWindow(window, read, 1, run) };
		},
		async ({ read, nextPage }, window) => {
			held.delete(window.to);
			calls.take(read.own.items.map((item) => item.json));
			if (plan.capped) checkOutputSize(context.getNode(), calls.items.length, 'calls');
			// A window read beside newer ones may have stopped at a share that proved too small.
			for (let page = nextPage; page !== undefined && !calls.isFull(); ) {
				const more: WindowCalls = { own: collectUpTo(Infinity, idOf) };
				page = await walkWindow(window, more, page, { stopped: () => false });
				calls.take(more.own.items.map((item) => item.json));
			}
			return !calls.isFull();
		},
		concurrency,
	);
	return calls.items;
}

/**
 * Call › Get Many: the date range cut into windows the vendor accepts, read as `collectCalls`
 * says, with recordings and Simplify on top.
 */
export async function listCalls(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this);
	const pageSize = readWholeNumber(this, 'options.pageSize', 'Page Size', {
		min: 1,
		max: 50,
		fallback: 50,
	});
	const plan: ListPlan = {
		operation: 'Call › Get Many',
		windows: readWindows(this),
		limit,
		size: Math.min(pageSize, limit),
		concurrency: readConcurrency(this),
		capped: true,
	};
	const calls = await collectCalls(this, plan, async (qs, place) =>
		send(this, requestData, { qs }, place),
	);
	const place: RequestPlace = {
		platform: 'callHistory',
		operation: plan.operation,
		timezone: this.getTimezone(),
	};
	const output = await withRecordings(this, calls, callHistoryRecordings, place);
	return simplifiedIf(this, output, simplifyCallHistoryCall);
}
