import {
	updateDisplayOptions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import {
	limitOption,
	optionsOf,
	pageSizeOption,
	recordingOptions,
	returnAllOption,
	runThrough,
	simplifyOption,
} from '../../../../fields/descriptions';
import { customerFields } from '../../filters';
import { listOperation } from '../../../../fields/listOperation';
import { requireCustomer } from '../../customer';
import { HISTORY_PATH, historyList } from '../../history';

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
export const execute = listOperation({
	name: 'VBot Call › Get Many',
	list: historyList,
	whoReads: 'VBot Call operations read',
	pageSize,
	prepare: (context, transport) => ({ qs: requireCustomer(context, transport.platform) }),
});

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many calls of a customer',
	description: "List a customer's call history, in VBot's order",
	routing: runThrough('GET', HISTORY_PATH, execute),
};
