import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

/**
 * The most calls one run of the action node outputs for one input item. n8n's RoutingNode hands
 * a declarative node's items on in one `push(...items)`, which overflows the call stack at about
 * 125,000 items; past this the node stops with advice instead of n8n's "Maximum call stack size
 * exceeded".
 */
export const MOST_ITEMS_PER_RUN = 100_000;

/** Throws when `count` items would pass MOST_ITEMS_PER_RUN. */
export function checkOutputSize(node: INode, count: number, what: string): void {
	if (count <= MOST_ITEMS_PER_RUN) return;
	throw new NodeOperationError(
		node,
		`More than ${MOST_ITEMS_PER_RUN.toLocaleString('en')} ${what} for one input item, more than n8n can output from one node run`,
		{
			description:
				'n8n fails with "Maximum call stack size exceeded" past about 125,000 items from one run of a node like this one. Split the range: give the node one input item per month (From Date and To Date as expressions of the item), or set a Limit.',
		},
	);
}

/** One page of results, and whether the API says another page follows. */
export interface Page<T> {
	items: T[];
	hasNext: boolean;
}

/**
 * Walks pages `firstPage`, `firstPage + 1`, … until the API says there are no more or `take`
 * wants no more. `take` receives each page's items and answers whether it wants more.
 * Answers the page to go on from when `take` stopped before the API's last page.
 */
export async function walkPages<T>(
	fetchPage: (page: number) => Promise<Page<T>>,
	take: (items: T[]) => boolean,
	firstPage = 1,
): Promise<number | undefined> {
	for (let page = firstPage; ; page++) {
		const { items, hasNext } = await fetchPage(page);
		const more = take(items);
		if (!hasNext) return undefined;
		if (!more) return page + 1;
	}
}

/**
 * Collects page items as output items until it holds `limit`; with `idOf`, an item whose id was
 * collected before is dropped and counted in `repeats()`. `take` is walkPages' consumer: it
 * answers whether more is wanted. `takeWhileNew` also stops at a page that brought nothing new.
 */
export function collectUpTo(limit: number, idOf?: (item: IDataObject) => unknown) {
	const items: INodeExecutionData[] = [];
	const seen = new Set<unknown>();
	let repeats = 0;
	const take = (page: IDataObject[]): boolean => {
		for (const item of page) {
			const id = idOf?.(item);
			if (id !== undefined && id !== null) {
				if (seen.has(id)) {
					repeats++;
					continue;
				}
				seen.add(id);
			}
			items.push({ json: item });
			if (items.length >= limit) return false;
		}
		return true;
	};
	const takeWhileNew = (page: IDataObject[]): boolean => {
		const held = items.length;
		return take(page) && items.length > held;
	};
	return {
		items,
		take,
		takeWhileNew,
		repeats: () => repeats,
		isFull: () => items.length >= limit,
		holds: (id: unknown) => seen.has(id),
	};
}
