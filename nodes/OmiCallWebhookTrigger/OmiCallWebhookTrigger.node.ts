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
	omicallEventProperties,
	omicallEventSource,
	omicallWebhookExists,
	registerOmicallWebhook,
	removeOmicallWebhook,
} from '../CallHistory/vendors/omicall/webhook';

export class OmiCallWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OMICall Webhook Trigger',
		name: 'omiCallWebhookTrigger',
		icon: {
			light: 'file:../../icons/callHistory.svg',
			dark: 'file:../../icons/callHistory.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when OMICall sends a call event: ringing, answered, hangup',
		defaults: { name: 'OMICall Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: packageInfo().credentialType, required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			...omicallEventProperties,
			eventSimplifyOption,
			optionsOf([includeUnknownOption, ...eventRecordingOptions]),
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await omicallWebhookExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerOmicallWebhook(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeOmicallWebhook(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const around = { timezone: this.getTimezone(), baseUrl: '' };
		return await receiveEvent(this, omicallEventSource(around), readEventSettings(this));
	}
}
