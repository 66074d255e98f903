import type { IPollFunctions } from 'n8n-workflow';
import { filtersOf } from '../../../CallHistoryTrigger/sources';
import { queryOf } from '../../fields/descriptions';
import { vbotCallResource } from './actions/vbotCall';
import { vbotCallLogResource } from './actions/vbotCallLog';
import { readCallLogQuery } from './callTypes';
import { callLogFilters, customerFields } from './filters';
import { requireCustomer } from './customer';
import type { VendorNode } from '../../packages/types';
import { callLogList } from './callLog';
import { historyList } from './history';

const customerValues = (context: IPollFunctions) =>
	Object.fromEntries(
		customerFields.map((field) => [field.name, context.getNodeParameter(field.name, '')]),
	);

/** VBot in the nodes: a customer's calls and the project's call log, as resources and sources. */
export const VBOT_NODE: VendorNode = {
	resources: [vbotCallResource, vbotCallLogResource],
	sources: {
		vbot: {
			name: 'VBot Customer History',
			description: "New calls in one customer's VBot call history",
			list: historyList,
			fields: customerFields,
			query(context, transport) {
				const customer = requireCustomer(context, transport.platform);
				return { qs: { ...queryOf(customerFields, customerValues(context)), ...customer } };
			},
			key: (context) => customerFields.map((field) => context.getNodeParameter(field.name, '')),
		},
		vbotCallLog: {
			name: 'VBot Call Log (Whole Project)',
			description: "New calls of the whole VBot project, in VBot v3's call log, with its filters",
			list: callLogList,
			filters: callLogFilters,
			query(context) {
				const own = readCallLogQuery(context);
				return {
					qs: { ...queryOf(callLogFilters, filtersOf(context)), ...own.qs },
					keep: own.keep,
				};
			},
			key: (context) => ({
				...queryOf(callLogFilters, filtersOf(context)),
				callType: filtersOf(context).callType,
				// Saved states from before Hotline Calls read every call, as its default does.
				...(filtersOf(context).hotlineScope === undefined ||
				filtersOf(context).hotlineScope === 'all'
					? {}
					: { hotlineScope: filtersOf(context).hotlineScope }),
			}),
		},
	},
};
