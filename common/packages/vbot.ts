import { VBOT_CREDENTIALS } from '../../nodes/CallHistory/vendors/vbot/credentials';
import type { PackageInfo } from '../platforms';

/** n8n-nodes-vbot: VBot alone. */
export const PACKAGE: PackageInfo = {
	credentialType: 'vbotApi',
	credentialDisplayName: 'VBot API',
	documentationUrl:
		'https://github.com/n8n-nodes-call-history/n8n-nodes-call-history/tree/main/docs/packages/n8n-nodes-vbot#credentials',
	// Read when asked: a vendor's credentials module may be loaded first, and it loads this one.
	get vendors() {
		return [VBOT_CREDENTIALS];
	},
	ownDomainsOnly: true,
	readsPlatformFromBaseUrl: false,
};
