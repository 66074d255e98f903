import { OMICALL_CREDENTIALS } from '../../nodes/CallHistory/vendors/omicall/credentials';
import type { PackageInfo } from '../platforms';

/** n8n-nodes-omicall: OMICall alone. */
export const PACKAGE: PackageInfo = {
	credentialType: 'omiCallApi',
	credentialDisplayName: 'OMICall API',
	documentationUrl:
		'https://github.com/n8n-nodes-call-history/n8n-nodes-call-history/tree/main/docs/packages/n8n-nodes-omicall#credentials',
	// Read when asked: a vendor's credentials module may be loaded first, and it loads this one.
	get vendors() {
		return [OMICALL_CREDENTIALS];
	},
	ownDomainsOnly: true,
	readsPlatformFromBaseUrl: false,
};
