import { OMICALL_CREDENTIALS } from '../../nodes/CallHistory/vendors/omicall/credentials';
import { VBOT_CREDENTIALS } from '../../nodes/CallHistory/vendors/vbot/credentials';
import type { PackageInfo } from '../platforms';

/** n8n-nodes-call-history: both vendors, one node; the names saved workflows and credentials use. */
export const PACKAGE: PackageInfo = {
	credentialType: 'callHistoryApi',
	credentialDisplayName: 'OMICall / VBot Call History API',
	documentationUrl: 'https://github.com/n8n-nodes-call-history/n8n-nodes-call-history#credentials',
	// Read when asked: a vendor's credentials module may be loaded first, and it loads this one.
	get vendors() {
		return [OMICALL_CREDENTIALS, VBOT_CREDENTIALS];
	},
	ownDomainsOnly: false,
	readsPlatformFromBaseUrl: true,
};
