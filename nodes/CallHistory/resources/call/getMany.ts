import type { INodeProperties } from 'n8n-workflow';
import {
	LIST_VALUE,
	returnAllAndLimit,
	TEXT_VALUE,
	windowDaysOption,
} from '../../shared/descriptions';

const showOnlyForGetMany = { resource: ['call'], operation: ['getMany'] };

export const callGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForGetMany),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showOnlyForGetMany },
		default: {},
		options: [
			{
				displayName: 'Agent Emails',
				name: 'agents',
				type: 'string',
				default: '',
				placeholder: 'lan.nguyen@example.vn, minh.tran@example.vn',
				description:
					'Only calls of these agents: comma-separated e-mails, or an array from an expression',
				routing: { send: { type: 'query', property: 'agents', value: LIST_VALUE } },
			},
			{
				displayName: 'Agent Extension',
				name: 'sipUser',
				type: 'string',
				default: '',
				placeholder: '101',
				description: 'Only calls of the agent with this extension (SIP user)',
				routing: { send: { type: 'query', property: 'sip_user', value: TEXT_VALUE } },
			},
			{
				displayName: 'Auto Calls',
				name: 'isAutoCall',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only automatic calls (on) or only manual calls (off). Leave this filter out for both.',
				routing: { send: { type: 'query', property: 'is_auto_call' } },
			},
			{
				displayName: 'Destination Number',
				name: 'destinationNumber',
				type: 'string',
				default: '',
				description: 'Only calls to this number',
				routing: { send: { type: 'query', property: 'destination_number', value: TEXT_VALUE } },
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'multiOptions',
				options: [
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Local (Between Extensions)', value: 'local' },
					{ name: 'Outbound', value: 'outbound' },
				],
				default: [],
				description: 'Only calls in these directions',
				routing: { send: { type: 'query', property: 'direction' } },
			},
			{
				displayName: 'Disposition',
				name: 'disposition',
				type: 'options',
				options: [
					{ name: 'Answered', value: 'answered' },
					{ name: 'Cancelled (Not Answered)', value: 'cancelled' },
				],
				default: 'answered',
				description: 'Only answered, or only unanswered, calls',
				routing: { send: { type: 'query', property: 'disposition' } },
			},
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				description: 'Only calls matching this search text',
				routing: { send: { type: 'query', property: 'keyword', value: TEXT_VALUE } },
			},
			{
				displayName: 'Source Number',
				name: 'sourceNumber',
				type: 'string',
				default: '',
				description: 'Only calls from this number',
				routing: { send: { type: 'query', property: 'source_number', value: TEXT_VALUE } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForGetMany },
		default: {},
		options: [
			windowDaysOption,
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 50,
				description: 'How many calls to ask for per request; 50 is the most the vendor accepts',
			},
		],
	},
];
