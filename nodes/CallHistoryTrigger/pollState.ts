import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../../common/json';
import { isInstant } from '../CallHistory/engine/dates';

/** What the trigger keeps between polls, in the workflow's static data. */
export interface PollState {
	/** The source and filters this state belongs to: when they change, the trigger starts afresh. */
	key: string;
	/** No call made before this instant (epoch ms) is emitted. */
	since: number;
	/** Everything up to this instant (inclusive) has been read. */
	cursor: number;
	/**
	 * `seen` holds every emitted call made at or after this instant, so no poll reads before it. It
	 * only ever moves forward: a longer Look-Back takes effect as the memory grows into it.
	 */
	horizon: number;
	/** The calls emitted since `horizon`: id → when the call was made (epoch ms). */
	seen: Map<string, number>;
}

/** The longest call id the trigger remembers as it is: vendor ids are a few dozen characters. */
export const MOST_ID_CHARS = 64;

/**
 * How the state remembers an id: as it is, or, when longer than MOST_ID_CHARS, by its SHA-256,
 * so that a vendor's ids cannot make the static data n8n saves on every poll grow without end.
 */
export const rememberedAs = (id: string): string =>
	id.length <= MOST_ID_CHARS ? id : `sha256:${createHash('sha256').update(id).digest('base64url')}`;

/** Whether `seen` remembers any of a call's ids. */
export const remembers = (seen: Map<string, number>, ids: string[]): boolean =>
	ids.some((id) => seen.has(rememberedAs(id)));

/** A call found by a poll: its id (and ids it was known by before), when it was made, its item. */
export interface FoundCall {
	id: string;
	aliases?: string[];
	at: number;
	json: IDataObject;
}

/** The state as static data keeps it: JSON, the seen ids as [id, made at] pairs. */
export function storedForm(state: PollState): IDataObject {
	const { key, since, cursor, horizon } = state;
	return { key, since, cursor, horizon, seen: [...state.seen] };
}

/**
 * The seen ids of a stored state, as pairs or (as older versions kept them) as an object of
 * id → made at; undefined when they are neither.
 */
function readSeen(stored: unknown): Map<string, number> | undefined {
	const pairs = Array.isArray(stored)
		? stored
		: isObject(stored)
			? Object.entries(stored)
			: undefined;
	if (!pairs) return undefined;
	const seen = new Map<string, number>();
	for (const pair of pairs) {
		if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !isInstant(pair[1]))
			return undefined;
		seen.set(rememberedAs(pair[0]), pair[1]);
	}
	return seen;
}

/**
 * The state static data holds, checked: `{ state }`, or `{ problem }` saying what is wrong with
 * it (static data can be edited, imported, or written by an older version), or `{}` when there
 * is none. A state from before `horizon` was kept gets the horizon its look-back gave it.
 */
export function readPollState(
	stored: unknown,
	{ lookBackMs, now }: { lookBackMs: number; now: number },
): { state?: PollState; problem?: string } {
	if (stored === undefined) return {};
	if (!isObject(stored)) return { problem: 'it is not an object' };
	const { key, since, cursor, horizon } = stored;
	if (typeof key !== 'string') return { problem: 'its key is not text' };
	if (!isInstant(since))
		return { problem: `its since (${JSON.stringify(since)}) is not an instant` };
	if (!isInstant(cursor))
		return { problem: `its cursor (${JSON.stringify(cursor)}) is not an instant` };
	if (horizon !== undefined && !isInstant(horizon))
		return { problem: `its horizon (${JSON.stringify(horizon)}) is not an instant` };
	const seen = readSeen(stored.seen);
	if (!seen) return { problem: 'its seen calls are not a list of [id, instant] pairs' };
	// A state from the future would read nothing until then: silence, not safety.
	if (cursor > now) return { problem: `its cursor (${cursor}) is in the future` };
	const memory = horizon ?? Math.max(since, cursor + 1 - lookBackMs);
	if (memory > Math.max(since, cursor + 1)) {
		return { problem: `its horizon (${memory}) is past what it has read` };
	}
	return { state: { key, since, cursor, horizon: memory, seen } };
}

const byTime = (a: FoundCall, b: FoundCall) =>
	a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * At most `most` of `found` (made up to `readTo`), the oldest, and the instant up to which they are
 * every call found: what one poll emits of a backlog, the rest left for the next.
 */
export function oldestOf(
	found: FoundCall[],
	readTo: number,
	most: number,
): { found: FoundCall[]; readTo: number } {
	if (found.length <= most) return { found, readTo };
	const sorted = [...found].sort(byTime);
	const firstLeft = sorted[most].at;
	const before = sorted.filter((call) => call.at < firstLeft);
	// More than `most` calls made in one millisecond: that millisecond is emitted whole.
	if (before.length === 0)
		return { found: sorted.filter((call) => call.at === firstLeft), readTo: firstLeft };
	return { found: before, readTo: firstLeft - 1 };
}

/**
 * The calls of `found` to emit, oldest first, and the state after emitting them: the cursor at
 * `readTo`, the horizon moved up to the look-back before it (never back), and only ids made since
 * the horizon remembered.
 */
export function advance(
	state: PollState,
	found: FoundCall[],
	readTo: number,
	lookBackMs: number,
): { emit: FoundCall[]; next: PollState } {
	const fresh = new Map<string, FoundCall>();
	const from = Math.max(state.since, state.horizon);
	for (const call of found) {
		const known = remembers(state.seen, [call.id, ...(call.aliases ?? [])]);
		if (call.at >= from && call.at <= readTo && !known) fresh.set(call.id, call);
	}
	const emit = [...fresh.values()].sort(byTime);
	const horizon = Math.max(state.horizon, readTo + 1 - lookBackMs);
	const seen = new Map<string, number>();
	for (const [id, at] of state.seen) if (at >= horizon) seen.set(id, at);
	for (const call of emit) if (call.at >= horizon) seen.set(rememberedAs(call.id), call.at);
	// What was read stays read: a poll that stopped short of the cursor does not move it back.
	return { emit, next: { ...state, cursor: Math.max(state.cursor, readTo), horizon, seen } };
}
