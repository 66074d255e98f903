import type { IDataObject } from 'n8n-workflow';
import { readRequiredText, type ParameterContext } from '../../fields/parameters';

/**
 * Refuses, before any request, a VBot customer VBot cannot look up: the phone always, and for
 * VBot v2 (`platform`) its VBot ID and project code too. Answers the query to lay over the
 * fields' routing: VBot v3 has no VBot ID or project code, so they are not sent (a query value
 * left undefined is not sent) even when filled in.
 */
export function requireCustomer(context: ParameterContext, platform: string): IDataObject {
	const needed: Array<[string, string, string]> = [
		['vbotId', 'VBot ID', "The customer's VBot ID"],
		['projectCode', 'Project Code', 'The code of the VBot project (group)'],
		['phone', 'Phone', "The customer's phone number"],
	];
	const v2 = platform === 'vbot';
	for (const [name, label, what] of v2 ? needed : needed.slice(2)) {
		readRequiredText(
			context,
			name,
			label,
			`VBot needs ${label} for every call-history request. ${what}.`,
		);
	}
	return v2 ? {} : { vbot_id: undefined, project_code: undefined };
}
