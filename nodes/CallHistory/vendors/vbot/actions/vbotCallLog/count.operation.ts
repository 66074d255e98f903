import {
	updateDisplayOptions,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { malformedAnswer } from '../../../../engine/errors';
import { readEachWindow, requirePlatform, routedSend } from '../../../../engine/operation';
import { transportFor } from '../../../../engine/transport';
import type { DateWindow } from '../../../../engine/windows';
import { rangeFields, runThrough } from '../../../../fields/descriptions';
import { readHotlineScope } from '../../callTypes';
import { CALL_TYPES, callLogFilters } from '../../filters';
import { readConcurrency, readWindows } from '../../../../fields/parameters';
import { readTransportPolicy } from '../../../../fields/settings';
import { readCount } from '../../history';
import { callLogApi, callLogList, LOG_COUNT_PATH } from '../../callLog';
import { windowDays } from './getMany.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['vbotCallLog'], operation: ['count'] } },
	rangeFields(callLogFilters, windowDays),
);

/** The `type_call` values to count, one request each: the chosen types, or every type at once. */
function typesToCount(chosen: unknown): Array<number | undefined> {
	const names = (Array.isArray(chosen) ? chosen : [chosen]).map(String);
	const types = [...new Set(names)]
		.map((name) => CALL_TYPES[name as keyof typeof CALL_TYPES])
		.filter((type) => type !== undefined);
	return types.length === 0 || types.length === Object.keys(CALL_TYPES).length
		? [undefined]
		: types;
}

/**
 * VBot Call Log › Count: the calls of the date range, as `{ "count": N }`: the window's counts
 * summed, and with two call types chosen, each type's count.
 */
export async function execute(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const transport = await transportFor(this, readTransportPolicy(this));
	requirePlatform(this.getNode(), transport, callLogApi.platforms, 'VBot Call Log operations read');
	const types = typesToCount(this.getNodeParameter('filters.callType', []));
	const hotlineScope = readHotlineScope(this);
	const send = routedSend(transport, requestData);
	const timezone = this.getTimezone();
	let count = 0;
	const add = (inWindow: number) => (count += inWindow);
	const countWindow = async (window: DateWindow) => {
		let inWindow = 0;
		for (const type of types) {
			const place = { api: callLogApi, operation: 'VBot Call Log › Count', timezone, window };
			const qs = {
				...callLogList.count?.query(window),
				...hotlineScope,
				...(type === undefined ? {} : { type_call: type }),
			};
			const read = readCount(await send(LOG_COUNT_PATH, qs, place));
			if (typeof read !== 'number') throw malformedAnswer(this.getNode(), place, read.malformed);
			inWindow += read;
		}
		return inWindow;
	};
	await readEachWindow(readWindows(this, windowDays), readConcurrency(this), countWindow, add);
	return [{ json: { count } }];
}

export const option: INodePropertyOptions = {
	name: 'Count',
	value: 'count',
	action: 'Count the calls of the project',
	description: 'Count the calls of the VBot project in a date range',
	routing: runThrough('GET', LOG_COUNT_PATH, execute),
};
