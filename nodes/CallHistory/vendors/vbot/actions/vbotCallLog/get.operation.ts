import {
	updateDisplayOptions,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { malformedAnswer } from '../../../../engine/errors';
import { requirePlatform } from '../../../../engine/operation';
import { simplifiedIf } from '../../../../engine/simple';
import { transportFor } from '../../../../engine/transport';
import {
	optionsOf,
	runThrough,
	sendsQuery,
	simplifyOption,
	textOf,
} from '../../../../fields/descriptions';
import { readRequiredText } from '../../../../fields/parameters';
import { readSimplify, readTransportPolicy } from '../../../../fields/settings';
import { readRecords } from '../../history';
import { callLogApi, callLogList, LOG_DETAIL_PATH } from '../../callLog';

export const description = updateDisplayOptions(
	{ show: { resource: ['vbotCallLog'], operation: ['get'] } },
	[
		{
			displayName: 'Group ID',
			name: 'groupId',
			type: 'string',
			required: true,
			default: '',
			description: "The call's group_id, as Get Many returns it: the call is all its legs",
			routing: sendsQuery('group_id', textOf),
		},
		simplifyOption,
		optionsOf(),
	],
);

/** VBot Call Log › Get: the legs of one call, one item per leg. */
export async function execute(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const transport = await transportFor(this, readTransportPolicy(this));
	requirePlatform(this.getNode(), transport, callLogApi.platforms, 'VBot Call Log operations read');
	readRequiredText(
		this,
		'groupId',
		'Group ID',
		"Give the call's group_id, e.g. from the output of Get Many.",
	);
	const place = { api: callLogApi, operation: 'VBot Call Log › Get', timezone: this.getTimezone() };
	const legs = readRecords(await transport.api(requestData.options, place), 'legs');
	if ('malformed' in legs) throw malformedAnswer(this.getNode(), place, legs.malformed);
	const items = legs.items.map((json) => ({ json }));
	const around = { timezone: place.timezone, baseUrl: transport.baseUrl };
	return simplifiedIf(readSimplify(this), items, callLogList.record.simplify, around);
}

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get the legs of a call',
	description: 'Get one call of the project by its group ID, one item per leg',
	routing: runThrough('GET', LOG_DETAIL_PATH, execute),
};
