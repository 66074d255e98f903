import { resourceProperties, type NodeResource } from '../../../../fields/descriptions';
import * as count from './count.operation';
import * as getMany from './getMany.operation';

/** VBot Call: a VBot customer's call history, through VBot v2 or v3. */
export const vbotCallResource: NodeResource = {
	option: {
		name: 'VBot Call',
		value: 'vbotCall',
		description: "A customer's call history in VBot's CRM API (v2, or v3 with an API key)",
	},
	properties: resourceProperties('vbotCall', 'getMany', [getMany, count]),
};
