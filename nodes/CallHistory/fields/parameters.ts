import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeProperties,
} from 'n8n-workflow';
import { formatInstant, parseDate } from '../engine/dates';
import { cutWindows, DAY_MS, type DateWindow } from '../engine/windows';
import { inputChecks, MOST_RANGE_DAYS } from './checks';
import { concurrencyOption, limitOption } from './descriptions';

/** What reading parameters needs of a node: the action node's items or the trigger's polls. */
export type ParameterContext = Pick<
	IExecuteSingleFunctions,
	'getNode' | 'getNodeParameter' | 'getTimezone'
>;

const DATE_FORMS =
	'Use the date picker, an ISO 8601 date-time such as 2026-01-31T08:00:00+07:00, or epoch milliseconds.';

export function readDate(context: ParameterContext, name: string, label: string): number {
	const parsed = parseDate(context.getNodeParameter(name, ''), context.getTimezone());
	if (!inputChecks.dateGiven(parsed.kind)) {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, {
			description: `${label} is required. ${DATE_FORMS}`,
		});
	}
	if (!inputChecks.dateReadable(parsed.kind)) {
		throw new NodeOperationError(
			context.getNode(),
			`${label} is not a valid date: ${parsed.kind === 'invalid' ? parsed.reason : ''}`,
			{ description: DATE_FORMS },
		);
	}
	return parsed.kind === 'date' ? parsed.ms : NaN;
}

/** A label without its unit: "Timeout (Seconds)" is "Timeout" in a sentence. */
export const labelOf = (property: INodeProperties) =>
	property.displayName.replace(/ \([^)]*\)$/, '');

/**
 * A whole-number parameter within the bounds its description gives the editor (`typeOptions`),
 * its default when unset: the editor enforces the bounds too, an expression does not. `path` is
 * where it lives (e.g. `options.timeout`), its name by default.
 */
export function readWholeNumber(
	context: ParameterContext,
	property: INodeProperties,
	path = property.name,
): number {
	const min = property.typeOptions?.minValue ?? -Infinity;
	const max = property.typeOptions?.maxValue ?? Infinity;
	const value = context.getNodeParameter(path, property.default);
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		const bounds = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
		throw new NodeOperationError(
			context.getNode(),
			`${labelOf(property)} must be a whole number ${bounds}`,
			{ description: `It is ${JSON.stringify(value)}.` },
		);
	}
	return number;
}

/** An option under Options, read as `readWholeNumber` says. */
export const readOption = (context: ParameterContext, property: INodeProperties) =>
	readWholeNumber(context, property, `options.${property.name}`);

/** From Date and To Date as epoch milliseconds, both inclusive. */
export function readDateRange(context: ParameterContext): DateWindow {
	const from = readDate(context, 'fromDate', 'From Date');
	const to = readDate(context, 'toDate', 'To Date');
	const timezone = context.getTimezone();
	if (!inputChecks.datesInOrder(from, to)) {
		throw new NodeOperationError(context.getNode(), 'From Date is after To Date: swap them', {
			description: `From Date is ${formatInstant(from, timezone)} and To Date is ${formatInstant(to, timezone)}. Swap them, or fix the range.`,
		});
	}
	if (!inputChecks.rangeWithinLimit(from, to)) {
		const days = Math.ceil((to - from) / DAY_MS);
		throw new NodeOperationError(
			context.getNode(),
			`The date range is ${days} days long, more than ${MOST_RANGE_DAYS}: narrow From Date and To Date to ${MOST_RANGE_DAYS} days or less`,
			{
				description: `One run reads at most ${MOST_RANGE_DAYS} days of calls. Narrow From Date and To Date, or split the workflow into runs of a year or less (e.g. one per quarter).`,
			},
		);
	}
	return { from, to };
}

/** Days per Request (its property: the API's own bounds and default), in milliseconds. */
export const readWindowMs = (context: ParameterContext, windowDays: INodeProperties) =>
	readOption(context, windowDays) * DAY_MS;

/** The windows to ask for: From Date to To Date cut by Days per Request, newest first. */
export function readWindows(context: ParameterContext, windowDays: INodeProperties): DateWindow[] {
	const { from, to } = readDateRange(context);
	return cutWindows(from, to, readWindowMs(context, windowDays));
}

/** How many results to return: every one (Return All), or at most Limit. */
export function readLimit(context: ParameterContext): number {
	if (context.getNodeParameter('returnAll', false) === true) return Infinity;
	return readWholeNumber(context, limitOption);
}

/** Options › Concurrency: how many date windows to read at once. */
export const readConcurrency = (context: ParameterContext) =>
	readOption(context, concurrencyOption);

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
	if (!inputChecks.textGiven(text)) {
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
 * A preSend that puts the text parameter `name` into the request's path as one encoded segment,
 * so a value such as `../x` cannot change which endpoint is called.
 */
export function setPathSegment(name: string, label: string, fix: string) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const id = readText(this, name);
		if (!inputChecks.pathSegment(id)) {
			throw new NodeOperationError(
				this.getNode(),
				id === '' ? `${label} is empty` : `${label} "${id}" is not a valid ID`,
				{ description: fix },
			);
		}
		return { ...requestOptions, url: `${requestOptions.url}/${encodeURIComponent(id)}` };
	};
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
		if (!inputChecks.tagsAreText(value)) {
			const wrong = value.findIndex((tag) => typeof tag !== 'string');
			throw new NodeOperationError(this.getNode(), 'Tags must be text', {
				description: `Item ${wrong} of the Tags array is a ${typeof value[wrong]} (${JSON.stringify(value[wrong])}). Give an array of strings, or comma-separated text.`,
			});
		}
		tags = (value as string[]).map((tag) => String(tag).trim()).filter((tag) => tag !== '');
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
