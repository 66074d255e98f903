import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getReport from './getReport.operation';
import * as update from './update.operation';

/** Call: OMICall's Call History API. */
export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [get.option, getMany.option, getReport.option, update.option],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
	...getReport.description,
	...update.description,
];
