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
	for (let end = to; end >= from; ) {
		const start = Math.max(from, end - windowMs + 1);
		// Past 2^53 ms a step can round away to nothing: refuse rather than loop forever.
		if (!(start <= end && start - 1 < end)) {
			throw new RangeError(`Cannot cut [${from}, ${to}] into windows of ${windowMs} ms`);
		}
		windows.push({ from: start, to: end });
		end = start - 1;
	}
	return windows;
}

/** What a window's walk may ask while it runs: whether its result is no longer wanted. */
export interface WindowRun {
	stopped(): boolean;
}

/** How windows are walked: which way through time, how many at once, which failures split one. */
export interface WindowWalk {
	concurrency?: number;
	/** Oldest window first (the trigger, which may stop part-way) instead of newest first. */
	oldestFirst?: boolean;
	/** Whether a window's failure asks for the same range in shorter windows (e.g. date_is_too_long). */
	shouldSplit(error: unknown): boolean;
}

type Walked<T> = { window: DateWindow } & ({ value: T } | { error: unknown });

/**
 * The order of a walk as numbers that grow along it: a window's lead is where the walk meets it
 * first, and the window after it leads at `leadAfter`.
 */
function orderOf(oldestFirst: boolean) {
	return oldestFirst
		? {
				lead: (window: DateWindow) => -window.from,
				leadAfter: (window: DateWindow) => -(window.to + 1),
				inOrder: (newestFirst: DateWindow[]) => newestFirst.reverse(),
			}
		: {
				lead: (window: DateWindow) => window.to,
				leadAfter: (window: DateWindow) => window.from - 1,
				inOrder: (newestFirst: DateWindow[]) => newestFirst,
			};
}

/**
 * Walks `windows` (given in walk order), up to `concurrency` at once, and hands each window's
 * result to `use` in walk order, as a one-at-a-time walk would; stops when `use` answers false
 * (it holds all it wants). When a window fails in a way `shouldSplit` names (the vendor may allow
 * less than documented), it is walked again in halves, in walk order, and every later window is
 * cut to the length that worked, down to one hour; a one-hour window that fails so fails.
 *
 * A failed window fails the run only once every window before it has been used; later ones are
 * not started, and walks already under way are told to stop through `run.stopped()`.
 */
export async function forEachWindow<T>(
	windows: DateWindow[],
	walk: (window: DateWindow, run: WindowRun) => Promise<T>,
	use: (result: T, window: DateWindow) => boolean | Promise<boolean>,
	how: WindowWalk,
): Promise<void> {
	const { lead, leadAfter, inOrder } = orderOf(how.oldestFirst === true);
	const queue = windows.slice().reverse();
	let longestMs = Infinity;
	let finished = false;
	let failure: { error: unknown } | undefined;
	// Windows after a failed one are not needed: the run fails when the failure is reached.
	let failedLead = -Infinity;
	// Walked windows wait here, by their lead, until every one before them has been used.
	const walked = new Map<number, Walked<T>>();
	let nextLead = windows[0] === undefined ? undefined : lead(windows[0]);
	let using: Promise<void> = Promise.resolve();

	const behindFailure = (window: DateWindow) => lead(window) < failedLead;

	const nextWindow = (): DateWindow | undefined => {
		while (!finished && queue.length > 0) {
			const window = queue.pop() as DateWindow;
			if (behindFailure(window)) return undefined;
			if (lengthOf(window) <= longestMs) return window;
			queue.push(...inOrder(cutWindows(window.from, window.to, longestMs)).reverse());
		}
		return undefined;
	};

	const useInOrder = async () => {
		for (
			let done = nextLead === undefined ? undefined : walked.get(nextLead);
			done && !finished;
			done = nextLead === undefined ? undefined : walked.get(nextLead)
		) {
			walked.delete(lead(done.window));
			nextLead = leadAfter(done.window);
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
			const run = { stopped: () => finished || behindFailure(current) };
			const outcome = await walk(current, run).then(
				(value) => ({ value }),
				(error: unknown) => ({ error }),
			);
			if ('error' in outcome) {
				if (how.shouldSplit(outcome.error)) {
					if (lengthOf(current) > HOUR_MS) {
						longestMs = Math.min(longestMs, Math.max(HOUR_MS, Math.ceil(lengthOf(current) / 2)));
						queue.push(...inOrder(cutWindows(current.from, current.to, longestMs)).reverse());
						continue;
					}
					const refusal = outcome.error as { message: string };
					refusal.message += ' The vendor refused even a one-hour window, so the node stopped.';
				}
				failedLead = Math.max(failedLead, lead(current));
			}
			walked.set(lead(current), { window: current, ...outcome });
			using = using.then(useInOrder).catch((error: unknown) => {
				failure ??= { error };
				finished = true;
			});
			await using;
		}
	};

	await Promise.all(Array.from({ length: Math.max(1, how.concurrency ?? 1) }, worker));
	await using;
	if (failure) throw failure.error;
}
