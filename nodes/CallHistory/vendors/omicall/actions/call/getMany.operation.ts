import { updateDisplayOptions, type INodePropertyOptions } from 'n8n-workflow';
import {
	listedRangeFields,
	pageSizeOption,
	runThrough,
	windowDaysOption,
} from '../../../../fields/descriptions';
import { callFilters } from '../../filters';
import { listOperation } from '../../../../fields/listOperation';
import { callList, LIST_PATH } from '../../api';

export const windowDays = windowDaysOption(callList.byDate!);
const pageSize = pageSizeOption(
	50,
	'How many calls to ask for per request; 50 is the most the vendor accepts',
);

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['getMany'] } },
	listedRangeFields(callFilters, windowDays, pageSize),
);

/**
 * Call › Get Many: the date range cut into windows the vendor accepts, newest first, each read
 * page by page, with recordings and Simplify on top.
 */
export const execute = listOperation({
	name: 'Call › Get Many',
	list: callList,
	whoReads: 'Call operations read',
	pageSize,
	windowDays,
});

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many calls',
	description: 'List the calls of a date range, newest first',
	routing: runThrough('GET', LIST_PATH, execute),
};
