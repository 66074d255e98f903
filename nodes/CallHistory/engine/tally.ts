import type { IDataObject } from 'n8n-workflow';

/**
 * What one window's pages showed over its reads: every id met, the totals its pages announced,
 * and whether its calls moved while it was paged (a repeat, or a total that changed).
 */
export function windowTally(idOf: (record: IDataObject) => string | undefined) {
	const ids = new Set<string>();
	let firstTotal: number | undefined;
	let latestTotal: number | undefined;
	let moved = false;
	return {
		/** Notes a page of one read; answers how many of its records that read had not met before. */
		note(page: IDataObject[], total: number | undefined, metThisRead: Set<string>): number {
			firstTotal ??= total;
			latestTotal = total ?? latestTotal;
			if (total !== firstTotal) moved = true;
			let fresh = 0;
			for (const record of page) {
				const id = idOf(record);
				if (id === undefined) {
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
		/** Whether every record the window's latest total announces has been met. */
		complete: () => latestTotal !== undefined && ids.size >= latestTotal,
		totalKnown: () => latestTotal !== undefined,
	};
}

export type WindowTally = ReturnType<typeof windowTally>;
