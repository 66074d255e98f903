import {
	updateDisplayOptions,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { malformedAnswer } from '../../../../engine/errors';
import { requirePlatform, routedSend } from '../../../../engine/operation';
import { transportFor } from '../../../../engine/transport';
import { optionsOf, runThrough } from '../../../../fields/descriptions';
import { customerFields } from '../../filters';
import { requireCustomer } from '../../customer';
import { readTransportPolicy } from '../../../../fields/settings';
import { COUNT_PATH, readCount, vbotApi } from '../../history';

export const description = updateDisplayOptions(
	{ show: { resource: ['vbotCall'], operation: ['count'] } },
	[...customerFields, optionsOf()],
);

/** VBot Call › Count: the number of calls in the customer's history. */
export async function execute(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const transport = await transportFor(this, readTransportPolicy(this));
	requirePlatform(this.getNode(), transport, vbotApi.platforms, 'VBot Call operations read');
	const customer = requireCustomer(this, transport.platform);
	const place = { api: vbotApi, operation: 'VBot Call › Count', timezone: this.getTimezone() };
	const count = readCount(await routedSend(transport, requestData)(COUNT_PATH, customer, place));
	if (typeof count !== 'number') throw malformedAnswer(this.getNode(), place, count.malformed);
	return [{ json: { count } }];
}

export const option: INodePropertyOptions = {
	name: 'Count',
	value: 'count',
	action: 'Count the calls of a customer',
	description: "Count the calls in a customer's history",
	routing: runThrough('GET', COUNT_PATH, execute),
};
