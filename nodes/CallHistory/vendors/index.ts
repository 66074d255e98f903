import type { CallList } from '../engine/vendor';
import { callList } from './omicall';
import { callLogList } from './vbotCallLog';
import { historyList } from './vbotHistory';

/**
 * The call lists of every vendor API, by the name a trigger Source (and a saved workflow) gives
 * them. A new vendor API is a module beside these and one more entry here.
 */
export const CALL_LISTS: Record<string, CallList> = {
	callHistory: callList,
	vbot: historyList,
	vbotCallLog: callLogList,
};
