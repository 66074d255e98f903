import { resourceProperties } from '../../fields/descriptions';
import * as count from './count.operation';
import * as getMany from './getMany.operation';

/** VBot Call: a VBot customer's call history, through VBot v2 or v3. */
export const vbotCallDescription = resourceProperties('vbotCall', 'getMany', [getMany, count]);
