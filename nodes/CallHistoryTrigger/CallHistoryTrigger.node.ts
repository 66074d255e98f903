import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { packageInfo } from '../../common/platforms';
import { triggerProperties } from './description';
import { pollNewCalls } from './poll';

export class CallHistoryTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Call History Trigger',
		name: 'callHistoryTrigger',
		icon: {
			light: 'file:../../icons/callHistory.svg',
			dark: 'file:../../icons/callHistory.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({ callHistory: "Call History", vbot: "VBot customer history", vbotCallLog: "VBot call log" })[$parameter["source"]] }}',
		description: 'Starts the workflow once for every new call in OMICall or VBot',
		defaults: {
			name: 'Call History Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: packageInfo().credentialType, required: true }],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollNewCalls(this);
	}
}
