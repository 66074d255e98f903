import { MB, type RecordingSettings } from '../engine/recordings';
import type { TransportPolicy } from '../engine/transport';
import {
	maxRecordingMbOption,
	maxRetriesOption,
	maxRetryWaitOption,
	requestsPerSecondOption,
	timeoutOption,
} from './descriptions';
import { readOption, type ParameterContext } from './parameters';

/*
 * The node's options read into the plain values the engine takes: the engine reads no field, so
 * what a run is told (and each field's bounds, checked here) stays on this side.
 */

/** Max Retries, Max Total Retry Wait, Timeout and Requests per Second: how the transport sends. */
export const readTransportPolicy = (context: ParameterContext): TransportPolicy => ({
	maxRetries: readOption(context, maxRetriesOption),
	maxWaitMs: readOption(context, maxRetryWaitOption) * 1000,
	timeoutMs: readOption(context, timeoutOption) * 1000,
	perSecond: readOption(context, requestsPerSecondOption),
});

/**
 * Download Recordings' options (the binary field, Max Recording Size, private addresses allowed),
 * or nothing when Download Recordings is off.
 */
export function readRecordingSettings(context: ParameterContext): RecordingSettings | undefined {
	if (context.getNodeParameter('options.downloadRecordings', false) !== true) return undefined;
	const named = context.getNodeParameter('options.binaryPropertyName', 'data');
	return {
		property: typeof named === 'string' && named.trim() !== '' ? named.trim() : 'data',
		mostBytes: readOption(context, maxRecordingMbOption) * MB,
		allowPrivate: context.getNodeParameter('options.allowPrivateRecordings', false) === true,
	};
}

/** Simplify: whether to return the calls in the one simplified shape. */
export const readSimplify = (context: ParameterContext) =>
	context.getNodeParameter('simplify', false) === true;
