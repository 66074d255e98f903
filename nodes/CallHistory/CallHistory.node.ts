import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { packageInfo } from '../../common/platforms';
import { NODE_PACKAGE } from './package';
import { resourcesOf } from './packages/types';

const { node } = NODE_PACKAGE;
const resources = resourcesOf(NODE_PACKAGE);
const defaultResource = resources[0].option.value;

export class CallHistory implements INodeType {
	description: INodeTypeDescription = {
		displayName: node.displayName,
		name: node.name,
		icon: {
			light: 'file:../../icons/callHistory.svg',
			dark: 'file:../../icons/callHistory.dark.svg',
		},
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: node.description,
		defaults: {
			name: node.displayName,
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
				options: resources.map((resource) => resource.option),
				default: defaultResource,
			},
			...resources.flatMap((resource) => resource.properties),
		],
	};
}
