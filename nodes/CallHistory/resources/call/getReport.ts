import type { INodeProperties } from 'n8n-workflow';
import {
	agentExtensionFilter,
	collectionOf,
	concurrencyOption,
	LIST_VALUE,
	optionsOf,
	windowDaysOption,
} from '../../shared/descriptions';

const showOnlyForGetReport = { resource: ['call'], operation: ['getReport'] };

export const callGetReportDescription: INodeProperties[] = [
	collectionOf('filters', showOnlyForGetReport, [
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
	]),
	optionsOf(showOnlyForGetReport, [windowDaysOption, concurrencyOption]),
];
