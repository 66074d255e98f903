import type { INodeProperties } from 'n8n-workflow';
import * as count from './count.operation';
import * as getMany from './getMany.operation';

/** VBot Call: a VBot customer's call history, through VBot v2 or v3. */
export const vbotCallDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['vbotCall'] } },
		options: [count.option, getMany.option],
		default: 'getMany',
	},
	...getMany.description,
	...count.description,
];
