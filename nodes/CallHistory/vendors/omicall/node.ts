import { filtersOf } from '../../../CallHistoryTrigger/sources';
import { queryOf } from '../../fields/descriptions';
import { callResource } from './actions/call';
import { callFilters } from './filters';
import type { VendorNode } from '../../packages/types';
import { callList } from './api';

/** OMICall in the nodes: the Call resource, and its list as the trigger's source. */
export const OMICALL_NODE: VendorNode = {
	resources: [callResource],
	sources: {
		callHistory: {
			name: 'Call History (OMICall)',
			description: "New calls in OMICall's Call History API, with the list's filters",
			list: callList,
			filters: callFilters,
			query: (context) => ({ qs: queryOf(callFilters, filtersOf(context)) }),
			key: (context) => queryOf(callFilters, filtersOf(context)),
		},
	},
};
