import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';
import { formatInstant, parseDate } from './dates';
import { cutWindows, DAY_MS, type DateWindow } from './windows';

/** What reading parameters needs of a node: the action node's items or the trigger's polls. */
export type ParameterContext = Pick<
	IExecuteSingleFunctions,
	'getNode' | 'getNodeParameter' | 'getTimezone'
>;

/** The longest range one run reads: a year, leap day included. */
const MAX_RANGE_DAYS = 366;

const DATE_FORMS =
	'Use the date picker, an ISO 8601 date-time such as 2026-01-31T08:00:00+07:00, or epoch milliseconds.';

export function readDate(context: ParameterContext, name: string, label: string): number {
	const parsed = parseDate(context.getNodeParameter(name, ''), context.getTimezone());
	if (parsed.kind === 'empty') {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, {
			description: `${label} is required. ${DATE_FORMS}`,
		});
	}
	if (parsed.kind === 'invalid') {
		throw new NodeOperationError(
			context.getNode(),
			`${label} is not a valid date: ${parsed.reason}`,
			{
				description: DATE_FORMS,
			},
		);
	}
	return parsed.ms;
}

/** A whole-number parameter within [min, max]; the editor enforces this too, an expression does not. */
export function readWholeNumber(
	context: ParameterContext,
	path: string,
	label: string,
	range: { min: number; max?: number; fallback: number },
): number {
	const { min, max = Infinity, fallback } = range;
	const value = context.getNodeParameter(path, fallback);
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		const bounds = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
		throw new NodeOperationError(context.getNode(), `${label} must be a whole number ${bounds}`, {
			description: `It is ${JSON.stringify(value)}.`,
		});
	}
	return number;
}

/** From Date and To Date as epoch milliseconds, both inclusive. */
function readDateRange(context: ParameterContext): { from: number; to: number } {
	const from = readDate(context, 'fromDate', 'From Date');
	const to = readDate(context, 'toDate', 'To Date');
	if (from > to) {
		const timezone = context.getTimezone();
		throw new NodeOperationError(context.getNode(), 'From Date is after To Date: swap them', {
			description: `From Date is ${formatInstant(from, timezone)} and To Date is ${formatInstant(to, timezone)}. Swap them, or fix the range.`,
		});
	}
	if (to - from >= MAX_RANGE_DAYS * DAY_MS) {
		const days = Math.ceil((to - from) / DAY_MS);
		throw new NodeOperationError(
			context.getNode(),
			`The date range is ${days} days long, more than ${MAX_RANGE_DAYS}: narrow From Date and To Date to ${MAX_RANGE_DAYS} days or less`,
			{
				description: `One run reads at most ${MAX_RANGE_DAYS} days of calls. Narrow From Date and To Date, or split the workflow into runs of a year or less (e.g. one per quarter).`,
			},
		);
	}
	return { from, to };
}

/** Options › Days per Request, in milliseconds: the longest window one request asks for. */
export function readWindowMs(context: ParameterContext): number {
	const windowDays = readWholeNumber(context, 'options.windowDays', 'Days per Request', {
		min: 1,
		max: 30,
		fallback: 3,
	});
	return windowDays * DAY_MS;
}

/** The windows to ask for: From Date to To Date cut by Days per Request (options.windowDays). */
export function readWindows(context: ParameterContext): DateWindow[] {
	const { from, to } = readDateRange(context);
	return cutWindows(from, to, readWindowMs(context));
}

/** How many results to return: every one (Return All), or at most Limit. */
export function readLimit(context: ParameterContext): number {
	if (context.getNodeParameter('returnAll', false) === true) return Infinity;
	return readWholeNumber(context, 'limit', 'Limit', { min: 1, fallback: 50 });
}

function readText(context: ParameterContext, name: string): string {
	const value = context.getNodeParameter(name, '');
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** A text parameter, trimmed; empty (or whitespace) is refused with `fix` as the description. */
export function readRequiredText(
	context: ParameterContext,
	name: string,
	label: string,
	fix: string,
): string {
	const text = readText(context, name);
	if (text === '') {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, { description: fix });
	}
	return text;
}

/** A preSend check that a text parameter is filled in (whitespace does not count). */
export function requireText(name: string, label: string, fix: string) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		readRequiredText(this, name, label, fix);
		return requestOptions;
	};
}

/**
 * Puts the transaction ID into the request's path as one encoded segment, so a value such as
 * `../x` cannot change which endpoint is called.
 */
export async function setTransactionPath(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const id = readText(this, 'transactionId');
	if (id === '' || id === '.' || id === '..') {
		throw new NodeOperationError(
			this.getNode(),
			id === '' ? 'Transaction ID is empty' : `Transaction ID "${id}" is not a valid ID`,
			{ description: 'Give the transaction_id of a call, e.g. from the output of Get Many.' },
		);
	}
	return { ...requestOptions, url: `${requestOptions.url}/${encodeURIComponent(id)}` };
}

/**
 * Sends Tags as the body's `tag` array. Text is split at commas; an expression may give an array
 * of strings. Empty text leaves the call's tags as they are; an empty array clears them.
 */
export async function setTags(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const value = this.getNodeParameter('tags', '');
	let tags: string[];
	if (Array.isArray(value)) {
		const wrong = value.findIndex((tag) => typeof tag !== 'string');
		if (wrong !== -1) {
			throw new NodeOperationError(this.getNode(), 'Tags must be text', {
				description: `Item ${wrong} of the Tags array is a ${typeof value[wrong]} (${JSON.stringify(value[wrong])}). Give an array of strings, or comma-separated text.`,
			});
		}
		tags = (value as string[]).map((tag) => tag.trim()).filter((tag) => tag !== '');
	} else if (typeof value === 'string') {
		tags = value
			.split(',')
			.map((tag) => tag.trim())
			.filter((tag) => tag !== '');
		if (tags.length === 0) return requestOptions;
	} else {
		throw new NodeOperationError(this.getNode(), 'Tags must be text', {
			description: `Tags is a ${typeof value}. Give comma-separated text, or an array of strings.`,
		});
	}
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), tag: tags } };
}

/** Options › Concurrency: how many date windows Get Many and Get Report read at once. */
export function readConcurrency(context: ParameterContext): number {
	return readWholeNumber(context, 'options.concurrency', 'Concurrency', {
		min: 1,
		max: 8,
		fallback: 1,
	});
}
