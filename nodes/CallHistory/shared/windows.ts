import { remedyOf } from './envelope';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A date window, both bounds inclusive, in epoch milliseconds. */
export interface DateWindow {
	from: number;
	to: number;
}

const lengthOf = (window: DateWindow) => window.to - window.from + 1;

/**
 * Cuts [from, to] (both inclusive) into consecutive, non-overlapping windows of at most
 * `windowMs`, newest first. Windows are cut back from `to`, so the newest one is full: with a
 * limit, the first request covers as much recent time as the vendor allows.
 */
export function cutWindows(from: number, to: number, windowMs: number): DateWindow[] {
	const windows: DateWindow[] = [];
	for (let end = to; end >= from; end -= windowMs) {
		windows.push({ from: Math.max(from, end - windowMs + 1), to: end });
	}
	return windows;
}

/**
 * Visits windows in order until `visit` answers false (it holds all it wants). When the vendor
 * refuses a window as too long (it may allow less than documented), the window is walked again
 * in halves, newest first, and every later window is cut to the length that worked, down to one
 * hour; a refused one-hour window fails.
 */
export async function forEachWindow(
	windows: DateWindow[],
	visit: (window: DateWindow) => Promise<boolean>,
): Promise<void> {
	const queue = windows.slice().reverse();
	let longestMs = Infinity;
	while (queue.length > 0) {
		const window = queue.pop() as DateWindow;
		if (lengthOf(window) > longestMs) {
			queue.push(...cutWindows(window.from, window.to, longestMs).reverse());
			continue;
		}
		// Errors come from the transport as NodeApiErrors already; only a too-long window is handled here.
		const outcome = await visit(window).then(
			(more) => ({ more, error: undefined }),
			(error: unknown) => ({ more: false, error }),
		);
		if (outcome.error === undefined) {
			if (!outcome.more) return;
			continue;
		}
		const remedy = remedyOf(outcome.error);
		if (!remedy || !('shorterWindow' in remedy)) throw outcome.error;
		if (lengthOf(window) <= HOUR_MS) {
			const refusal = outcome.error as { message: string };
			refusal.message += ' The vendor refused even a one-hour window, so the node stopped.';
			throw outcome.error;
		}
		longestMs = Math.max(HOUR_MS, Math.ceil(lengthOf(window) / 2));
		queue.push(...cutWindows(window.from, window.to, longestMs).reverse());
	}
}
