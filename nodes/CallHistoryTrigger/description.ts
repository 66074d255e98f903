import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';
import { collectionOf, optionsOf, simplifyOption } from '../CallHistory/fields/descriptions';
import { NODE_PACKAGE } from '../CallHistory/package';
import { sourcesOf } from '../CallHistory/packages/types';
import { windowDaysOf } from './sources';

const SOURCES = sourcesOf(NODE_PACKAGE);
const DEFAULT_SOURCE = Object.keys(SOURCES)[0];

/** Each source's own fields (its filters, or a customer) and Options, shown for it alone. */
const sourceFields: INodeProperties[] = Object.entries(SOURCES).flatMap(([value, source]) => {
	const windowDays = windowDaysOf(source);
	return updateDisplayOptions({ show: { source: [value] } }, [
		...(source.filters ? [collectionOf('filters', source.filters)] : []),
		...(source.fields ?? []),
		optionsOf(windowDays ? [windowDays] : []),
	]);
});

export const settleDelayField: INodeProperties = {
	displayName: 'Settle Delay (Minutes)',
	name: 'settleMinutes',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1440, numberPrecision: 0 },
	default: 2,
	description:
		'Calls younger than this are left for a later poll: the vendor writes a call once it has ended, and its details a little after',
};

export const lookBackField: INodeProperties = {
	displayName: 'Look-Back (Minutes)',
	name: 'lookBackMinutes',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10080, numberPrecision: 0 },
	default: 60,
	description:
		'How far back each poll reads again, for calls the vendor writes late. Calls seen in this span are remembered, so none is emitted twice.',
};

/** How far back "Fetch Test Event" looks for the newest call. */
export const TEST_EVENT_DAYS = 7;

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
		options: Object.entries(SOURCES).map(([value, { name, description }]) => ({
			name,
			value,
			description,
		})),
		default: DEFAULT_SOURCE,
	},
	...sourceFields.filter((field) => field.name !== 'options'),
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
	settleDelayField,
	lookBackField,
	simplifyOption,
	...sourceFields.filter((field) => field.name === 'options'),
];
