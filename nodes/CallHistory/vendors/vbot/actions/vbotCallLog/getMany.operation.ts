import { updateDisplayOptions, type INodePropertyOptions } from 'n8n-workflow';
import {
	listedRangeFields,
	pageSizeOption,
	runThrough,
	windowDaysOption,
} from '../../../../fields/descriptions';
import { callLogFilters } from '../../filters';
import { listOperation } from '../../../../fields/listOperation';
import { callLogList, LOG_PATH } from '../../callLog';
import { readCallLogQuery } from '../../callTypes';

export const windowDays = windowDaysOption(callLogList.byDate!);
const pageSize = pageSizeOption(
	1000,
	'How many calls to ask for per request; VBot publishes no maximum, and a server that serves fewer is detected',
);

export const description = updateDisplayOptions(
	{ show: { resource: ['vbotCallLog'], operation: ['getMany'] } },
	listedRangeFields(callLogFilters, windowDays, pageSize),
);

/** VBot Call Log › Get Many: every call of the project in a date range, window by window. */
export const execute = listOperation({
	name: 'VBot Call Log › Get Many',
	list: callLogList,
	whoReads: 'VBot Call Log operations read',
	pageSize,
	windowDays,
	prepare: (context) => readCallLogQuery(context),
});

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many calls of the project',
	description: "List every call of the VBot project in a date range, from VBot v3's call log",
	routing: runThrough('GET', LOG_PATH, execute),
};
