import { OMICALL_NODE } from '../vendors/omicall/node';
import type { NodePackage } from './types';

/** n8n-nodes-omicall: OMICall alone. */
export const NODE_PACKAGE: NodePackage = {
	node: {
		name: 'omiCall',
		displayName: 'OMICall',
		description: "Read, annotate and report on the calls of OMICall's Call History API",
	},
	trigger: {
		name: 'omiCallTrigger',
		displayName: 'OMICall Trigger',
		description: 'Starts the workflow once for every new call in OMICall',
	},
	vendors: [OMICALL_NODE],
};
