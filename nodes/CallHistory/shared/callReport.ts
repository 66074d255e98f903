import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { asksForShorterWindow, malformedAnswer, type RequestPlace } from './envelope';
import { readConcurrency, readWindows } from './parameters';
import { transportFor } from './transport';
import { forEachWindow } from './windows';
import { isObject } from './json';

/** `object` with `key` set as its own property, whatever the key: a vendor's `__proto__` is data too. */
function withOwn(object: IDataObject, key: string, value: unknown): IDataObject {
	Object.defineProperty(object, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
	return object;
}

/**
 * Adds two window reports of the same shape: numbers are summed, entries of arrays matched by
 * `_id`, and a null count stays null only while every window says null. Every key of either
 * comes out as an own property of plain data.
 */
export function mergeReports(first: unknown, second: unknown): unknown {
	if (first === null || first === undefined) return second ?? first;
	if (second === null || second === undefined) return first;
	if (typeof first === 'number' && typeof second === 'number') return first + second;
	if (Array.isArray(first) && Array.isArray(second)) {
		const merged = [...first];
		const indexById = new Map<unknown, number>();
		merged.forEach(
			(entry, index) => isObject(entry) && '_id' in entry && indexById.set(entry._id, index),
		);
		for (const entry of second) {
			const index = isObject(entry) && '_id' in entry ? indexById.get(entry._id) : undefined;
			if (index === undefined) {
				if (isObject(entry) && '_id' in entry) indexById.set(entry._id, merged.length);
				merged.push(entry);
			} else {
				merged[index] = mergeReports(merged[index], entry);
			}
		}
		return merged;
	}
	if (isObject(first) && isObject(second)) {
		const merged: IDataObject = {};
		for (const key of Object.keys(first)) withOwn(merged, key, first[key]);
		for (const key of Object.keys(second)) {
			withOwn(
				merged,
				key,
				key === '_id' ? (first._id ?? second._id) : mergeReports(first[key], second[key]),
			);
		}
		return merged;
	}
	return first;
}

/**
 * Call › Get Report: one report per window the vendor accepts, Concurrency windows at a time,
 * merged in window order into one of the same shape.
 */
export async function reportCalls(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const windows = readWindows(this);
	const timezone = this.getTimezone();
	const transport = await transportFor(this);
	const { options } = requestData;

	let report: unknown;
	await forEachWindow(
		windows,
		async (window) => {
			const place: RequestPlace = {
				platform: 'callHistory',
				operation: 'Call › Get Report',
				timezone,
				window,
			};
			const qs = { from_date: window.from, to_date: window.to };
			const payload = await transport.api({ ...options, qs: { ...options.qs, ...qs } }, place);
			if (!isObject(payload))
				throw malformedAnswer(this.getNode(), place, 'has a report that is not an object');
			return payload;
		},
		(payload) => {
			report = report === undefined ? payload : mergeReports(report, payload);
			return true;
		},
		{ concurrency: readConcurrency(this), shouldSplit: asksForShorterWindow },
	);
	return [{ json: report as IDataObject }];
}
