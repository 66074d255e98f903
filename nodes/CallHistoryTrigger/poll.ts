import {
	NodeOperationError,
	type INodeExecutionData,
	type INodeProperties,
	type IPollFunctions,
} from 'n8n-workflow';
import { simplifiedIf } from '../CallHistory/engine/simple';
import { DAY_MS } from '../CallHistory/engine/windows';
import { labelOf, readDate } from '../CallHistory/fields/parameters';
import { readSimplify } from '../CallHistory/fields/settings';
import { lookBackField, settleDelayField, TEST_EVENT_DAYS } from './description';
import {
	advance,
	oldestOf,
	readPollState,
	remembers,
	storedForm,
	type FoundCall,
	type PollState,
} from './pollState';
import { NODE_PACKAGE } from '../CallHistory/package';
import { sourcesOf } from '../CallHistory/packages/types';
import { MOST_CALLS_PER_POLL, readSource, type TriggerSource } from './sources';

const SOURCES = sourcesOf(NODE_PACKAGE);

const MINUTE_MS = 60_000;
/** A backlog (n8n was down) is read at most this much per poll, oldest first; the rest next poll. */
const MOST_DAYS_PER_POLL = 31;

/**
 * The polls running in this process, by workflow and node. n8n starts a poll on every tick
 * whether or not the previous one ended; two polls from the same saved state would emit the same
 * calls twice.
 */
const running = new Set<string>();

/** A number of minutes within its field's bounds, in milliseconds: an expression may give any value. */
function minutesOf(context: IPollFunctions, field: INodeProperties): number {
	const min = field.typeOptions?.minValue ?? 0;
	const max = field.typeOptions?.maxValue ?? Infinity;
	const value = context.getNodeParameter(field.name, field.default);
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw new NodeOperationError(
			context.getNode(),
			`${labelOf(field)} must be a number of minutes from ${min} to ${max}`,
			{ description: `It is ${JSON.stringify(value)}.` },
		);
	}
	return value * MINUTE_MS;
}

function sourceOf(context: IPollFunctions): { name: string; source: TriggerSource } {
	const name = String(context.getNodeParameter('source', 'callHistory'));
	const source = SOURCES[name];
	if (!source) {
		throw new NodeOperationError(
			context.getNode(),
			`Source "${name}" is not one this trigger reads`,
			{
				description: `Pick one of: ${Object.keys(SOURCES).join(', ')}.`,
			},
		);
	}
	return { name, source };
}

function output(
	context: IPollFunctions,
	source: TriggerSource,
	calls: FoundCall[],
	baseUrl: string,
): INodeExecutionData[] {
	const items = calls.map(({ json }) => ({ json }));
	const around = { timezone: context.getTimezone(), baseUrl };
	return simplifiedIf(readSimplify(context), items, source.list.record.simplify, around);
}

/** "Fetch Test Event": the newest call of the last days, the saved state left alone. */
async function testEvent(
	context: IPollFunctions,
	source: TriggerSource,
): Promise<INodeExecutionData[][]> {
	const now = Date.now();
	const range = { from: now - TEST_EVENT_DAYS * DAY_MS, to: now };
	const { found, baseUrl } = await readSource(context, source, range, { newest: true });
	const newest = found.reduce<FoundCall | undefined>(
		(latest, call) => (latest && latest.at >= call.at ? latest : call),
		undefined,
	);
	if (!newest) {
		throw new NodeOperationError(context.getNode(), `No call in the last ${TEST_EVENT_DAYS} days`, {
			description:
				'The test event is the newest call the source and filters give. Make a test call, or loosen the filters, and fetch again.',
		});
	}
	return [output(context, source, [newest], baseUrl)];
}

/**
 * The saved state of this source and filters, or undefined to start afresh. A state that does
 * not hold together (edited, imported, written by an older version) is replaced, with a warning.
 */
function savedState(
	context: IPollFunctions,
	stored: unknown,
	key: string,
	at: { lookBackMs: number; now: number },
): PollState | undefined {
	const { state, problem } = readPollState(stored, at);
	if (problem) {
		context.logger.warn(
			`Call History Trigger: the saved poll state is not usable (${problem}); starting afresh from Start From`,
			{ workflowId: context.getWorkflow().id, node: context.getNode().name },
		);
	}
	return state?.key === key ? state : undefined;
}

/**
 * One poll: the calls made since the last poll (and, for calls the vendor wrote late, in the
 * look-back before it), up to Settle Delay ago, each emitted once over the life of the workflow,
 * oldest first. The state moves only when the poll succeeded: a failed poll is retried whole.
 */
async function pollOnce(
	context: IPollFunctions,
	source: TriggerSource,
	key: string,
	{ settleMs, lookBackMs }: { settleMs: number; lookBackMs: number },
): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	const settled = now - settleMs;
	const store = context.getWorkflowStaticData('node');
	let state = savedState(context, store.callHistoryTrigger, key, { lookBackMs, now });
	if (!state) {
		if (context.getNodeParameter('startFrom', 'now') === 'now') {
			// Only calls made from now on; the first read waits for them to settle.
			const fresh = { key, since: now, cursor: settled, horizon: now, seen: new Map() };
			store.callHistoryTrigger = storedForm(fresh);
			return null;
		}
		const since = readDate(context, 'startDate', 'Start Date');
		state = { key, since, cursor: since - 1, horizon: since, seen: new Map() };
	}

	const from = Math.max(state.since, state.horizon);
	const to = Math.min(settled, state.cursor + MOST_DAYS_PER_POLL * DAY_MS);
	if (to < from) return null;
	const seen = state.seen;
	const known = (ids: string[]) => remembers(seen, ids);
	const read = await readSource(context, source, { from, to }, { known });
	if (read.cutShort) {
		context.logger.warn(
			`Call History Trigger: ${read.cutShort.message}; this poll emits the calls read before it, and the next one starts there`,
			{ workflowId: context.getWorkflow().id, node: context.getNode().name },
		);
	}
	const { found, readTo } = oldestOf(read.found, read.readTo, MOST_CALLS_PER_POLL);
	const { emit, next } = advance(state, found, readTo, lookBackMs);
	store.callHistoryTrigger = storedForm(next);
	return emit.length > 0 ? [output(context, source, emit, read.baseUrl)] : null;
}

/**
 * A poll of an active workflow, or "Fetch Test Event" in the editor. A poll that finds the
 * previous one of this workflow and node still running returns nothing: the running one owns the
 * state until it ends.
 */
export async function pollNewCalls(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const { name, source } = sourceOf(context);
	if (context.getMode() === 'manual') return await testEvent(context, source);

	const settleMs = minutesOf(context, settleDelayField);
	const lookBackMs = minutesOf(context, lookBackField);
	const key = JSON.stringify({ source: name, of: source.key(context) });
	const pollKey = `${context.getWorkflow().id}\u0000${context.getNode().id}`;
	if (running.has(pollKey)) {
		context.logger.debug(
			'Call History Trigger: the previous poll of this workflow and node is still running, so this poll reads nothing',
			{ workflowId: context.getWorkflow().id, node: context.getNode().name },
		);
		return null;
	}
	running.add(pollKey);
	try {
		return await pollOnce(context, source, key, { settleMs, lookBackMs });
	} finally {
		running.delete(pollKey);
	}
}
