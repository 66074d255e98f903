import type { INodeProperties } from 'n8n-workflow';
import { LIST_VALUE, TEXT_VALUE, windowDaysOption } from '../../shared/descriptions';

const showOnlyForGetReport = { resource: ['call'], operation: ['getReport'] };

export const callGetReportDescription: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showOnlyForGetReport },
		default: {},
		options: [
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
				displayName: 'Hotline Numbers',
				name: 'numbers',
				type: 'string',
				default: '',
				placeholder: '842873001234, 842473005678',
				description:
					'Only calls through these numbers: comma-separated, or an array from an expression',
				routing: { send: { type: 'query', property: 'numbers', value: LIST_VALUE } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForGetReport },
		default: {},
		options: [windowDaysOption],
	},
];
