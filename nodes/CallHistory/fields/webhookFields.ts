import type { INodeProperties } from 'n8n-workflow';
import type { EventSettings } from '../engine/webhooks';
import { downloadRecordingsOption, recordingBoundOptions, simplifyOption } from './descriptions';
import type { ParameterContext } from './parameters';
import { readRecordingSettings, readTransportPolicy } from './settings';

/** Simplify for an event: on unless switched off, as a CRM workflow wants the call. */
export const eventSimplifyOption: INodeProperties = { ...simplifyOption, default: true };

export const includeUnknownOption: INodeProperties = {
	displayName: 'Include Unknown Events',
	name: 'includeUnknown',
	type: 'boolean',
	default: false,
	description:
		'Whether a body that is no known event of the vendor starts the workflow, as event "unknown" with the body as it came',
};

/** Download Recordings for events, with the Call operations' field, bounds and addresses. */
export const eventRecordingOptions: INodeProperties[] = [
	{
		...downloadRecordingsOption,
		description:
			"Whether to download the recording of an event that carries one into the item's binary data, named after the call ID, as the node's Download Recordings does. One that cannot be downloaded leaves the event as it came, with recordingError saying why. The vendor is answered once the download is over (each attempt cut off at Timeout).",
	},
	...recordingBoundOptions,
];

/**
 * The events picked, Simplify, Include Unknown Events and Download Recordings (with the transport's
 * policy, as the Call operations read it); `takesUnknown` for a vendor's own say.
 */
export function readEventSettings(
	context: ParameterContext,
	takesUnknown: (picked: string[]) => boolean = () => false,
): EventSettings {
	const picked = context.getNodeParameter('events', []) as string[];
	const recordings = readRecordingSettings(context);
	return {
		picked,
		simplify: context.getNodeParameter('simplify', true) === true,
		includeUnknown:
			context.getNodeParameter('options.includeUnknown', false) === true || takesUnknown(picked),
		recordings: recordings && { settings: recordings, policy: readTransportPolicy(context) },
	};
}
