import type { IDataObject, INode } from 'n8n-workflow';
import { malformedAnswer, type RequestPlace } from './errors';
import { checkOutputSize, collectUpTo, walkPages, type Holder, type Page } from './pages';
import { windowTally, type WindowTally } from './tally';
import type { CallList } from './vendor';
import { HOUR_MS, type DateWindow } from './windows';

/** Sends one request of a list (a page, or its count) to `path` with `qs`; answers what it carries. */
export type Send = (path: string, qs: IDataObject, place: RequestPlace) => Promise<unknown>;

/** What reading a list needs of the node running it: the action node or the trigger. */
export interface ListContext {
	getNode(): INode;
	getTimezone(): string;
}

/** How many times a window whose records moved while it was paged is read again from its first page. */
const MOST_REREADS = 3;

/** How a window's pages end when they carry no paging block: the server's page size and the count. */
export interface PageEnd {
	serverPageSize: number;
	count: number;
}

/**
 * A window's records read so far, how many it holds in all (once its first page told), how many
 * records its pages brought (kept or not, for the cap), and how its pages end once known: a read
 * that goes on from a later page keeps it.
 */
export interface WindowRecords {
	own: ReturnType<typeof collectUpTo>;
	total?: number;
	broughtIn?: number;
	end?: PageEnd;
}

/** A window that announced more records than one read should hold: forEachWindow halves it. */
export class WindowTooFull extends Error {}

/** What reading one window needs: the list, how to send, and what the whole read holds already. */
export interface WindowReading {
	context: ListContext;
	list: CallList;
	send: Send;
	operation: string;
	size: number;
	/** A window whose first page announces more records than this is read in halves instead. */
	splitAbove?: number;
	holder?: Holder;
	/** Whether a record is in the output already (read in another window). */
	held: (id: string | undefined) => boolean;
	/** Counts the records taken, against MOST_ITEMS_PER_RUN; answers how many are held in all. */
	counted: (more: number) => number;
	/** Whether to keep a record: a filter the API cannot apply. */
	keep?: (record: IDataObject) => boolean;
	/** A record neither kept nor counted: one the trigger emitted before. */
	passOver?: (record: IDataObject) => boolean;
}

export const firstIdOf = (list: CallList) => (record: IDataObject) => list.record.idsOf(record)[0];

/** The count of the list's query (of `window`), for a list whose pages carry no paging block. */
async function countOf(reading: WindowReading, window: DateWindow | undefined): Promise<number> {
	const { list, context, operation } = reading;
	const count = list.count;
	if (!count) return Infinity;
	const place: RequestPlace = {
		api: list.api,
		operation: `${operation} (count)`,
		timezone: context.getTimezone(),
		window,
	};
	const read = count.read(await reading.send(count.path, count.query(window), place));
	if (typeof read !== 'number') throw malformedAnswer(context.getNode(), place, read.malformed);
	return read;
}

/** A page of a window, with whether another follows and the totals, however the list says so. */
async function fetchPage(
	reading: WindowReading,
	window: DateWindow | undefined,
	page: number,
	end: PageEnd,
	readBefore: number,
) {
	const { list, context, operation, size } = reading;
	const place: RequestPlace = {
		api: list.api,
		operation,
		timezone: context.getTimezone(),
		window,
		page,
	};
	const answer = list.readPage(
		await reading.send(list.path, list.pageQuery(page, size, window), place),
		page,
	);
	if ('malformed' in answer) throw malformedAnswer(context.getNode(), place, answer.malformed);
	const { items } = answer;
	if (items.length > size) {
		const listed = `lists ${items.length.toLocaleString('en')} calls on one page, more than the ${size} asked for`;
		throw malformedAnswer(context.getNode(), place, listed);
	}
	// No paging block: a short first page is the end, or a server serving fewer than asked; the
	// count tells, and it is the window's total when a read must know it (to split a full window).
	const short = items.length > 0 && items.length < size;
	const totalWanted = reading.splitAbove !== undefined && answer.total === undefined;
	if (page === list.firstPage && answer.hasNext === undefined && (short || totalWanted)) {
		end.count = await countOf(reading, window);
		if (short) end.serverPageSize = items.length;
	}
	const counted = Number.isFinite(end.count) ? end.count : undefined;
	const fullPage = items.length > 0 && items.length >= end.serverPageSize;
	return {
		place,
		items,
		hasNext: answer.hasNext ?? (fullPage && readBefore + items.length < end.count),
		total: answer.total ?? counted,
		declaredPages:
			answer.declaredPages ??
			(counted === undefined ? undefined : Math.ceil(counted / end.serverPageSize)),
	};
}

