import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';
import { readDate } from '../CallHistory/shared/parameters';
import {
	simplifiedIf,
	simplifyCallHistoryCall,
	simplifyVbotCall,
} from '../CallHistory/shared/simplify';
import { DAY_MS } from '../CallHistory/shared/windows';
import { advance, type FoundCall, type PollState } from './pollState';
import { callHistoryCalls, sourceKey, vbotCalls } from './sources';

const MINUTE_MS = 60_000;
/** A backlog (n8n was down) is read at most this much per poll, oldest first; the rest next poll. */
const MOST_DAYS_PER_POLL = 31;
/** How far back "Fetch Test Event" looks for the newest call. */
export const TEST_EVENT_DAYS = 7;

function minutesOf(
	context: IPollFunctions,
	name: string,
	label: string,
	range: { max: number; fallback: number },
): number {
	const { max, fallback } = range;
	const value = context.getNodeParameter(name, fallback);
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
		throw new NodeOperationError(
			context.getNode(),
			`${label} must be a number of minutes from 0 to ${max}`,
			{
				description: `It is ${JSON.stringify(value)}.`,
			},
		);
	}
	return value * MINUTE_MS;
}

function output(context: IPollFunctions, calls: FoundCall[]): INodeExecutionData[] {
	const items = calls.map(({ json }) => ({ json }));
	const vbot = context.getNodeParameter('source', 'callHistory') === 'vbot';
	return simplifiedIf(context, items, vbot ? simplifyVbotCall : simplifyCallHistoryCall);
}

async function callsIn(context: IPollFunctions, from: number, to: number, limit?: number) {
	if (context.getNodeParameter('source', 'callHistory') === 'vbot') {
		const found = await vbotCalls(context, from, limit);
		return found.filter((call) => call.at <= to);
	}
	return await callHistoryCalls(context, { from, to }, limit);
}

/** "Fetch Test Event": the newest call of the last days, the saved state left alone. */
async function testEvent(context: IPollFunctions): Promise<INodeExecutionData[][]> {
	const now = Date.now();
	const [newest] = await callsIn(context, now - TEST_EVENT_DAYS * DAY_MS, now, 1);
	if (!newest) {
		throw new NodeOperationError(context.getNode(), `No call in the last ${TEST_EVENT_DAYS} days`, {
			description:
				'The test event is the newest call the source and filters give. Make a test call, or loosen the filters, and fetch again.',
		});
	}
	return [output(context, [newest])];
}

/**
 * One poll: the calls made since the last poll (and, for calls the vendor wrote late, in the
 * look-back before it), up to Settle Delay ago, each emitted once over the life of the workflow,
 * oldest first. The state moves only when the poll succeeded: a failed poll is retried whole.
 */
export async function pollNewCalls(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') return await testEvent(context);

	const settleMs = minutesOf(context, 'settleMinutes', 'Settle Delay', { max: 1440, fallback: 2 });
	const lookBackMs = minutesOf(context, 'lookBackMinutes', 'Look-Back', {
		max: 10080,
		fallback: 60,
	});
	const key = sourceKey(context);
	const settled = Date.now() - settleMs;
	const store = context.getWorkflowStaticData('node');
	let state = store.callHistoryTrigger as PollState | undefined;
	if (state?.key !== key) {
		if (context.getNodeParameter('startFrom', 'now') === 'now') {
			store.callHistoryTrigger = { key, since: settled + 1, cursor: settled, seen: {} };
			return null;
		}
		const since = readDate(context, 'startDate', 'Start Date');
		state = { key, since, cursor: since - 1, seen: {} };
	}

	const from = Math.max(state.since, state.cursor + 1 - lookBackMs);
	const readTo = Math.min(settled, state.cursor + MOST_DAYS_PER_POLL * DAY_MS);
	if (readTo < from) return null;
	const found = await callsIn(context, from, readTo);
	const { emit, next } = advance(state, found, readTo, lookBackMs);
	store.callHistoryTrigger = next as IDataObject;
	return emit.length > 0 ? [output(context, emit)] : null;
}
