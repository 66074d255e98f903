import { VBOT_CREDENTIALS } from '../../nodes/CallHistory/vendors/vbot/credentials';
import type { PackageInfo } from '../platforms';

/** n8n-nodes-vbot: VBot alone. */
export const PACKAGE: PackageInfo = {
	credentialType: 'vbotApi',
	credentialDisplayName: 'VBot API',
	documentationUrl:
		'https://github.com/n8n-nodes-call-history/n8n-nodes-call-history/tree/main/packages/vbot#credentials',
	vendors: [VBOT_CREDENTIALS],
	ownDomainsOnly: true,
};