/**
 * One read of `window` from page `from`, taking into `read` what no other window holds, while
 * `keepGoing(fresh)` and not `enough()`; answers the page to go on from when it stopped early.
 */
async function readPass(
	reading: WindowReading,
	window: DateWindow | undefined,
	read: WindowRecords,
	state: { end: PageEnd; tally: WindowTally; enough: () => boolean },
	from: number,
	keepGoing: (fresh: number) => boolean,
): Promise<number | undefined> {
	const { list, context } = reading;
	const node = context.getNode();
	const idOf = firstIdOf(list);
	const metThisRead = new Set<string>();
	let readThisRead = 0;
	let place: RequestPlace | undefined;
	const pageOf = async (page: number): Promise<Page<IDataObject>> => {
		const fetched = await fetchPage(reading, window, page, state.end, readThisRead);
		place = fetched.place;
		readThisRead += fetched.items.length;
		if (page === list.firstPage) {
			read.total = fetched.total;
			const tooFull = reading.splitAbove !== undefined && (fetched.total ?? 0) > reading.splitAbove;
			if (tooFull && window && window.to - window.from >= HOUR_MS) throw new WindowTooFull();
		}
		const fresh = state.tally.note(fetched.items, fetched.total, metThisRead);
		if (fresh === 0 && fetched.hasNext) {
			throw malformedAnswer(
				node,
				fetched.place,
				'repeats calls of earlier pages only, yet says more pages follow',
			);
		}
		return fetched;
	};
	const take = (page: IDataObject[]) => {
		const before = read.own.items.length;
		const unseen = reading.passOver ? page.filter((record) => !reading.passOver?.(record)) : page;
		read.own.take(
			unseen.filter((record) => !reading.held(idOf(record)) && (reading.keep?.(record) ?? true)),
		);
		// Every other record read counts towards the cap, kept or not: a filter cannot make paging endless.
		read.broughtIn = (read.broughtIn ?? 0) + unseen.length;
		checkOutputSize(node, reading.counted(unseen.length), 'calls', reading.holder);
		return keepGoing(read.own.items.length - before) && !state.enough();
	};
	const overrun = (declared: number) =>
		malformedAnswer(
			node,
			place as RequestPlace,
			`keeps announcing more pages than its own totals (${declared} pages at first)`,
		);
	return await walkPages(pageOf, take, { firstPage: from, overrun });
}

/**
 * Reads `window` (the whole list, for a list not read by date) page by page from `firstPage` into
 * `read`, until the list ends or `enough()`; answers the page to go on from when it stopped early.
 * A page ends the window when its paging block says so, else when it is shorter than the pages
 * the server serves (one count request tells a server's cap from the end). When the window's
 * records moved while it was paged (new or late ones pushed others onto later pages), in
 * whatever order the vendor lists them, it is read again from its first page until every record
 * its total announces was met, or a read brings nothing new.
 */
export async function readWindow(
	reading: WindowReading,
	window: DateWindow | undefined,
	read: WindowRecords,
	firstPage: number,
	enough: () => boolean,
): Promise<number | undefined> {
	if (enough()) return firstPage;
	const { list } = reading;
	read.end ??= { serverPageSize: reading.size, count: Infinity };
	const state = { end: read.end, tally: windowTally(firstIdOf(list)), enough };
	const nextPage = await readPass(reading, window, read, state, firstPage, () => true);
	if (nextPage !== undefined || firstPage !== list.firstPage) return nextPage;
	const { tally } = state;
	for (let reread = 0; reread < MOST_REREADS && tally.moved() && !tally.complete(); reread++) {
		const before = read.own.items.length;
		const keepGoing = (fresh: number) => (tally.totalKnown() ? !tally.complete() : fresh > 0);
		await readPass(reading, window, read, state, list.firstPage, keepGoing);
		if (enough() || read.own.items.length === before) break;
	}
	return undefined;
}
