import type { INodeProperties } from 'n8n-workflow';
import { listCalls } from '../../shared/callList';
import { reportCalls } from '../../shared/callReport';
import { optionsOf, recordingOptions, runThrough, simplifyOption } from '../../shared/descriptions';
import { setTransactionPath } from '../../shared/parameters';
import { sendForCall } from '../../shared/single';
import { callGetManyDescription } from './getMany';
import { callGetReportDescription } from './getReport';
import { callUpdateDescription } from './update';

const showForCalls = { resource: ['call'] };

export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showForCalls },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a call',
				description: 'Get one call by its transaction ID',
				routing: runThrough('GET', '/api/call_transaction/detail', sendForCall),
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many calls',
				description: 'List the calls of a date range, newest first',
				routing: runThrough('GET', '/api/call_transaction/list', listCalls),
			},
			{
				name: 'Get Report',
				value: 'getReport',
				action: 'Get a call report',
				description: 'Count the calls of a date range by direction and disposition',
				routing: runThrough('GET', '/api/call_transaction/report', reportCalls),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update the note and tags of a call',
				description: 'Set the note and tags of a call',
				routing: runThrough('POST', '/api/call_transaction/change', sendForCall),
			},
		],
		default: 'getMany',
	},
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		required: true,
		displayOptions: { show: { ...showForCalls, operation: ['get', 'update'] } },
		default: '',
		placeholder: '2159f8d9-5a6e-440f-8995-8d0f55c1a2b3',
		description:
			'The transaction_id of the call, as Get Many returns it (with Simplify on, its ID)',
		routing: { send: { preSend: [setTransactionPath] } },
	},
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		required: true,
		displayOptions: { show: { ...showForCalls, operation: ['getMany', 'getReport'] } },
		default: '',
		description:
			"Start of the range, inclusive. A date-time without an offset is read in the workflow's time zone; an expression may give an ISO 8601 date-time with its offset, e.g. 2026-01-31T08:00:00+07:00 for Vietnam time, or epoch milliseconds.",
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'dateTime',
		required: true,
		displayOptions: { show: { ...showForCalls, operation: ['getMany', 'getReport'] } },
		default: '',
		description:
			'End of the range, inclusive to the millisecond, e.g. 2026-01-31T23:59:59+07:00. Read like From Date; at most 366 days after it.',
	},
	...callGetManyDescription,
	...callGetReportDescription,
	...callUpdateDescription,
	simplifyOption({ ...showForCalls, operation: ['getMany', 'get', 'update'] }),
	optionsOf({ ...showForCalls, operation: ['get'] }, recordingOptions),
	optionsOf({ ...showForCalls, operation: ['update'] }),
];
