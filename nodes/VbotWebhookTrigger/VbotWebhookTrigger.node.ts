import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { packageInfo } from '../../common/platforms';
import { receiveEvent } from '../CallHistory/engine/webhooks';
import { optionsOf } from '../CallHistory/fields/descriptions';
import {
	eventRecordingOptions,
	eventSimplifyOption,
	includeUnknownOption,
	readEventSettings,
} from '../CallHistory/fields/webhookFields';
import {
	requireVbotCredential,
	takesUnknown,
	vbotEventProperties,
	vbotEventSource,
	vbotSenderRefusal,
} from '../CallHistory/vendors/vbot/webhook';

export class VbotWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VBot Webhook Trigger',
		name: 'vbotWebhookTrigger',
		icon: {
			light: 'file:../../icons/callHistory.svg',
			dark: 'file:../../icons/callHistory.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			"Starts the workflow when VBot sends a call event to the URL set in VBot's console",
		defaults: { name: 'VBot Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: packageInfo().credentialType, required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			...vbotEventProperties,
			eventSimplifyOption,
			optionsOf([includeUnknownOption, ...eventRecordingOptions]),
		],
	};

	// VBot has no API to register a webhook: activation only checks the credential is VBot's.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await requireVbotCredential(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await requireVbotCredential(this);
			},
			async delete(): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const refusal = await vbotSenderRefusal(this);
		if (refusal) return refusal;
		const around = { timezone: this.getTimezone(), baseUrl: '' };
		const settings = readEventSettings(this, takesUnknown);
		return await receiveEvent(this, vbotEventSource(around), settings);
	}
}
