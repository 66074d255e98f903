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

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 8 },
	default: 1,
	description:
		'How many date windows to read at once (1 to 8). The output is the same as reading them one by one, and Requests per Second still caps the whole run.',
};

/** Under Options of the operations that return calls with recording links. */
export const recordingOptions: INodeProperties[] = [
	{
		displayName: 'Download Recordings',
		name: 'downloadRecordings',
		type: 'boolean',
		default: false,
		description:
			"Whether to download each call's recording into the item's binary data, as a file named after the call ID with the recording's extension (such as 3f6c0a52.mp3). Calls without a recording pass through without one.",
	},
	{
		displayName: 'Put Recording in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description:
			'The name of the binary field to put the recording in (a VBot call with several: data, data_2, …)',
	},
	{
		displayName: 'Max Recording Size (MB)',
		name: 'maxRecordingMb',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 2048 },
		default: 200,
		description:
			'A recording larger than this is not downloaded: that call fails (or, with Continue On Fail, carries the error). A call recording is rarely over a few tens of MB.',
	},
	{
		displayName: 'Allow Recordings From Private Addresses',
		name: 'allowPrivateRecordings',
		type: 'boolean',
		default: false,
		description:
			"Whether to download recording links that point to this machine or a private network (127.0.0.1, 10.x, 192.168.x, …). Off, such links are refused: a link in the vendor's answer must not reach your own services.",
	},
];

/** n8n's usual Simplify switch, for every operation that returns calls. */
export function simplifyOption(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description:
			'Whether to return a simplified version of the response instead of the raw data: one shape for both platforms, and smaller: use it when an AI agent reads the output (see <a href="https://github.com/n8n-nodes-call-history/n8n-nodes-call-history#simplify" target="_blank">Simplify in the README</a>)',
	};
}

/** Retries, pacing and timeout: under Options of every operation, read by the transport. */
export const reliabilityOptions: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How many times to send a request again after a rate limit (HTTP 429, limit_request_30_minute, rate_limit_exceeded), an overloaded server (HTTP 502, 503, 504), a broken connection or a timeout. Waits grow exponentially, or as long as the vendor asks (Retry-After).',
	},
	{
		displayName: 'Max Total Retry Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600 },
		default: 60,
		description: 'The longest the node waits in all between the retries of one request',
	},
	{
		displayName: 'Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1000 },
		default: 10,
		description:
			'The most requests the node sends to the vendor per second, across all windows, pages and items of a run. 0 sends as fast as the vendor answers.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: 30,
		description: 'How long to wait for one answer before giving the request up (and retrying it)',
	},
];

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

/** The Options collection of one operation: its own options, then retries, pacing and timeout. */
export function optionsOf(
	show: Record<string, string[]>,
	operationOptions: INodeProperties[] = [],
): INodeProperties {
	return collectionOf('options', show, [...operationOptions, ...reliabilityOptions]);
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
