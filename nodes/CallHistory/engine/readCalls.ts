import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { collectUpTo, TooManyItems, type Holder } from './pages';
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
import { forEachWindow, type DateWindow, type WindowRun } from './windows';

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
	/**
	 * A record to pass over without counting it towards MOST_ITEMS_PER_RUN: one the trigger emitted
	 * before and reads again in its look-back (as many as it remembers, at most).
	 */
	passOver?: (record: IDataObject) => boolean;
}

/** The calls read, in walk order, and the last window they were read from. */
export interface ListResult {
	items: INodeExecutionData[];
	lastWindow?: DateWindow;
	/** Why a poll stopped before its windows' end: a window past MOST_ITEMS_PER_RUN after others were read. */
	cutShort?: TooManyItems;
}

const shouldSplit = (error: unknown) =>
	asksForShorterWindow(error) || error instanceof WindowTooFull;

/**
 * The calls of one read of a list: the output, in window order, and the windows walked but
 * not yet used (read beside earlier ones), by window end.
 */
class ListRead {
	readonly calls: ReturnType<typeof collectUpTo>;
	readonly result: ListResult;
	private readonly held = new Map<number, WindowRecords>();
	private readInAll = 0;
	readonly reading: WindowReading;

	constructor(
		context: ListContext,
		private readonly list: CallList,
		private readonly plan: ReadPlan,
		send: Send,
	) {
		this.calls = collectUpTo(plan.limit, firstIdOf(list));
		this.result = { items: this.calls.items };
		this.reading = {
			context,
			list,
			send,
			operation: plan.operation,
			size: plan.size,
			splitAbove: plan.splitAbove,
			holder: plan.holder,
			keep: plan.keep,
			passOver: plan.passOver,
			held: (id) => id !== undefined && this.calls.holds(id),
			counted: (more) => (this.readInAll += more),
		};
	}

	records = (): WindowRecords => ({ own: collectUpTo(Infinity, firstIdOf(this.list)) });

	/**
	 * How many calls `window` still has to bring: Limit less the output and every window before it
	 * in walk order (all it holds, once its first page told, else what it read so far).
	 */
	private wanted(window: DateWindow) {
		let want = this.plan.limit - this.calls.items.length;
		for (const [to, earlier] of this.held) {
			if (this.plan.oldestFirst ? to < window.to : to > window.to) {
				want -= earlier.total ?? earlier.own.items.length;
			}
		}
		return want;
	}

	/** Reads `window` as far as the calls still wanted; a failed one (split, too) holds nothing. */
	walk = async (window: DateWindow, run: WindowRun) => {
		const read = this.records();
		this.held.set(window.to, read);
		let walked = false;
		try {
			const enough = () => run.stopped() || read.own.items.length >= this.wanted(window);
			const nextPage = await readWindow(this.reading, window, read, this.list.firstPage, enough);
			walked = true;
			return { read, nextPage };
		} finally {
			if (!walked) {
				this.held.delete(window.to);
				this.readInAll -= read.broughtIn ?? 0;
			}
		}
	};

	/** Outputs a walked window; answers whether the next one is wanted. */
	use = async (
		{ read, nextPage }: { read: WindowRecords; nextPage?: number },
		window: DateWindow,
	) => {
		const { calls } = this;
		this.held.delete(window.to);
		calls.take(read.own.items.map((item) => item.json));
		this.result.lastWindow = window;
		// A window read beside earlier ones may have stopped at a share that proved too small.
		for (let page = nextPage; page !== undefined && !calls.isFull(); ) {
			const more = { ...this.records(), end: read.end };
			const enough = () => more.own.items.length >= this.plan.limit - calls.items.length;
			page = await readWindow(this.reading, window, more, page, enough);
			calls.take(more.own.items.map((item) => item.json));
		}
		const { stopAfter } = this.plan;
		return !calls.isFull() && !(stopAfter !== undefined && calls.items.length >= stopAfter);
	};
}

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
	const read = new ListRead(context, list, plan, send);
	if (!plan.windows) {
		const whole = read.records();
		const enough = () => whole.own.items.length >= plan.limit;
		await readWindow(read.reading, undefined, whole, list.firstPage, enough);
		read.calls.take(whole.own.items.map((item) => item.json));
		return read.result;
	}
	const failure = await forEachWindow(plan.windows, read.walk, read.use, {
		concurrency: plan.concurrency,
		oldestFirst: plan.oldestFirst,
		shouldSplit,
	}).then(
		() => undefined,
		(error: unknown) => error,
	);
	// A poll keeps the windows it read whole before one too full, so its state moves over them.
	const keepsRead = plan.holder === 'poll' && read.result.lastWindow !== undefined;
	if (keepsRead && failure instanceof TooManyItems) read.result.cutShort = failure;
	else if (failure !== undefined) throw failure;
	return read.result;
}
