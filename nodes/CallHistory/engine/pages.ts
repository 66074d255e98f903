import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

/**
 * The most calls one run of the action node outputs for one input item, and the most one poll of
 * the trigger holds. n8n's RoutingNode hands a declarative node's items on in one
 * `push(...items)`, which overflows the call stack at about 125,000 items; past this the node
 * stops with advice instead of n8n's "Maximum call stack size exceeded".
 */
export const MOST_ITEMS_PER_RUN = 100_000;

/** What holds the items: one run of the action node for one input item, or one trigger poll. */
export type Holder = 'run' | 'poll';

const TOO_MANY: Record<Holder, { where: string; fix: string }> = {
	run: {
		where: 'for one input item, more than n8n can output from one node run',
		fix: 'n8n fails with "Maximum call stack size exceeded" past about 125,000 items from one run of a node like this one. Split the range: give the node one input item per month (From Date and To Date as expressions of the item), or set a Limit.',
	},
	poll: {
		where: 'in one poll, more than the trigger holds at once',
		fix: 'The trigger reads a backlog in parts it can hold, down to one hour of calls at a time; the vendor announced more than this for one hour, or one history holds more. Check the source and its filters.',
	},
};

/** More items than MOST_ITEMS_PER_RUN: what checkOutputSize throws. */
export class TooManyItems extends NodeOperationError {}

/** Throws TooManyItems when `count` items would pass MOST_ITEMS_PER_RUN. */
export function checkOutputSize(
	node: INode,
	count: number,
	what: string,
	holder: Holder = 'run',
): void {
	if (count <= MOST_ITEMS_PER_RUN) return;
	const { where, fix } = TOO_MANY[holder];
	throw new TooManyItems(
		node,
		`More than ${MOST_ITEMS_PER_RUN.toLocaleString('en')} ${what} ${where}`,
		{ description: fix },
	);
}

/** One page of results, and whether the API says another page follows. */
export interface Page<T> {
	items: T[];
	hasNext: boolean;
	/** How many pages the answer says the list has, when it says. */
	declaredPages?: number;
}

/**
 * How many pages past its first answer's own count a list may run: calls arriving while it is
 * paged push later calls onto new pages. Past this the vendor is not describing its own list.
 */
export function pagesAllowed(declaredPages: number): number {
	return declaredPages + Math.max(2, Math.ceil(declaredPages / 10));
}

/**
 * Walks pages `firstPage`, `firstPage + 1`, … until the API says there are no more or `take`
 * wants no more. `take` receives each page's items and answers whether it wants more.
 * Answers the page to go on from when `take` stopped before the API's last page. A list that
 * keeps announcing pages past `pagesAllowed` of what its first answer declared fails with
 * `overrun(declaredPages)`.
 */
export async function walkPages<T>(
	fetchPage: (page: number) => Promise<Page<T>>,
	take: (items: T[]) => boolean,
	walk: { firstPage?: number; overrun: (declaredPages: number) => Error },
): Promise<number | undefined> {
	let declared: number | undefined;
	for (let page = walk.firstPage ?? 1; ; page++) {
		const { items, hasNext, declaredPages } = await fetchPage(page);
		declared ??= declaredPages;
		const more = take(items);
		if (!hasNext) return undefined;
		if (!more) return page + 1;
		if (declared !== undefined && page + 1 > pagesAllowed(declared)) throw walk.overrun(declared);
	}
}

/**
 * Collects page items as output items until it holds `limit`; with `idOf`, an item whose id was
 * collected before is dropped. `take` is walkPages' consumer: it answers whether more is wanted.
 */
export function collectUpTo(limit: number, idOf?: (item: IDataObject) => unknown) {
	const items: INodeExecutionData[] = [];
	const seen = new Set<unknown>();
	const take = (page: IDataObject[]): boolean => {
		for (const item of page) {
			const id = idOf?.(item);
			if (id !== undefined && id !== null) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			items.push({ json: item });
			if (items.length >= limit) return false;
		}
		return true;
	};
	return {
		items,
		take,
		isFull: () => items.length >= limit,
		holds: (id: unknown) => seen.has(id),
	};
}
