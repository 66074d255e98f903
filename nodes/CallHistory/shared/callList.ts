import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { asksForShorterWindow, malformedAnswer, type RequestPlace } from './envelope';
import { checkOutputSize, collectUpTo, walkPages, type Holder, type Page } from './pages';
import { readConcurrency, readLimit, readWholeNumber, readWindows } from './parameters';
import { transportFor } from './transport';
import { forEachWindow, HOUR_MS, type DateWindow, type WindowRun } from './windows';
import { isObject } from './json';
import { callHistoryRecordings, withRecordings } from './recordings';
import { simplifiedIf, simplifyCallHistoryCall } from './simplify';

const idOf = (call: IDataObject) => call.transaction_id;

/** How many times a window whose calls moved while it was paged is read again from page 1. */
const MOST_REREADS = 3;

/** What reading the list needs of the node running it: the action node or the trigger. */
export interface ListContext {
	getNode(): INode;
	getTimezone(): string;
}

/** Sends one list request with these query parameters and answers the answer's payload. */
export type FetchList = (qs: IDataObject, place: RequestPlace) => Promise<unknown>;

/** Which calls to read, and how: windows in walk order, at most `limit`, pages of `size`. */
export interface ListPlan {
	operation: string;
	windows: DateWindow[];
	limit: number;
	size: number;
	concurrency: number;
	/** The windows are oldest first (the trigger), not newest first. */
	oldestFirst?: boolean;
	/** Stop after the window that brings the calls held to this many: what one poll reads. */
	stopAfter?: number;
	/** A window whose first page announces more calls than this is read in halves instead. */
	splitAbove?: number;
	/** What holds the calls read, for the message past MOST_ITEMS_PER_RUN: a node run (default) or a poll. */
	holder?: Holder;
}

/** The calls read, in walk order, and the last window they were read from. */
export interface ListResult {
	items: INodeExecutionData[];
	lastWindow?: DateWindow;
}

/** A window's calls read so far, and how many it holds in all, once its first page told. */
interface WindowCalls {
	own: ReturnType<typeof collectUpTo>;
	total?: number;
}

/** A window that announced more calls than one read should hold: forEachWindow halves it. */
class WindowTooFull extends Error {}

const shouldSplit = (error: unknown) =>
	asksForShorterWindow(error) || error instanceof WindowTooFull;

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
		declaredPages: wholeOrUndefined(payload.total_pages),
		total: wholeOrUndefined(payload.total_items),
	};
}

const wholeOrUndefined = (value: unknown) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/**
 * What one window's pages showed over its reads: every id met, the totals its pages announced,
 * and whether its calls moved while it was paged (a repeat, or a total that changed).
 */
function windowTally() {
	const ids = new Set<unknown>();
	let firstTotal: number | undefined;
	let latestTotal: number | undefined;
	let moved = false;
	return {
		/** Notes a page; answers how many of its calls this read had not met before. */
		note(page: IDataObject[], total: number | undefined, metThisRead: Set<unknown>) {
			firstTotal ??= total;
			latestTotal = total ?? latestTotal;
			if (total !== firstTotal) moved = true;
			let fresh = 0;
			for (const call of page) {
				const id = idOf(call);
				if (id === undefined || id === null) {
					fresh++;
					continue;
				}
				if (metThisRead.has(id)) moved = true;
				else fresh++;
				metThisRead.add(id);
				ids.add(id);
			}
			return fresh;
		},
		moved: () => moved,
		/** Whether every call the window's latest total announces has been met. */
		complete: () => latestTotal !== undefined && ids.size >= latestTotal,
		totalKnown: () => latestTotal !== undefined,
	};
}

/**
 * Reads the calls of `plan.windows`, in walk order, `plan.concurrency` windows at a time, each
 * page by page; calls de-duplicated by transaction_id and output in window order; stops as soon
 * as it holds `plan.limit` calls, or after the window that brings them to `plan.stopAfter`.
 */
