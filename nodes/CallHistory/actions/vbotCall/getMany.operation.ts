import {
	updateDisplayOptions,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { routedSend } from '../../engine/operation';
import { readCalls } from '../../engine/readCalls';
import { withRecordings } from '../../engine/recordings';
import { simplifiedIf } from '../../engine/simple';
import { transportFor } from '../../engine/transport';
import {
	limitOption,
	optionsOf,
	pageSizeOption,
	recordingOptions,
	returnAllOption,
	runThrough,
	simplifyOption,
} from '../../fields/descriptions';
import { customerFields } from '../../fields/filters';
import { readLimit, readOption } from '../../fields/parameters';
import { HISTORY_PATH, historyList, vbotApi } from '../../vendors/vbotHistory';
import { requireCustomer } from './customer';

const pageSize = pageSizeOption(1000, 'How many records to ask for per request');

const properties: INodeProperties[] = [
	...customerFields,
	returnAllOption,
	limitOption,
	simplifyOption,
	optionsOf([pageSize, ...recordingOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['vbotCall'], operation: ['getMany'] } },
	properties,
);

/** VBot Call › Get Many: the customer's history, in VBot's order, up to Limit records. */
export async function execute(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const transport = await transportFor(this);
	requireCustomer(this, transport);
	const limit = readLimit(this);
	const plan = {
		operation: 'VBot Call › Get Many',
		limit,
		size: Math.min(readOption(this, pageSize), limit),
	};
	const { items } = await readCalls(this, historyList, plan, routedSend(transport, requestData));
	const place = {
		api: vbotApi,
		operation: 'VBot Call › Get Many (recordings)',
		timezone: this.getTimezone(),
	};
	const output = await withRecordings(this, transport, items, historyList.record, place);
	return simplifiedIf(this, output, historyList.record.simplify, transport.baseUrl);
}

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many calls of a customer',
	description: "List a customer's call history, in VBot's order",
	routing: runThrough('GET', HISTORY_PATH, execute),
};
