import type {
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { callFilters } from '../CallHistory/resources/call/getMany';
import { collectCalls } from '../CallHistory/shared/callList';
import { LIST_VALUE, TEXT_VALUE } from '../CallHistory/shared/descriptions';
import type { RequestPlace } from '../CallHistory/shared/envelope';
import { readRequiredText, readWindowMs } from '../CallHistory/shared/parameters';
import { vbotCallTimeMs, vbotIdOf } from '../CallHistory/shared/simplify';
import { sendThrough, type Request } from '../CallHistory/shared/transport';
import {
	VBOT_COUNT_PATH,
	VBOT_LIST_PATH,
	walkVbotHistory,
	type FetchVbot,
} from '../CallHistory/shared/vbotHistory';
import { cutWindows, type DateWindow } from '../CallHistory/shared/windows';
import type { FoundCall } from './pollState';

const CALL_LIST_PATH = '/api/call_transaction/list';

/** A GET to `path` below the credential's Base URL, authenticated by n8n as the credential says. */
async function requester(context: IPollFunctions) {
	const { baseUrl } = await context.getCredentials<{ baseUrl: string }>('callHistoryApi');
	const base = String(baseUrl).replace(/\/+$/, '');
	return (path: string, qs: IDataObject): Request =>
		async (timeoutMs) => {
			const options: IHttpRequestOptions = {
				method: 'GET',
				url: `${base}${path}`,
				qs,
				json: true,
				timeout: timeoutMs,
				headers: { Accept: 'application/json' },
				// The vendors document list parameters as `name[]=value`, as the action node sends them.
				arrayFormat: 'brackets',
			};
			return await context.helpers.httpRequestWithAuthentication.call(
				context,
				'callHistoryApi',
				options,
			);
		};
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

/** Every call of the Call History list made in [from, to], by the action node's list reader. */
export async function callHistoryCalls(
	context: IPollFunctions,
	range: DateWindow,
	limit = Infinity,
): Promise<FoundCall[]> {
	const request = await requester(context);
	const filters = filterQuery(context);
	const plan = {
		operation: 'Call History Trigger',
		windows: cutWindows(range.from, range.to, readWindowMs(context)),
		limit,
		size: Math.min(50, limit),
		concurrency: 1,
	};
	const items = await collectCalls(context, plan, async (qs, place: RequestPlace) =>
		sendThrough(context, request(CALL_LIST_PATH, { ...filters, ...qs }), place),
	);
	return items.map(({ json }) => ({
		id: String(json.transaction_id),
		at: Number(json.created_date),
		json,
	}));
}

/** The filters of the trigger as the key of its state: changing them starts afresh. */
export function sourceKey(context: IPollFunctions): string {
	const source = context.getNodeParameter('source', 'callHistory') as string;
	const of =
		source === 'vbot'
			? ['vbotId', 'projectCode', 'phone'].map((name) => context.getNodeParameter(name, ''))
			: filterQuery(context);
	return JSON.stringify({ source, of });
}

/**
 * The customer's VBot records made since `from`, newest first, read page by page until a page
 * reaches back before `from` (or `limit` records are held).
 */
export async function vbotCalls(
	context: IPollFunctions,
	from: number,
	limit = Infinity,
): Promise<FoundCall[]> {
	const request = await requester(context);
	const customer = Object.fromEntries(
		[
			['vbot_id', 'vbotId', 'VBot ID'],
			['project_code', 'projectCode', 'Project Code'],
			['phone', 'phone', 'Phone'],
		].map(([query, name, label]) => [
			query,
			readRequiredText(context, name, label, `VBot needs ${label} to read a customer's history.`),
		]),
	);
	const fetch: FetchVbot = async (what, qs, place) =>
		await sendThrough(
			context,
			what === 'list'
				? request(VBOT_LIST_PATH, { ...customer, ...qs })
				: request(VBOT_COUNT_PATH, customer),
			place,
		);
	const found: FoundCall[] = [];
	await walkVbotHistory(
		context,
		fetch,
		{ operation: 'Call History Trigger (VBot)', size: Math.min(50, limit) },
		(records) => {
			let reachedBack = false;
			for (const json of records) {
				const at = vbotCallTimeMs(json);
				if (at === undefined || at < from) {
					reachedBack ||= at !== undefined;
					continue;
				}
				found.push({ id: vbotIdOf(json), at, json });
			}
			return !reachedBack && found.length < limit;
		},
	);
	return found;
}
