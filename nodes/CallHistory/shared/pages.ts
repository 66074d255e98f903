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
