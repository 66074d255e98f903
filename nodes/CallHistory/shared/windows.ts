export const DAY_MS = 86_400_000;

/** A date window, both bounds inclusive, in epoch milliseconds. */
export interface DateWindow {
	from: number;
	to: number;
}

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

/** Visits windows in order until `visit` answers false (it holds all it wants). */
export async function forEachWindow(
	windows: DateWindow[],
	visit: (window: DateWindow) => Promise<boolean>,
): Promise<void> {
	for (const window of windows) {
		if (!(await visit(window))) return;
	}
}
