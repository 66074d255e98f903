import {
	updateDisplayOptions,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { requirePlatform, routedSend } from '../../engine/operation';
import { readCalls } from '../../engine/readCalls';
import { withRecordings } from '../../engine/recordings';
import { simplifiedIf } from '../../engine/simple';
import { transportFor } from '../../engine/transport';
import {
	collectionOf,
	concurrencyOption,
	dateRangeFields,
	limitOption,
	optionsOf,
	pageSizeOption,
	recordingOptions,
	returnAllOption,
	runThrough,
	simplifyOption,
	windowDaysOption,
} from '../../fields/descriptions';
import { callLogFilters } from '../../fields/filters';
import { readConcurrency, readLimit, readOption, readWindows } from '../../fields/parameters';
import { callLogApi, callLogList, LOG_PATH } from '../../vendors/vbotCallLog';
import { readCallTypes } from '../../fields/callTypes';

export const windowDays = windowDaysOption(callLogList.byDate!);
const pageSize = pageSizeOption(
	1000,
	'How many calls to ask for per request; VBot publishes no maximum, and a server that serves fewer is detected',
);

const properties: INodeProperties[] = [
	...dateRangeFields,
	returnAllOption,
	limitOption,
	collectionOf('filters', callLogFilters),
	simplifyOption,
	optionsOf([windowDays, concurrencyOption, pageSize, ...recordingOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['vbotCallLog'], operation: ['getMany'] } },
	properties,
);

/** VBot Call Log › Get Many: every call of the project in a date range, window by window. */
export async function execute(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const transport = await transportFor(this);
	requirePlatform(this.getNode(), transport, callLogApi.platforms, 'VBot Call Log operations read');
	const limit = readLimit(this);
	const types = readCallTypes(this);
	const plan = {
		operation: 'VBot Call Log › Get Many',
		windows: readWindows(this, windowDays),
		limit,
		size: Math.min(readOption(this, pageSize), limit),
		concurrency: readConcurrency(this),
		keep: types.keep,
	};
	const send = routedSend(transport, requestData);
	const { items } = await readCalls(this, callLogList, plan, async (path, qs, place) =>
		send(path, { ...qs, ...types.qs }, place),
	);
	const place = { api: callLogApi, operation: plan.operation, timezone: this.getTimezone() };
	const output = await withRecordings(this, transport, items, callLogList.record, place);
	return simplifiedIf(this, output, callLogList.record.simplify, transport.baseUrl);
}

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many calls of the project',
	description: "List every call of the VBot project in a date range, from VBot v3's call log",
	routing: runThrough('GET', LOG_PATH, execute),
};
