import type { INodeProperties } from 'n8n-workflow';
import type { EventSettings } from '../engine/webhooks';
import { simplifyOption } from './descriptions';
import type { ParameterContext } from './parameters';

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

/** The events picked, Simplify and Include Unknown Events; `takesUnknown` for a vendor's own say. */
export function readEventSettings(
	context: ParameterContext,
	takesUnknown: (picked: string[]) => boolean = () => false,
): EventSettings {
	const picked = context.getNodeParameter('events', []) as string[];
	return {
		picked,
		simplify: context.getNodeParameter('simplify', true) === true,
		includeUnknown:
			context.getNodeParameter('options.includeUnknown', false) === true || takesUnknown(picked),
	};
}
