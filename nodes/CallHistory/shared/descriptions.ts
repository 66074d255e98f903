import type { INodeProperties } from 'n8n-workflow';

/** Comma-separated text, or an array from an expression, sent as a query array (`name[]=…`). */
export const LIST_VALUE =
	'={{ (Array.isArray($value) ? $value : String($value).split(",")).map((v) => String(v).trim()).filter((v) => v !== "") }}';

/** Text sent trimmed, and not at all when blank. */
export const TEXT_VALUE = '={{ String($value).trim() === "" ? undefined : String($value).trim() }}';

export function returnAllAndLimit(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

export const windowDaysOption: INodeProperties = {
	displayName: 'Days per Request',
	name: 'windowDays',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 30 },
	default: 3,
	description:
		'How many days one request may cover. A longer range is split into consecutive windows of this size. The vendor refuses longer windows with date_is_too_long: its 2021 documentation allows 3 days, accounts since 2023 allow up to 30.',
};
