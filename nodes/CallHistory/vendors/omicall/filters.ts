import type { INodeProperties } from 'n8n-workflow';
import { listOf, sendsQuery, textFilter } from '../../fields/descriptions';

export const agentExtensionFilter = textFilter(
	'sipUser',
	'Agent Extension',
	'sip_user',
	'Only calls of the agent with this extension (SIP user)',
	'101',
);

/** OMICall's list filters, each sent as the query parameter its routing names; the trigger's too. */
export const callFilters: INodeProperties[] = [
	{
		displayName: 'Agent Emails',
		name: 'agents',
		type: 'string',
		default: '',
		placeholder: 'lan.nguyen@example.vn, minh.tran@example.vn',
		description:
			'Only calls of these agents: comma-separated e-mails, or an array from an expression',
		routing: sendsQuery('agents', listOf),
	},
	agentExtensionFilter,
	{
		displayName: 'Auto Calls',
		name: 'isAutoCall',
		type: 'boolean',
		default: false,
		description:
			'Whether to return only automatic calls (on) or only manual calls (off). Added, it is off and keeps manual calls only: leave this filter out for both.',
		routing: { send: { type: 'query', property: 'is_auto_call' } },
	},
	textFilter(
		'destinationNumber',
		'Destination Number',
		'destination_number',
		'Only calls to this number',
	),
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
		description:
			'Only calls in these directions: inbound, outbound or local (an expression gives the values)',
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
		description:
			'Only answered calls (answered), or only unanswered ones (cancelled). Added, it is Answered and keeps answered calls only: leave this filter out for both.',
		routing: { send: { type: 'query', property: 'disposition' } },
	},
	textFilter('keyword', 'Keyword', 'keyword', 'Only calls matching this search text'),
	textFilter('sourceNumber', 'Source Number', 'source_number', 'Only calls from this number'),
];

/** OMICall's report filters. */
export const reportFilters: INodeProperties[] = [
	agentExtensionFilter,
	{
		displayName: 'Hotline Numbers',
		name: 'numbers',
		type: 'string',
		default: '',
		placeholder: '842873001234, 842473005678',
		description:
			'Only calls through these numbers: comma-separated, or an array from an expression',
		routing: sendsQuery('numbers', listOf),
	},
];
