import type { IExecutePaginationFunctions } from 'n8n-workflow';
import type { Transport } from '../../engine/transport';
import { readRequiredText } from '../../fields/parameters';

/**
 * Refuses, before any request, a customer VBot cannot look up: the phone always, and with a VBot
 * v2 credential its VBot ID and project code too.
 */
export function requireCustomer(context: IExecutePaginationFunctions, transport: Transport): void {
	const needed: Array<[string, string, string]> = [
		['vbotId', 'VBot ID', "The customer's VBot ID"],
		['projectCode', 'Project Code', 'The code of the VBot project (group)'],
		['phone', 'Phone', "The customer's phone number"],
	];
	for (const [name, label, what] of transport.platform === 'vbot' ? needed : needed.slice(2)) {
		readRequiredText(
			context,
			name,
			label,
			`VBot needs ${label} for every call-history request. ${what}.`,
		);
	}
}
