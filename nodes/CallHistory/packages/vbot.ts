import { VBOT_NODE } from '../vendors/vbot/node';
import type { NodePackage } from './types';

/** n8n-nodes-vbot: VBot alone. */
export const NODE_PACKAGE: NodePackage = {
	node: {
		name: 'vbot',
		displayName: 'VBot',
		description: "Read a customer's calls and the project's call log in VBot's CRM API",
	},
	trigger: {
		name: 'vbotTrigger',
		displayName: 'VBot Trigger',
		description: 'Starts the workflow once for every new call in VBot',
	},
	vendors: [VBOT_NODE],
};
