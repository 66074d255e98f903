import type { INodeProperties } from 'n8n-workflow';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** VBot Call Log: every call of the VBot project, through VBot v3. */
export const vbotCallLogDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['vbotCallLog'] } },
		options: [count.option, get.option, getMany.option],
		default: 'getMany',
	},
	...getMany.description,
	...count.description,
	...get.description,
];
