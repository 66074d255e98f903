import type { INodeProperties } from 'n8n-workflow';
import { LIST_VALUE, numberFilter, textFilter } from './descriptions';

/**
 * The filters of each list, shared by its actions and the trigger's sources: each is sent as the
 * query parameter its routing names, and the trigger sends it the same way.
 */

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
		routing: { send: { type: 'query', property: 'agents', value: LIST_VALUE } },
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
		routing: { send: { type: 'query', property: 'numbers', value: LIST_VALUE } },
	},
];

/**
 * A VBot customer: VBot ID and project code (which only VBot v2 needs: the operation checks them
 * for a v2 credential) and phone, sent as the history's query.
 */
export const customerFields: INodeProperties[] = [
	{
		...textFilter(
			'vbotId',
			'VBot ID',
			'vbot_id',
			"The customer's VBot ID. VBot v2 needs it; a VBot v3 API key does not.",
		),
	},
	{
		...textFilter(
			'projectCode',
			'Project Code',
			'project_code',
			'The code of the VBot project (group). VBot v2 needs it; a VBot v3 API key does not.',
		),
	},
	{ ...textFilter('phone', 'Phone', 'phone', "The customer's phone number"), required: true },
];

/** The call types of VBot v3's `type_call`: 1 inbound, 2 outbound, 3 missed. */
export const CALL_TYPES = { inbound: 1, outbound: 2, missed: 3 } as const;

/** Hotline Calls' choices as VBot v3's `has_hotline` takes them (UPDATES-2026.md § C.1). */
export const HOTLINE_SCOPES = { all: 1, withHotline: -1, withoutHotline: 0 } as const;

/**
 * VBot v3's call log filters. Call Type (several at once) and Hotline Calls (sent also when not
 * added: VBot's own default is hotline calls only) are sent by the operation, not their routing.
 */
export const callLogFilters: INodeProperties[] = [
	{
		displayName: 'Call Type',
		name: 'callType',
		type: 'multiOptions',
		options: [
			{ name: 'Inbound', value: 'inbound' },
			{ name: 'Missed', value: 'missed' },
			{ name: 'Outbound', value: 'outbound' },
		],
		default: [],
		description:
			'Only calls of these types: inbound, outbound or missed (an inbound call no one answered). None: every call.',
	},
	textFilter(
		'customerCode',
		'Customer Code',
		'customer_code',
		'Only calls of the customer with this code',
	),
	textFilter(
		'disposition',
		'Disposition',
		'disposition',
		'Only calls with this status, as VBot names it: ANSWER, NOANSWER, BUSY, CANCEL, …',
		'ANSWER',
	),
	textFilter(
		'groupMemberNo',
		'Agent Group',
		'group_member_no',
		'Only calls of the agent group with this code',
		'mem_12345',
	),
	textFilter('hotline', 'Hotline', 'hotline', 'Only calls through this hotline number'),
	{
		displayName: 'Hotline Calls',
		name: 'hotlineScope',
		type: 'options',
		options: [
			{
				name: 'All Calls',
				value: 'all',
				description: 'Sends has_hotline=1: calls between agents too',
			},
			{
				name: 'Only Through a Hotline',
				value: 'withHotline',
				description: "Sends has_hotline=-1: VBot's own default",
			},
			{
				name: 'Only Without a Hotline',
				value: 'withoutHotline',
				description: 'Sends has_hotline=0: calls between agents, and the like',
			},
		],
		default: 'all',
		description: 'Which calls by their hotline. Not added: all calls.',
	},
	textFilter(
		'keyword',
		'Keyword',
		'key_search',
		'Only calls matching this search text (a phone number)',
	),
	numberFilter(
		'maxCost',
		'Max Cost',
		'max_postage',
		'Only calls that cost at most this much; -1 (as added) sets no bound',
	),
	textFilter('memberNo', 'Agent', 'member_no', 'Only calls of the agent with this code'),
	numberFilter(
		'minCost',
		'Min Cost',
		'min_postage',
		'Only calls that cost at least this much; -1 (as added) sets no bound',
	),
];
