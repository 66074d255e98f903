import type { IDataObject } from 'n8n-workflow';

/** What the trigger keeps between polls, in the workflow's static data. */
export interface PollState extends IDataObject {
	/** The source and filters this state belongs to: when they change, the trigger starts afresh. */
	key: string;
	/** No call made before this instant (epoch ms) is emitted. */
	since: number;
	/** Everything up to this instant (inclusive) has been read. */
	cursor: number;
	/** The calls emitted in the look-back before `cursor`: id → when the call was made (epoch ms). */
	seen: IDataObject;
}

/** A call found by a poll: its id, when it was made, and its item. */
export interface FoundCall {
	id: string;
	at: number;
	json: IDataObject;
}

/**
 * The calls of `found` to emit, oldest first, and the state after emitting them: the cursor at
 * `readTo`, and only ids the next poll's look-back can still meet remembered.
 */
export function advance(
	state: PollState,
	found: FoundCall[],
	readTo: number,
	lookBackMs: number,
): { emit: FoundCall[]; next: PollState } {
	const fresh = new Map<string, FoundCall>();
	for (const call of found) {
		if (call.at >= state.since && call.at <= readTo && !(call.id in state.seen)) {
			fresh.set(call.id, call);
		}
	}
	const emit = [...fresh.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	const forgetBefore = readTo + 1 - lookBackMs;
	const seen: IDataObject = {};
	for (const [id, at] of Object.entries(state.seen)) {
		if ((at as number) >= forgetBefore) seen[id] = at;
	}
	for (const call of emit) if (call.at >= forgetBefore) seen[call.id] = call.at;
	return { emit, next: { ...state, cursor: readTo, seen } };
}
