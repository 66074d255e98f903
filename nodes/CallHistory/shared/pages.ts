import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** One page of results, and whether the API says another page follows. */
export interface Page<T> {
	items: T[];
	hasNext: boolean;
}

/**
 * Walks pages 1, 2, … until the API says there are no more or `take` wants no more.
 * `take` receives each page's items and answers whether it wants more.
 */
export async function walkPages<T>(
	fetchPage: (page: number) => Promise<Page<T>>,
	take: (items: T[]) => boolean,
): Promise<void> {
	for (let page = 1; ; page++) {
		const { items, hasNext } = await fetchPage(page);
		if (!take(items) || !hasNext) return;
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
	return { items, take, takeWhileNew, repeats: () => repeats, isFull: () => items.length >= limit };
}
