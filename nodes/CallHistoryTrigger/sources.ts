import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import type { Platform } from '../../common/platforms';
import { requirePlatform } from '../CallHistory/engine/operation';
import { readCalls, type ReadPlan } from '../CallHistory/engine/readCalls';
import { apiRequest, transportFor, type Transport } from '../CallHistory/engine/transport';
import type { CallList } from '../CallHistory/engine/vendor';
import { cutWindows, type DateWindow } from '../CallHistory/engine/windows';
import { windowDaysOption } from '../CallHistory/fields/descriptions';
import { readWindowMs } from '../CallHistory/fields/parameters';
import { readTransportPolicy } from '../CallHistory/fields/settings';
import type { FoundCall } from './pollState';

/**
 * The most calls one poll reads of a backlog, give or take one window: the rest is read by the
 * next poll. A window announcing more is read in halves, down to one hour.
 */
export const MOST_CALLS_PER_POLL = 10_000;

/** The Source parameter's options: which list, by which fields, with what a poll must check. */
export interface TriggerSource {
	name: string;
	description: string;
	list: CallList;
	/** Its filters, under Filters, or its own top-level fields (a customer). */
	filters?: INodeProperties[];
	fields?: INodeProperties[];
	/** The query every request of a poll carries, and a filter the API cannot apply; checked first. */
	query(
		context: IPollFunctions,
		transport: Transport,
	): {
		qs: IDataObject;
		keep?: (record: IDataObject) => boolean;
	};
	/** What the saved state belongs to: when it changes, the trigger starts afresh. */
	key(context: IPollFunctions): unknown;
}

/** The trigger's Filters, as the user set them. */
export const filtersOf = (context: IPollFunctions) =>
	context.getNodeParameter('filters', {}) as IDataObject;

/** The list's Days per Request, for the trigger's Options: the list's own default and bounds. */
export const windowDaysOf = (source: TriggerSource) =>
	source.list.byDate ? windowDaysOption(source.list.byDate) : undefined;

/** What one read of a source needs: the poll, its transport and its query. */
async function readingOf(context: IPollFunctions, source: TriggerSource) {
	const transport = await transportFor(context, readTransportPolicy(context));
	const platforms: Platform[] = source.list.api.platforms;
	requirePlatform(context.getNode(), transport, platforms, `the ${source.name} source reads`);
	const { qs, keep } = source.query(context, transport);
	const send = async (path: string, more: IDataObject, place: Parameters<Transport['api']>[1]) =>
		await transport.api(apiRequest(transport.baseUrl, 'GET', path, { ...qs, ...more }), place);
	return { send, keep, baseUrl: transport.baseUrl };
}

const foundOf = (list: CallList) => (record: IDataObject) => {
	const [id, ...aliases] = list.record.idsOf(record);
	return { id: id ?? '', aliases, at: list.record.madeAt(record) ?? NaN, json: record };
};

/**
 * The calls of `source` made in `range`, and the instant up to which they are all of them. A list
 * read by date is read window by window, oldest first, and stops at about MOST_CALLS_PER_POLL (the
 * end of the last window it read); any other list is read whole (no date filter, no published
 * order) and the range applied here. `newest` reads windows newest first and stops at the first
 * that has calls, for the newest call whatever the order.
 */
export async function readSource(
	context: IPollFunctions,
	source: TriggerSource,
	range: DateWindow,
	how: { newest?: boolean; known?: (ids: string[]) => boolean } = {},
): Promise<{ found: FoundCall[]; readTo: number; baseUrl: string; cutShort?: Error }> {
	const { list } = source;
	const { newest = false, known } = how;
	const { send, keep, baseUrl } = await readingOf(context, source);
	// A call emitted before (read again in the look-back) is passed over, so it does not count
	// towards what one poll reads.
	const plan: ReadPlan = {
		operation: 'Call History Trigger',
		limit: Infinity,
		size: 50,
		holder: 'poll',
		keep,
		passOver: known && ((record) => known(list.record.idsOf(record))),
	};
	const windowDays = windowDaysOf(source);
	if (windowDays) {
		const windows = cutWindows(range.from, range.to, readWindowMs(context, windowDays));
		Object.assign(
			plan,
			newest
				? { windows, stopAfter: 1 }
				: {
						windows: windows.reverse(),
						oldestFirst: true,
						stopAfter: MOST_CALLS_PER_POLL,
						splitAbove: MOST_CALLS_PER_POLL,
					},
		);
	}
	const { items, lastWindow, cutShort } = await readCalls(context, list, plan, send);
	const found = items
		.map(({ json }) => foundOf(list)(json))
		.filter((call) => call.at >= range.from && call.at <= range.to);
	return { found, readTo: lastWindow?.to ?? range.to, baseUrl, cutShort };
}
