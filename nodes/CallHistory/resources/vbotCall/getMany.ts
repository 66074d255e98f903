import type { INodeProperties } from 'n8n-workflow';
import { optionsOf, pageSizeOption, returnAllAndLimit } from '../../shared/descriptions';

const showOnlyForGetMany = { resource: ['vbotCall'], operation: ['getMany'] };

export const vbotCallGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForGetMany),
	optionsOf(showOnlyForGetMany, [pageSizeOption(1000, 'How many records to ask for per request')]),
];
