import type { INodeProperties } from 'n8n-workflow';
import { callFilters } from '../CallHistory/resources/call/getMany';
import {
	collectionOf,
	optionsOf,
	simplifyOption,
	windowDaysOption,
} from '../CallHistory/shared/descriptions';
import { TEST_EVENT_DAYS } from './poll';

const forCallHistory = { source: ['callHistory'] };
const forVbot = { source: ['vbot'] };
const always = { source: ['callHistory', 'vbot'] };

function customerField(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		displayOptions: { show: forVbot },
		default: '',
		description,
	};
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName: `Fetch Test Event returns the newest call of the last ${TEST_EVENT_DAYS} days that the source and filters give, without changing which calls the active workflow has emitted. Once active, the trigger emits each new call once.`,
		name: 'testEventNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Call History (OMICall)',
				value: 'callHistory',
				description: "New calls in OMICall's Call History API, with the list's filters",
			},
			{
				name: 'VBot Customer History',
				value: 'vbot',
				description: "New calls in one customer's VBot call history",
			},
		],
		default: 'callHistory',
	},
	collectionOf('filters', forCallHistory, callFilters),
	customerField('vbotId', 'VBot ID', "The customer's VBot ID"),
	customerField('projectCode', 'Project Code', 'The code of the VBot project (group)'),
	customerField('phone', 'Phone', "The customer's phone number"),
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		options: [
			{
				name: 'Now',
				value: 'now',
				description: 'Only calls made after the workflow is activated',
			},
			{
				name: 'A Date',
				value: 'date',
				description: 'Every call since Start Date, then each new one',
			},
		],
		default: 'now',
		description:
			'Where the first poll after activation starts. Changing the source or the filters starts afresh.',
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		displayOptions: { show: { startFrom: ['date'] } },
		default: '',
		description: 'The first poll emits every call made since this date, oldest first',
	},
	{
		displayName: 'Settle Delay (Minutes)',
		name: 'settleMinutes',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1440, numberPrecision: 0 },
		default: 2,
		description:
			'Calls younger than this are left for a later poll: the vendor writes a call once it has ended, and its details a little after',
	},
	{
		displayName: 'Look-Back (Minutes)',
		name: 'lookBackMinutes',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10080, numberPrecision: 0 },
		default: 60,
		description:
			'How far back each poll reads again, for calls the vendor writes late. Calls seen in this span are remembered, so none is emitted twice.',
	},
	simplifyOption(always),
	optionsOf(always, [windowDaysOption]),
];
