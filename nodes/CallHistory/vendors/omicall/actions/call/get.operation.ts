import {
	updateDisplayOptions,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { isObject } from '../../../../../../common/json';
import { malformedAnswer } from '../../../../engine/errors';
import { requirePlatform } from '../../../../engine/operation';
import { withRecordings } from '../../../../engine/recordings';
import { simplifiedIf } from '../../../../engine/simple';
import { transportFor } from '../../../../engine/transport';
import {
	optionsOf,
	recordingOptions,
	runThrough,
	simplifyOption,
} from '../../../../fields/descriptions';
import { setPathSegment } from '../../../../fields/parameters';
import {
	readRecordingSettings,
	readSimplify,
	readTransportPolicy,
} from '../../../../fields/settings';
import { callList, DETAIL_PATH, omicallApi } from '../../api';

/** Transaction ID, put into the request's path as one segment (Get and Update). */
export const transactionIdField: INodeProperties = {
	displayName: 'Transaction ID',
	name: 'transactionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '2159f8d9-5a6e-440f-8995-8d0f55c1a2b3',
	description: 'The transaction_id of the call, as Get Many returns it (with Simplify on, its ID)',
	routing: {
		send: {
			preSend: [
				setPathSegment(
					'transactionId',
					'Transaction ID',
					'Give the transaction_id of a call, e.g. from the output of Get Many.',
				),
			],
		},
	},
};

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['get'] } },
	[transactionIdField, simplifyOption, optionsOf(recordingOptions)],
);

/**
 * Call › Get and Call › Update: one request, whose payload is the call, with its recordings and
 * Simplify on top.
 */
export async function sendForCall(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const transport = await transportFor(this, readTransportPolicy(this));
	requirePlatform(this.getNode(), transport, omicallApi.platforms, 'Call operations read');
	const operation =
		this.getNodeParameter('operation') === 'update' ? 'Call › Update' : 'Call › Get';
	const place = { api: omicallApi, operation, timezone: this.getTimezone() };
	const call = await transport.api(requestData.options, place);
	if (!isObject(call)) throw malformedAnswer(this.getNode(), place, 'has no call in its payload');
	const recordings = readRecordingSettings(this);
	const output = await withRecordings(
		this,
		transport,
		[{ json: call }],
		callList.record,
		place,
		recordings,
	);
	const around = { timezone: place.timezone, baseUrl: transport.baseUrl };
	return simplifiedIf(readSimplify(this), output, callList.record.simplify, around);
}

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a call',
	description: 'Get one call by its transaction ID',
	routing: runThrough('GET', DETAIL_PATH, sendForCall),
};
