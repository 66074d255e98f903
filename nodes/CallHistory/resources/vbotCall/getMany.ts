import type { INodeProperties } from 'n8n-workflow';
import {
	optionsOf,
	pageSizeOption,
	recordingOptions,
	returnAllAndLimit,
	simplifyOption,
} from '../../shared/descriptions';

const showOnlyForGetMany = { resource: ['vbotCall'], operation: ['getMany'] };

export const vbotCallGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForGetMany),
	simplifyOption(showOnlyForGetMany),
	optionsOf(showOnlyForGetMany, [
		pageSizeOption(1000, 'How many records to ask for per request'),
		...recordingOptions,
	]),
];
