import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { callFilters } from '../CallHistory/resources/call/getMany';
import { collectCalls, type ListPlan } from '../CallHistory/shared/callList';
import { LIST_VALUE, TEXT_VALUE } from '../CallHistory/shared/descriptions';
import type { RequestPlace } from '../CallHistory/shared/envelope';
import { checkOutputSize } from '../CallHistory/shared/pages';
import { readRequiredText, readWindowMs } from '../CallHistory/shared/parameters';
import {
	simplifyCallHistoryCall,
	simplifyVbotCall,
	vbotCallTimeMs,
	vbotIdOf,
	type SimpleCall,
} from '../CallHistory/shared/simplify';
import { apiRequest, transportFor } from '../CallHistory/shared/transport';
import {
	VBOT_COUNT_PATH,
	VBOT_LIST_PATH,
	walkVbotHistory,
	type FetchVbot,
} from '../CallHistory/shared/vbotHistory';
import { cutWindows, type DateWindow } from '../CallHistory/shared/windows';
import type { FoundCall } from './pollState';

const CALL_LIST_PATH = '/api/call_transaction/list';

/**
 * The most calls one poll reads of a backlog, give or take one window: the rest is read by the
 * next poll. A window announcing more is read in halves, down to one hour.
 */
export const MOST_CALLS_PER_POLL = 10_000;

/** Where the trigger finds calls: a list it can read by date range, in any order it is served. */
export interface TriggerSource {
	/** What the saved state belongs to: when it changes, the trigger starts afresh. */
	key(context: IPollFunctions): unknown;
	/**
	 * The calls made in `range`, and the instant up to which they are all of them: the end of the
	 * range, or earlier when the source stopped at about MOST_CALLS_PER_POLL.
	 */
	read(context: IPollFunctions, range: DateWindow): Promise<{ found: FoundCall[]; readTo: number }>;
	/** The newest call made in `range`, or undefined. */
	newest(context: IPollFunctions, range: DateWindow): Promise<FoundCall | undefined>;
	simplify(call: IDataObject, timezone: string): SimpleCall;
}

/** GETs `path` below the credential's Base URL, through the transport of this poll. */
async function requester(context: IPollFunctions) {
	const { baseUrl } = await context.getCredentials<{ baseUrl: string }>('callHistoryApi');
	const transport = await transportFor(context);
	return async (path: string, qs: IDataObject, place: RequestPlace) =>
		await transport.api(apiRequest(baseUrl, 'GET', path, qs), place);
}

/** A filter's value as its routing in the action node sends it (see LIST_VALUE and TEXT_VALUE). */
function filterValue(filter: INodeProperties, value: unknown): unknown {
	const sent = filter.routing?.send?.value;
	if (sent === LIST_VALUE) {
		const list = Array.isArray(value) ? value : String(value).split(',');
		const texts = list.map((v) => String(v).trim()).filter((v) => v !== '');
		return texts.length > 0 ? texts : undefined;
	}
	if (sent === TEXT_VALUE) return String(value).trim() === '' ? undefined : String(value).trim();
	return value;
}

/** The Filters as the list's query parameters, by the very routing the action node uses. */
function filterQuery(context: IPollFunctions): IDataObject {
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const qs: IDataObject = {};
	for (const filter of callFilters) {
		const property = filter.routing?.send?.property;
		if (property === undefined || filters[filter.name] === undefined) continue;
		const value = filterValue(filter, filters[filter.name]);
		if (value !== undefined) qs[property] = value as IDataObject[keyof IDataObject];
	}
	return qs;
}

const newestOf = (found: FoundCall[]) =>
	found.reduce<FoundCall | undefined>(
		(newest, call) => (newest && newest.at >= call.at ? newest : call),
		undefined,
	);

/** The Call History list's calls in `range`, read by the action node's list reader as `how` says. */
async function readCallList(
	context: IPollFunctions,
	range: DateWindow,
	how: Pick<ListPlan, 'oldestFirst' | 'stopAfter' | 'splitAbove'>,
) {
	const request = await requester(context);
	const filters = filterQuery(context);
	const windows = cutWindows(range.from, range.to, readWindowMs(context));
	const plan: ListPlan = {
		operation: 'Call History Trigger',
		windows: how.oldestFirst ? windows.reverse() : windows,
		limit: Infinity,
		size: 50,
		concurrency: 1,
		holder: 'poll',
		...how,
	};
	const { items, lastWindow } = await collectCalls(
		context,
		plan,
		async (qs, place) => await request(CALL_LIST_PATH, { ...filters, ...qs }, place),
	);
	const found = items.map(({ json }) => ({
		id: String(json.transaction_id),
		at: Number(json.created_date),
		json,
	}));
	return { found, readTo: lastWindow?.to ?? range.to };
}

const callHistory: TriggerSource = {
	key: filterQuery,
	// Oldest window first, so that a poll stopping at MOST_CALLS_PER_POLL has read all before where it stopped.
	read: async (context, range) =>
		await readCallList(context, range, {
			oldestFirst: true,
			stopAfter: MOST_CALLS_PER_POLL,
			splitAbove: MOST_CALLS_PER_POLL,
		}),
	// The newest window that has calls, whole: the vendor publishes no order within it.
	newest: async (context, range) =>
		newestOf((await readCallList(context, range, { stopAfter: 1 })).found),
	simplify: simplifyCallHistoryCall,
};

const CUSTOMER = [
	['vbot_id', 'vbotId', 'VBot ID'],
	['project_code', 'projectCode', 'Project Code'],
	['phone', 'phone', 'Phone'],
];

/**
 * The customer's VBot records made in `range`. VBot publishes no order for the history and no
 * date filter with a known unit, so every page is read each time and the range is applied here.
 */
async function vbotCalls(context: IPollFunctions, range: DateWindow): Promise<FoundCall[]> {
	const request = await requester(context);
	const customer = Object.fromEntries(
		CUSTOMER.map(([query, name, label]) => [
			query,
			readRequiredText(context, name, label, `VBot needs ${label} to read a customer's history.`),
		]),
	);
	const fetch: FetchVbot = async (what, qs, place) =>
		what === 'list'
			? await request(VBOT_LIST_PATH, { ...customer, ...qs }, place)
			: await request(VBOT_COUNT_PATH, customer, place);
	const found: FoundCall[] = [];
	let read = 0;
	await walkVbotHistory(
		context,
		fetch,
		{ operation: 'Call History Trigger (VBot)', size: 50 },
		(records) => {
			read += records.length;
			checkOutputSize(context.getNode(), read, 'records', 'poll');
			for (const json of records) {
				const at = vbotCallTimeMs(json);
				if (at !== undefined && at >= range.from && at <= range.to) {
					found.push({ id: vbotIdOf(json), at, json });
				}
			}
			return true;
		},
	);
	return found;
}

const vbot: TriggerSource = {
	key: (context) => CUSTOMER.map(([, name]) => context.getNodeParameter(name, '')),
	read: async (context, range) => ({ found: await vbotCalls(context, range), readTo: range.to }),
	newest: async (context, range) => newestOf(await vbotCalls(context, range)),
	simplify: simplifyVbotCall,
};

/** The trigger's sources, by the value of its Source parameter. */
export const SOURCES: Record<string, TriggerSource> = { callHistory, vbot };
