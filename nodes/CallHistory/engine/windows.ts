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
 * The order of a walk as numbers that shrink along it: a window's lead is where the walk meets it
 * first, the window after it leads at `leadAfter`, and a window whose lead is below another's
 * comes after it; `inOrder` puts newest-first windows in walk order.
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

/** The windows still to walk, in walk order, each at most the length that has worked so far. */
class WindowQueue {
	private readonly queue: DateWindow[];
	private longestMs = Infinity;

	constructor(
		windows: DateWindow[],
		private readonly inOrder: (newestFirst: DateWindow[]) => DateWindow[],
	) {
		this.queue = windows.slice().reverse();
	}

	/** The next window, cut to the longest length that worked, or undefined when none is left. */
	next(): DateWindow | undefined {
		for (let window = this.queue.pop(); window; window = this.queue.pop()) {
			if (lengthOf(window) <= this.longestMs) return window;
			this.putBack(window);
		}
		return undefined;
	}

	/**
	 * Puts a refused window back in halves (down to one hour), and makes that the longest any later
	 * window may be; answers false when it was one hour already.
	 */
	halve(window: DateWindow): boolean {
		if (lengthOf(window) <= HOUR_MS) return false;
		this.longestMs = Math.min(this.longestMs, Math.max(HOUR_MS, Math.ceil(lengthOf(window) / 2)));
		this.putBack(window);
		return true;
	}

	private putBack(window: DateWindow) {
		const pieces = this.inOrder(cutWindows(window.from, window.to, this.longestMs));
		this.queue.push(...pieces.reverse());
	}
}

/**
 * Hands walked windows to `use` in walk order, as a one-at-a-time walk would, each once every
 * window before it has been used; a failed window ends it with its error.
 */
class InOrder<T> {
	private readonly walked = new Map<number, Walked<T>>();
	private nextLead: number | undefined;
	private using: Promise<void> = Promise.resolve();
	finished = false;
	failure: { error: unknown } | undefined;

	constructor(
		first: DateWindow | undefined,
		private readonly order: ReturnType<typeof orderOf>,
		private readonly use: (result: T, window: DateWindow) => boolean | Promise<boolean>,
	) {
		this.nextLead = first === undefined ? undefined : order.lead(first);
	}

	/** Adds a walked window; answers once every window that could be used now has been. */
	async add(done: Walked<T>): Promise<void> {
		this.walked.set(this.order.lead(done.window), done);
		this.using = this.using.then(() => this.useReady()).catch((error: unknown) => this.fail(error));
		await this.using;
	}

	settled = () => this.using;

	/** Whether windows were walked that were never used, though nothing ended the walk. */
	stalled = () => !this.finished && this.walked.size > 0;

	private fail(error: unknown) {
		this.failure ??= { error };
		this.finished = true;
	}

	private async useReady() {
		while (!this.finished && this.nextLead !== undefined && this.walked.has(this.nextLead)) {
			const done = this.walked.get(this.nextLead) as Walked<T>;
			this.walked.delete(this.nextLead);
			this.nextLead = this.order.leadAfter(done.window);
			if ('error' in done) this.fail(done.error);
			else if (!(await this.use(done.value, done.window))) this.finished = true;
		}
	}
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
	const order = orderOf(how.oldestFirst === true);
	const queue = new WindowQueue(windows, order.inOrder);
	const results = new InOrder(windows[0], order, use);
	// Windows after a failed one are not needed: the run fails when the failure is reached.
	let failedLead = -Infinity;
	const behindFailure = (window: DateWindow) => order.lead(window) < failedLead;
	// Windows behind a failure are passed over, not stopped at: halves of an earlier window may
	// still wait below them, and the failure is reached only once those are used.
	const nextWindow = () => {
		for (let window = queue.next(); window && !results.finished; window = queue.next()) {
			if (!behindFailure(window)) return window;
		}
		return undefined;
	};

	const worker = async () => {
		for (let window = nextWindow(); window; window = nextWindow()) {
			const current = window;
			const run = { stopped: () => results.finished || behindFailure(current) };
			const outcome = await walk(current, run).then(
				(value) => ({ value }),
				(error: unknown) => ({ error }),
			);
			if ('error' in outcome && how.shouldSplit(outcome.error)) {
				if (queue.halve(current)) continue;
				const refusal = outcome.error as { message: string };
				refusal.message += ' The vendor refused even a one-hour window, so the node stopped.';
			}
			if ('error' in outcome) failedLead = Math.max(failedLead, order.lead(current));
			await results.add({ window: current, ...outcome });
		}
	};

	await Promise.all(Array.from({ length: Math.max(1, how.concurrency ?? 1) }, worker));
	await results.settled();
	if (results.failure) throw results.failure.error;
	if (results.stalled())
		throw new Error('Windows were read but not all of them used: the walk stalled');
}
