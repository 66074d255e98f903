import { resourceProperties } from '../../fields/descriptions';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** VBot Call Log: every call of the VBot project, through VBot v3. */
export const vbotCallLogDescription = resourceProperties('vbotCallLog', 'getMany', [
	getMany,
	count,
	get,
]);
