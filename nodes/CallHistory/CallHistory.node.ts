import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { packageInfo } from '../../common/platforms';
import { callDescription } from './actions/call';
import { vbotCallDescription } from './actions/vbotCall';
import { vbotCallLogDescription } from './actions/vbotCallLog';

export class CallHistory implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Call History',
		name: 'callHistory',
		icon: {
			light: 'file:../../icons/callHistory.svg',
			dark: 'file:../../icons/callHistory.dark.svg',
		},
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read, annotate and report on call-center calls from OMICall or VBot',
		defaults: {
			name: 'Call History',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: packageInfo().credentialType, required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl}}',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
			// The vendors document list parameters as `name[]=value`.
			arrayFormat: 'brackets',
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Call',
						value: 'call',
						description: "Calls of OMICall's Call History API",
					},
					{
						name: 'VBot Call',
						value: 'vbotCall',
						description: "A customer's call history in VBot's CRM API (v2, or v3 with an API key)",
					},
					{
						name: 'VBot Call Log',
						value: 'vbotCallLog',
						description: "Every call of the VBot project, in VBot v3's call log",
					},
				],
				default: 'call',
			},
			...callDescription,
			...vbotCallDescription,
			...vbotCallLogDescription,
		],
	};
}
