import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { malformedAnswer, type RequestPlace } from './envelope';
import { isObject } from './json';
import { callHistoryRecordings, withRecordings } from './recordings';
import { simplifiedIf, simplifyCallHistoryCall } from './simplify';
import { transportFor } from './transport';

/** Call › Get and Call › Update: one request, whose payload is the call. */
export async function sendForCall(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const operation =
		this.getNodeParameter('operation') === 'update' ? 'Call › Update' : 'Call › Get';
	const place: RequestPlace = { platform: 'callHistory', operation, timezone: this.getTimezone() };
	const transport = await transportFor(this);
	const call = await transport.api(requestData.options, place);
	if (!isObject(call)) {
		throw malformedAnswer(this.getNode(), place, 'has no call in its payload');
	}
	const output = await withRecordings(
		this,
		transport,
		[{ json: call }],
		callHistoryRecordings,
		place,
	);
	return simplifiedIf(this, output, simplifyCallHistoryCall);
}
