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

/** What a window's walk may ask while it runs: whether its result is no longer wanted. */
export interface WindowRun {
	stopped(): boolean;
}

type Walked<T> = { window: DateWindow } & ({ value: T } | { error: unknown });

/**
 * Walks windows newest first, up to `concurrency` at once, and hands each window's result to
 * `use` in window order, as a one-at-a-time walk would; stops when `use` answers false (it holds
 * all it wants). When the vendor refuses a window as too long (it may allow less than
 * documented), the window is walked again in halves, newest first, and every later window is cut
 * to the length that worked, down to one hour; a refused one-hour window fails.
 *
 * A failed window fails the run only once every newer window has been used; older ones are not
 * started, and walks already under way are told to stop through `run.stopped()`.
 */
export async function forEachWindow<T>(
	windows: DateWindow[],
	walk: (window: DateWindow, run: WindowRun) => Promise<T>,
	use: (result: T, window: DateWindow) => boolean | Promise<boolean>,
	concurrency = 1,
): Promise<void> {
	const queue = windows.slice().reverse();
	let longestMs = Infinity;
	let finished = false;
	let failure: { error: unknown } | undefined;
	// Windows older than a failed one are not needed: the run fails when the failure is reached.
	let failedTo = -Infinity;
	// Walked windows wait here, by their end, until every newer one has been used.
	const walked = new Map<number, Walked<T>>();
	let nextTo = windows[0]?.to;
	let using: Promise<void> = Promise.resolve();

	const nextWindow = (): DateWindow | undefined => {
		while (!finished && queue.length > 0) {
			const window = queue.pop() as DateWindow;
			if (window.to < failedTo) return undefined;
			if (lengthOf(window) <= longestMs) return window;
			queue.push(...cutWindows(window.from, window.to, longestMs).reverse());
		}
		return undefined;
	};

	const useInOrder = async () => {
		for (let done = walked.get(nextTo); done && !finished; done = walked.get(nextTo)) {
			walked.delete(nextTo);
			nextTo = done.window.from - 1;
			if ('error' in done) {
				failure = { error: done.error };
				finished = true;
			} else if (!(await use(done.value, done.window))) {
				finished = true;
			}
		}
	};

	const worker = async () => {
		for (let window = nextWindow(); window; window = nextWindow()) {
			const current = window;
			const run = { stopped: () => finished || current.to < failedTo };
			// Errors come from the transport as NodeApiErrors already; only a too-long window is handled here.
			const outcome = await walk(current, run).then(
				(value) => ({ value }),
				(error: unknown) => ({ error }),
			);
			if ('error' in outcome) {
				const remedy = remedyOf(outcome.error);
				if (remedy && 'shorterWindow' in remedy) {
					if (lengthOf(current) > HOUR_MS) {
						longestMs = Math.min(longestMs, Math.max(HOUR_MS, Math.ceil(lengthOf(current) / 2)));
						queue.push(...cutWindows(current.from, current.to, longestMs).reverse());
						continue;
					}
					const refusal = outcome.error as { message: string };
					refusal.message += ' The vendor refused even a one-hour window, so the node stopped.';
				}
				failedTo = Math.max(failedTo, current.to);
			}
			walked.set(current.to, { window: current, ...outcome });
			using = using.then(useInOrder).catch((error: unknown) => {
				failure ??= { error };
				finished = true;
			});
			await using;
		}
	};

	await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
	await using;
	if (failure) throw failure.error;
}
