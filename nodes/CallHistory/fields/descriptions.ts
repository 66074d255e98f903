import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyRouting,
} from 'n8n-workflow';
import { DEFAULT_RETRIES, DEFAULT_RETRY_WAIT_S, DEFAULT_TIMEOUT_S } from '../../../common/http';

/** Comma-separated text, or an array from an expression, as a query array (`name[]=…`); none when empty. */
export function listOf(value: unknown): string[] | undefined {
	const list = Array.isArray(value) ? value : String(value).split(',');
	const texts = list.map((v) => String(v).trim()).filter((v) => v !== '');
	return texts.length > 0 ? texts : undefined;
}

/** Text trimmed, and none when blank. */
export function textOf(value: unknown): string | undefined {
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

type Shape = (value: unknown) => unknown;
type PreSend = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** Each reshaping preSend's query parameter and shape, for queryOf. */
const SHAPES = new WeakMap<PreSend, Shape>();

/**
 * A field's routing that sends its value as query parameter `property`, shaped by `shape` (none
 * when it gives undefined). RoutingNode puts the value as the field holds it; the preSend shapes
 * it, with the same function the trigger's queryOf applies, so both send the same query.
 */
export function sendsQuery(property: string, shape: Shape): INodePropertyRouting {
	const reshape: PreSend = async function (requestOptions) {
		const qs = { ...(requestOptions.qs ?? {}) };
		if (!(property in qs)) return requestOptions;
		const sent = shape(qs[property]);
		if (sent === undefined) delete qs[property];
		else qs[property] = sent;
		return { ...requestOptions, qs };
	};
	SHAPES.set(reshape, shape);
	return { send: { type: 'query', property, preSend: [reshape] } };
}

/** `values` of `fields` as the query parameters their routing names, shaped as the node sends them. */
export function queryOf(fields: INodeProperties[], values: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const field of fields) {
		const send = field.routing?.send;
		if (send?.property === undefined || values[field.name] === undefined) continue;
		const shaping = send.preSend?.map((preSend) => SHAPES.get(preSend as PreSend)).find(Boolean);
		const shape = shaping ?? ((value: unknown) => value);
		const value = shape(values[field.name]);
		if (value !== undefined) qs[send.property] = value as IDataObject[keyof IDataObject];
	}
	return qs;
}

export const returnAllOption: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitOption: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	displayOptions: { show: { returnAll: [false] } },
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
};

/** From Date and To Date of an operation that reads a date range. */
export const dateRangeFields: INodeProperties[] = [
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Start of the range, inclusive. A date-time without an offset is read in the workflow's time zone; an expression may give an ISO 8601 date-time with its offset, e.g. 2026-01-31T08:00:00+07:00 for Vietnam time, or epoch milliseconds.",
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'End of the range, inclusive to the millisecond, e.g. 2026-01-31T23:59:59+07:00. Read like From Date; at most 366 days after it.',
	},
];

/** Days per Request of a list read by date window: its default and what its API allows. */
export function windowDaysOption({
	defaultDays,
	about,
}: {
	defaultDays: number;
	about: string;
}): INodeProperties {
	return {
		displayName: 'Days per Request',
		name: 'windowDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 30 },
		default: defaultDays,
		description: `How many days one request may cover. A longer range is split into consecutive windows of this size. ${about}`,
	};
}

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 8 },
	default: 1,
	description:
		'How many date windows to read at once (1 to 8). The output is the same as reading them one by one, and Requests per Second still caps the whole run.',
};

export const maxRecordingMbOption: INodeProperties = {
	displayName: 'Max Recording Size (MB)',
	name: 'maxRecordingMb',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 2048 },
	default: 200,
	description:
		"The most a call's recordings may take together (a call can have several): past it they are not downloaded, and the call's download fails as a broken link's does. A call recording is rarely over a few tens of MB.",
};

export const downloadRecordingsOption: INodeProperties = {
	displayName: 'Download Recordings',
	name: 'downloadRecordings',
	type: 'boolean',
	default: false,
	description:
		"Whether to download each call's recording into the item's binary data, as a file named after the call ID with the recording's extension (such as 3f6c0a52.mp3). Calls without a recording pass through without one.",
};

/** How Download Recordings downloads: into which field, how much, from which addresses. */
export const recordingBoundOptions: INodeProperties[] = [
	{
		displayName: 'Put Recording in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description:
			'The name of the binary field to put the recording in (a call with several: data, data_2, …)',
	},
	maxRecordingMbOption,
	{
		displayName: 'Allow Recordings From Private Addresses',
		name: 'allowPrivateRecordings',
		type: 'boolean',
		default: false,
		description:
			"Whether to download recording links that point to this machine or a private network (127.0.0.1, 10.x, 192.168.x, …). Off, such links are refused: a link in the vendor's answer must not reach your own services.",
	},
];

