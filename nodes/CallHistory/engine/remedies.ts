/**
 * What a failure allows besides giving up: the same request again (after the wait the vendor
 * named, if it did), or the same range in shorter windows. Errors carry theirs here, so that
 * nothing else needs to know which vendor code or status allowed what.
 */
export type Remedy = { retry: true; afterMs?: number } | { shorterWindow: true };

export const RETRY: Remedy = { retry: true };
export const SHORTER_WINDOW: Remedy = { shorterWindow: true };

const remedies = new WeakMap<object, Remedy>();

export function withRemedy<T extends object>(error: T, remedy: Remedy | undefined): T {
	if (remedy) remedies.set(error, remedy);
	return error;
}

export function remedyOf(error: unknown): Remedy | undefined {
	return typeof error === 'object' && error !== null ? remedies.get(error) : undefined;
}

/** Whether the vendor refused a request's date window as too long. */
export function asksForShorterWindow(error: unknown): boolean {
	const remedy = remedyOf(error);
	return remedy !== undefined && 'shorterWindow' in remedy;
}
