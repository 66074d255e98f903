import {
	NodeOperationError,
	updateDisplayOptions,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { isObject } from '../../../../../../common/json';
import { malformedAnswer } from '../../../../engine/errors';
import { readEachWindow, requirePlatform } from '../../../../engine/operation';
import { MOST_REPORT_VALUES, ReportSum } from '../../../../engine/reports';
import { transportFor } from '../../../../engine/transport';
import { rangeFields, runThrough } from '../../../../fields/descriptions';
import { reportFilters } from '../../filters';
import { readConcurrency, readWindows } from '../../../../fields/parameters';
import { readTransportPolicy } from '../../../../fields/settings';
import { omicallApi, REPORT_PATH } from '../../api';
import { windowDays } from './getMany.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['getReport'] } },
	rangeFields(reportFilters, windowDays),
);

/**
 * Call › Get Report: one report per window the vendor accepts, Concurrency windows at a time,
 * merged in window order into one of the same shape.
 */
export async function execute(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const transport = await transportFor(this, readTransportPolicy(this));
	requirePlatform(this.getNode(), transport, omicallApi.platforms, 'Call operations read');
	const timezone = this.getTimezone();
	const { options } = requestData;
	const sum = new ReportSum(() => tooLarge(this));
	await readEachWindow(
		readWindows(this, windowDays),
		readConcurrency(this),
		async (window) => {
			const place = { api: omicallApi, operation: 'Call › Get Report', timezone, window };
			const qs = { ...options.qs, from_date: window.from, to_date: window.to };
			const payload = await transport.api({ ...options, qs }, place);
			if (!isObject(payload)) {
				throw malformedAnswer(this.getNode(), place, 'has a report that is not an object');
			}
			return payload;
		},
		(report) => sum.add(report),
	);
	return [{ json: sum.total as IDataObject }];
}

const tooLarge = (context: IExecutePaginationFunctions) =>
	new NodeOperationError(
		context.getNode(),
		`The report of this date range holds more than ${MOST_REPORT_VALUES.toLocaleString('en')} values, more than the node merges in one run`,
		{
			description:
				'A report by direction and disposition holds a few dozen: check the filters, or ask for a shorter date range.',
		},
	);

export const option: INodePropertyOptions = {
	name: 'Get Report',
	value: 'getReport',
	action: 'Get a call report',
	description: 'Count the calls of a date range by direction and disposition',
	routing: runThrough('GET', REPORT_PATH, execute),
};
