import { OMICALL_NODE } from '../vendors/omicall/node';
import { VBOT_NODE } from '../vendors/vbot/node';
import type { NodePackage } from './types';

/** n8n-nodes-call-history: both vendors in one node, under the names saved workflows use. */
export const NODE_PACKAGE: NodePackage = {
	node: {
		name: 'callHistory',
		displayName: 'Call History',
		description: 'Read, annotate and report on call-center calls from OMICall or VBot',
	},
	trigger: {
		name: 'callHistoryTrigger',
		displayName: 'Call History Trigger',
		description: 'Starts the workflow once for every new call in OMICall or VBot',
	},
	vendors: [OMICALL_NODE, VBOT_NODE],
};
