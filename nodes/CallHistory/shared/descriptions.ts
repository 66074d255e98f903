import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';

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

/** The Options or Filters collection of one operation. */
export function collectionOf(
	kind: 'options' | 'filters',
	show: Record<string, string[]>,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: kind === 'options' ? 'Options' : 'Filters',
		name: kind,
		type: 'collection',
		placeholder: kind === 'options' ? 'Add Option' : 'Add Filter',
		displayOptions: { show },
		default: {},
		options,
	};
}

export function pageSizeOption(max: number, description: string): INodeProperties {
	return {
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max },
		default: 50,
		description,
	};
}

/** A text filter sent as query parameter `wireName`, trimmed, and not at all when blank. */
export function textFilter(
	name: string,
	displayName: string,
	wireName: string,
	description: string,
	placeholder = '',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		description,
		routing: { send: { type: 'query', property: wireName, value: TEXT_VALUE } },
	};
}

export const agentExtensionFilter = textFilter(
	'sipUser',
	'Agent Extension',
	'sip_user',
	'Only calls of the agent with this extension (SIP user)',
	'101',
);

type OperationRunner = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * The routing of an operation whose requests the node makes itself. `run` is set as a custom
 * pagination function, RoutingNode's only hook around a request, even for single-request
 * operations: the shared transport has to see every answer.
 */
export function runThrough(
	method: IHttpRequestMethods,
	url: string,
	run: OperationRunner,
): INodePropertyRouting {
	return { request: { method, url }, send: { paginate: true }, operations: { pagination: run } };
}
