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
import { callFilters } from '../../fields/filters';
import { readConcurrency, readLimit, readOption, readWindows } from '../../fields/parameters';
import { callList, LIST_PATH, omicallApi } from '../../vendors/omicall';

export const windowDays = windowDaysOption(callList.byDate!);
const pageSize = pageSizeOption(
	50,
	'How many calls to ask for per request; 50 is the most the vendor accepts',
);

const properties: INodeProperties[] = [
	...dateRangeFields,
	returnAllOption,
	limitOption,
	collectionOf('filters', callFilters),
	simplifyOption,
	optionsOf([windowDays, concurrencyOption, pageSize, ...recordingOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['getMany'] } },
	properties,
);

/**
 * Call › Get Many: the date range cut into windows the vendor accepts, newest first, each read
 * page by page, with recordings and Simplify on top.
 */
export async function execute(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const transport = await transportFor(this);
	requirePlatform(this.getNode(), transport, omicallApi.platforms, 'Call operations read');
	const limit = readLimit(this);
	const plan = {
		operation: 'Call › Get Many',
		windows: readWindows(this, windowDays),
		limit,
		size: Math.min(readOption(this, pageSize), limit),
		concurrency: readConcurrency(this),
	};
	const { items } = await readCalls(this, callList, plan, routedSend(transport, requestData));
	const place = { api: omicallApi, operation: plan.operation, timezone: this.getTimezone() };
	const output = await withRecordings(this, transport, items, callList.record, place);
	return simplifiedIf(this, output, callList.record.simplify, transport.baseUrl);
}

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many calls',
	description: 'List the calls of a date range, newest first',
	routing: runThrough('GET', LIST_PATH, execute),
};
