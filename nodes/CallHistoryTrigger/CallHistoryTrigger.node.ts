import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { packageInfo } from '../../common/platforms';
import { NODE_PACKAGE } from '../CallHistory/package';
import { sourcesOf } from '../CallHistory/packages/types';
import { triggerProperties } from './description';
import { pollNewCalls } from './poll';

const { trigger } = NODE_PACKAGE;

/** Each source by its name, as the subtitle shows it. */
const SOURCE_NAMES = Object.fromEntries(
	Object.entries(sourcesOf(NODE_PACKAGE)).map(([value, source]) => [value, source.name]),
);

export class CallHistoryTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: trigger.displayName,
		name: trigger.name,
		icon: {
			light: 'file:../../icons/callHistory.svg',
			dark: 'file:../../icons/callHistory.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: `={{ (${JSON.stringify(SOURCE_NAMES)})[$parameter["source"]] }}`,
		description: trigger.description,
		defaults: {
			name: trigger.displayName,
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
