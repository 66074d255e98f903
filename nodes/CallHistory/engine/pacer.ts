import { sleep, type IExecuteSingleFunctions } from 'n8n-workflow';

/** What pacing needs of the node sending: which run of which node a request belongs to. */
export type PacerContext = Pick<
	IExecuteSingleFunctions,
	'getNode' | 'getExecutionId' | 'getWorkflow'
>;

/**
 * The next free request slot of each running node (execution and node), so that all its windows,
 * pages and items together stay under Requests per Second, and the fastest round trip it has seen.
 * Slots of runs that ended are dropped.
 */
const pacers = new Map<string, { next: number; touched: number; fastestMs: number }>();
const FORGET_PACER_MS = 10 * 60_000;

/** Waits for the request's slot; answers the function to call once its answer (or failure) is in. */
export async function pace(context: PacerContext, perSecond: number): Promise<() => void> {
	if (perSecond === 0) return () => undefined;
	const now = Date.now();
	// A trigger's polls have no execution: its workflow and node name it.
	const key = [context.getWorkflow().id, context.getExecutionId(), context.getNode().id].join(
		'\u0000',
	);
	const pacer = pacers.get(key) ?? { next: now, touched: now, fastestMs: Infinity };
	const at = Math.max(now, pacer.next);
	// 5% further apart than the rate allows, so that the usual jitter on the way to the vendor
	// does not squeeze one more request into a second as the vendor counts it.
	const gapMs = 1050 / perSecond;
	pacer.next = at + gapMs;
	pacer.touched = now;
	pacers.set(key, pacer);
	if (pacers.size > 100) {
		for (const [other, { touched }] of pacers) {
			if (now - touched > FORGET_PACER_MS) pacers.delete(other);
		}
	}
	if (at > now) await sleep(at - now);
	const sentAt = Date.now();
	pacer.next = Math.max(pacer.next, sentAt + gapMs);
	return () => {
		// The request reached the vendor no later than one fastest round trip before its answer.
		// One held up on its way out (n8n's own work before the wire, a busy event loop) so pushes
		// the next slot back by as much, and the vendor never sees two closer than the pace.
		const answeredAt = Date.now();
		pacer.fastestMs = Math.min(pacer.fastestMs, answeredAt - sentAt);
		pacer.next = Math.max(pacer.next, answeredAt - pacer.fastestMs + gapMs);
	};
}
