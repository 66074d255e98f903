import type { INodeProperties } from 'n8n-workflow';
import { numberFilter, textFilter } from '../../fields/descriptions';

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
