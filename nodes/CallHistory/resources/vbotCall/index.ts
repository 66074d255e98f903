import type { INodeProperties } from 'n8n-workflow';
import { optionsOf, runThrough, TEXT_VALUE } from '../../shared/descriptions';
import { requireText } from '../../shared/parameters';
import { countVbotCalls, listVbotCalls } from '../../shared/vbotHistory';
import { vbotCallGetManyDescription } from './getMany';

const showForVbotCalls = { resource: ['vbotCall'] };

function customerField(
	name: string,
	label: string,
	query: string,
	description: string,
): INodeProperties {
	return {
		displayName: label,
		name,
		type: 'string',
		required: true,
		displayOptions: { show: showForVbotCalls },
		default: '',
		description,
		routing: {
			send: {
				type: 'query',
				property: query,
				value: TEXT_VALUE,
				preSend: [
					requireText(
						name,
						label,
						`VBot needs ${label} for every call-history request. ${description}.`,
					),
				],
			},
		},
	};
}

export const vbotCallDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showForVbotCalls },
		options: [
			{
				name: 'Count',
				value: 'count',
				action: 'Count the calls of a customer',
				description: "Count the calls in a customer's history",
				routing: runThrough('GET', '/api/crm/historycall/countAll', countVbotCalls),
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many calls of a customer',
				description: "List a customer's call history, newest first",
				routing: runThrough('GET', '/api/crm/historycall/getAll', listVbotCalls),
			},
		],
		default: 'getMany',
	},
	customerField('vbotId', 'VBot ID', 'vbot_id', "The customer's VBot ID"),
	customerField(
		'projectCode',
		'Project Code',
		'project_code',
		'The code of the VBot project (group)',
	),
	customerField('phone', 'Phone', 'phone', "The customer's phone number"),
	...vbotCallGetManyDescription,
	optionsOf({ ...showForVbotCalls, operation: ['count'] }),
];
