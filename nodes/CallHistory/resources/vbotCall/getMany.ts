import type { INodeProperties } from 'n8n-workflow';
import { returnAllAndLimit } from '../../shared/descriptions';

const showOnlyForGetMany = { resource: ['vbotCall'], operation: ['getMany'] };

export const vbotCallGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForGetMany),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForGetMany },
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 50,
				description: 'How many records to ask for per request',
			},
		],
	},
];
