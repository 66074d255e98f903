import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { collectUpTo, type Holder } from './pages';
import { asksForShorterWindow } from './remedies';
import type { CallList } from './vendor';
import {
	firstIdOf,
	readWindow,
	WindowTooFull,
	type ListContext,
	type Send,
	type WindowReading,
	type WindowRecords,
} from './windowReader';
import { forEachWindow, type DateWindow } from './windows';

/** Which calls to read, and how: windows in walk order, at most `limit`, pages of `size`. */
export interface ReadPlan {
	operation: string;
	/** The windows to read, in walk order; none for a list that is not read by date. */
	windows?: DateWindow[];
	limit: number;
	size: number;
	concurrency?: number;
	/** The windows are oldest first (the trigger), not newest first. */
	oldestFirst?: boolean;
	/** Stop after the window that brings the calls held to this many: what one poll reads. */
	stopAfter?: number;
	/** A window whose first page announces more calls than this is read in halves instead. */
	splitAbove?: number;
	/** What holds the calls read, for the message past MOST_ITEMS_PER_RUN: a node run (default) or a poll. */
	holder?: Holder;
	/** Whether to keep a record: a filter the API cannot apply. */
	keep?: (record: IDataObject) => boolean;
}

/** The calls read, in walk order, and the last window they were read from. */
export interface ListResult {
	items: INodeExecutionData[];
	lastWindow?: DateWindow;
}

const shouldSplit = (error: unknown) =>
	asksForShorterWindow(error) || error instanceof WindowTooFull;

/**
 * Reads the calls of `list`: the windows of `plan`, in walk order, `plan.concurrency` at a time,
 * each page by page (or, for a list not read by date, the whole list); calls de-duplicated by id
 * and output in window order; stops as soon as it holds `plan.limit` calls, or after the window
 * that brings them to `plan.stopAfter`.
 */
export async function readCalls(
	context: ListContext,
	list: CallList,
	plan: ReadPlan,
	send: Send,
): Promise<ListResult> {
	const { limit } = plan;
	const idOf = firstIdOf(list);
	const calls = collectUpTo(limit, idOf);
	const result: ListResult = { items: calls.items };
	// Windows read but not yet output, by window end.
	const held = new Map<number, WindowRecords>();
	let readInAll = 0;
	const reading: WindowReading = {
		context,
		list,
		send,
		operation: plan.operation,
		size: plan.size,
		splitAbove: plan.splitAbove,
		holder: plan.holder,
		keep: plan.keep,
		held: (id) => id !== undefined && calls.holds(id),
		counted: (more) => (readInAll += more),
	};
	const records = (): WindowRecords => ({ own: collectUpTo(Infinity, idOf) });

	if (!plan.windows) {
		const read = records();
		await readWindow(
			reading,
			undefined,
			read,
			list.firstPage,
			() => read.own.items.length >= limit,
		);
		calls.take(read.own.items.map((item) => item.json));
		return result;
	}

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
	const stopAfterWindow = () =>
		calls.isFull() || (plan.stopAfter !== undefined && calls.items.length >= plan.stopAfter);

	await forEachWindow(
		plan.windows,
		async (window, run) => {
			const read = records();
			held.set(window.to, read);
			let walked = false;
			try {
				const enough = () => run.stopped() || read.own.items.length >= wanted(window);
				const nextPage = await readWindow(reading, window, read, list.firstPage, enough);
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
				const more = records();
				const enough = () => more.own.items.length >= limit - calls.items.length;
				page = await readWindow(reading, window, more, page, enough);
				calls.take(more.own.items.map((item) => item.json));
			}
			return !stopAfterWindow();
		},
		{ concurrency: plan.concurrency, oldestFirst: plan.oldestFirst, shouldSplit },
	);
	return result;
}
