import { resourceProperties, type NodeResource } from '../../../../fields/descriptions';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** VBot Call Log: every call of the VBot project, through VBot v3. */
export const vbotCallLogResource: NodeResource = {
	option: {
		name: 'VBot Call Log',
		value: 'vbotCallLog',
		description: "Every call of the VBot project, in VBot v3's call log",
	},
	properties: resourceProperties('vbotCallLog', 'getMany', [getMany, count, get]),
};