/** Under Options of the operations that return calls with recordings. */
export const recordingOptions: INodeProperties[] = [
	downloadRecordingsOption,
	...recordingBoundOptions,
];

/** n8n's usual Simplify switch, for every operation that returns calls. */
export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a simplified version of the response instead of the raw data: one shape for every platform, and smaller: use it when an AI agent reads the output (see <a href="https://github.com/n8n-nodes-call-history/n8n-nodes-call-history#simplify" target="_blank">Simplify in the README</a>)',
};

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: DEFAULT_RETRIES,
	description:
		'How many times to send a request again after a rate limit (HTTP 429, rate_limit_exceeded), an overloaded server (HTTP 502, 503, 504), a broken connection or a timeout. Waits grow exponentially, or as long as the vendor asks (Retry-After).',
};

export const maxRetryWaitOption: INodeProperties = {
	displayName: 'Max Total Retry Wait (Seconds)',
	name: 'maxRetryWait',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 3600 },
	default: DEFAULT_RETRY_WAIT_S,
	description: 'The longest the node waits in all between the retries of one request',
};

export const requestsPerSecondOption: INodeProperties = {
	displayName: 'Requests per Second',
	name: 'requestsPerSecond',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1000 },
	default: 10,
	description:
		'The most requests the node sends to the vendor per second, across all windows, pages and items of a run. 0 sends as fast as the vendor answers.',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: DEFAULT_TIMEOUT_S,
	description:
		'The deadline of one exchange with the vendor, headers and body together; past it the request is cut off (and retried)',
};

/** Retries, pacing and timeout: under Options of every operation, read by the transport. */
export const reliabilityOptions: INodeProperties[] = [
	maxRetriesOption,
	maxRetryWaitOption,
	requestsPerSecondOption,
	timeoutOption,
];

/** The Options or Filters collection of one operation. */
export function collectionOf(
	kind: 'options' | 'filters',
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: kind === 'options' ? 'Options' : 'Filters',
		name: kind,
		type: 'collection',
		placeholder: kind === 'options' ? 'Add Option' : 'Add Filter',
		default: {},
		options,
	};
}

/** The Options collection of one operation: its own options, then retries, pacing and timeout. */
export const optionsOf = (operationOptions: INodeProperties[] = []): INodeProperties =>
	collectionOf('options', [...operationOptions, ...reliabilityOptions]);

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
		routing: sendsQuery(wireName, textOf),
	};
}

/** A number filter sent as query parameter `wireName`, and not at all when left out. */
export function numberFilter(
	name: string,
	displayName: string,
	wireName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		// What the vendor reads as no bound.
		default: -1,
		description,
		routing: { send: { type: 'query', property: wireName } },
	};
}

/** The run of an operation whose requests the node makes itself (see runThrough). */
export type OperationRunner = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * The routing of an operation whose requests the node makes itself. `run` is set as a custom
 * pagination function, RoutingNode's only hook around a request, even for single-request
 * operations: the one transport has to see every answer.
 */
export function runThrough(
	method: IHttpRequestMethods,
	url: string,
	run: OperationRunner,
): INodePropertyRouting {
	return { request: { method, url }, send: { paginate: true }, operations: { pagination: run } };
}

/** One operation of a resource, as its `<op>.operation.ts` exports it. */
export interface OperationModule {
	option: INodePropertyOptions;
	description: INodeProperties[];
}

/** A resource's Operation selector (its options in the order of their names), then each operation's fields. */
/** A resource of the node: its option in Resource, and its operations' fields. */
export interface NodeResource {
	option: INodePropertyOptions;
	properties: INodeProperties[];
}

export function resourceProperties(
	resource: string,
	defaultOperation: string,
	operations: OperationModule[],
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations
				.map((operation) => operation.option)
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...operations.flatMap((operation) => operation.description),
	];
}

/** The fields of an operation over a date range: From Date, To Date, Filters, and Options. */
export const rangeFields = (filters: INodeProperties[], windowDays: INodeProperties) => [
	...dateRangeFields,
	collectionOf('filters', filters),
	optionsOf([windowDays, concurrencyOption]),
];

/** The fields of a Get Many over a date range: the range's, Return All and Limit, Simplify, recordings. */
export const listedRangeFields = (
	filters: INodeProperties[],
	windowDays: INodeProperties,
	pageSize: INodeProperties,
) => [
	...dateRangeFields,
	returnAllOption,
	limitOption,
	collectionOf('filters', filters),
	simplifyOption,
	optionsOf([windowDays, concurrencyOption, pageSize, ...recordingOptions]),
];