export async function collectCalls(
	context: ListContext,
	plan: ListPlan,
	fetchList: FetchList,
): Promise<ListResult> {
	const { windows, limit, size, concurrency, operation } = plan;
	const node = context.getNode();
	const timezone = context.getTimezone();
	const calls = collectUpTo(limit, idOf);
	const result: ListResult = { items: calls.items };
	// Windows read but not yet output, by window end.
	const held = new Map<number, WindowCalls>();
	let readInAll = 0;

	/**
	 * How many calls `window` still has to bring: Limit less the output and every window before it
	 * in walk order (all it holds, once its first page told, else what it read so far).
	 */
	const wanted = (window: DateWindow) => {
		let want = limit - calls.items.length;
		for (const [to, earlier] of held) {
			if (plan.oldestFirst ? to < window.to : to > window.to) {
				want -= earlier.total ?? earlier.own.items.length;
			}
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
		const tally = windowTally();
		const readFrom = async (from: number, keepGoing: (fresh: number) => boolean) => {
			const metThisRead = new Set<unknown>();
			let place: RequestPlace = { platform: 'callHistory', operation, timezone, window };
			const fetchPage = async (page: number) => {
				place = { ...place, page };
				const qs = { from_date: window.from, to_date: window.to, page, size };
				const answer = readListPage(node, await fetchList(qs, place), place);
				if (page === 1) {
					read.total = answer.total;
					const tooFull = plan.splitAbove !== undefined && (answer.total ?? 0) > plan.splitAbove;
					if (tooFull && window.to - window.from >= HOUR_MS) throw new WindowTooFull();
				}
				const fresh = tally.note(answer.items, answer.total, metThisRead);
				if (fresh === 0 && answer.hasNext) {
					throw malformedAnswer(
						node,
						place,
						'repeats calls of earlier pages only, yet says more pages follow',
					);
				}
				return answer;
			};
			return await walkPages(
				fetchPage,
				(page) => {
					const before = own.items.length;
					own.take(page.filter((call) => !calls.holds(idOf(call))));
					readInAll += own.items.length - before;
					checkOutputSize(node, readInAll, 'calls', plan.holder);
					return keepGoing(own.items.length - before) && !enough();
				},
				{
					firstPage: from,
					overrun: (declared) =>
						malformedAnswer(
							node,
							place,
							`keeps announcing more pages than its own totals (${declared} pages at first)`,
						),
				},
			);
		};
		const nextPage = await readFrom(firstPage, () => true);
		if (nextPage !== undefined || firstPage !== 1) return nextPage;
		// Calls moved while the window was paged (new or late calls pushed others onto later pages),
		// in whatever order the vendor lists them: read it again from page 1 until every call its
		// total announces was met, or a read brings nothing new.
		for (let reread = 0; reread < MOST_REREADS && tally.moved() && !tally.complete(); reread++) {
			const before = own.items.length;
			await readFrom(1, (fresh) => (tally.totalKnown() ? !tally.complete() : fresh > 0));
			if (enough() || own.items.length === before) break;
		}
		return undefined;
	};

	const stopAfterWindow = () =>
		calls.isFull() || (plan.stopAfter !== undefined && calls.items.length >= plan.stopAfter);

	await forEachWindow(
		windows,
		async (window, run) => {
			const read: WindowCalls = { own: collectUpTo(Infinity, idOf) };
			held.set(window.to, read);
			let walked = false;
			try {
				const nextPage = await walkWindow(window, read, 1, run);
				walked = true;
				return { read, nextPage };
			} finally {
				// A failed window (one split in halves, too) holds nothing.
				if (!walked) {
					held.delete(window.to);
					readInAll -= read.own.items.length;
				}
			}
		},
		async ({ read, nextPage }, window) => {
			held.delete(window.to);
			calls.take(read.own.items.map((item) => item.json));
			result.lastWindow = window;
			// A window read beside earlier ones may have stopped at a share that proved too small.
			for (let page = nextPage; page !== undefined && !calls.isFull(); ) {
				const more: WindowCalls = { own: collectUpTo(Infinity, idOf) };
				page = await walkWindow(window, more, page, { stopped: () => false });
				calls.take(more.own.items.map((item) => item.json));
			}
			return !stopAfterWindow();
		},
		{ concurrency, oldestFirst: plan.oldestFirst, shouldSplit },
	);
	return result;
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
	};
	const transport = await transportFor(this);
	const { options } = requestData;
	const { items } = await collectCalls(
		this,
		plan,
		async (qs, place) => await transport.api({ ...options, qs: { ...options.qs, ...qs } }, place),
	);
	const place: RequestPlace = {
		platform: 'callHistory',
		operation: plan.operation,
		timezone: this.getTimezone(),
	};
	const output = await withRecordings(this, transport, items, callHistoryRecordings, place);
	return simplifiedIf(this, output, simplifyCallHistoryCall);
}
