import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../../../common/json';

/**
 * The most values (numbers, texts, objects, arrays and their entries) a merged report may hold:
 * a report by direction and disposition holds a few dozen. Every window's report is merged into
 * the one total as it arrives, so this bounds what a report run holds.
 */
export const MOST_REPORT_VALUES = 100_000;

/** `object` with `key` set as its own property, whatever the key: a vendor's `__proto__` is data too. */
function withOwn(object: IDataObject, key: string, value: unknown): void {
	Object.defineProperty(object, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

/** The own property `key` of `object`, never one it inherits (`__proto__`, `constructor`). */
const ownValue = (object: IDataObject, key: string): unknown =>
	Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;

/** How many values `value` is: 1, plus those of an array's entries or an object's properties. */
function valuesIn(value: unknown): number {
	if (Array.isArray(value)) return value.reduce<number>((sum, entry) => sum + valuesIn(entry), 1);
	if (isObject(value)) return Object.values(value).reduce<number>((s, v) => s + valuesIn(v), 1);
	return 1;
}

/**
 * The sum of window reports of the same shape, merged into one as each arrives: numbers are
 * summed, entries of arrays matched by `_id`, and a null count stays null only while every window
 * says null. Every key of any report is an own property of plain data. Throws `tooLarge()` once
 * the sum would hold more than MOST_REPORT_VALUES values.
 */
export class ReportSum {
	private sum: unknown;
	private held = 0;
	/** Each merged array's entries with an `_id`, by that id: built once, kept as entries are added. */
	private readonly indexes = new WeakMap<unknown[], Map<unknown, number>>();

	constructor(private readonly tooLarge: () => Error) {}

	get total(): unknown {
		return this.sum;
	}

	add(report: unknown): void {
		this.sum = this.merged(this.sum, report);
	}

	/** `value`, now part of the sum: counted against MOST_REPORT_VALUES. */
	private adopted<T>(value: T): T {
		this.held += valuesIn(value);
		if (this.held > MOST_REPORT_VALUES) throw this.tooLarge();
		return value;
	}

	private merged(into: unknown, from: unknown): unknown {
		if (into === null || into === undefined) return from === undefined ? into : this.adopted(from);
		if (from === null || from === undefined) return into;
		if (typeof into === 'number' && typeof from === 'number') return into + from;
		if (Array.isArray(into) && Array.isArray(from)) return this.mergedArray(into, from);
		if (isObject(into) && isObject(from)) return this.mergedObject(into, from);
		return into;
	}

	private indexOf(array: unknown[]): Map<unknown, number> {
		let index = this.indexes.get(array);
		if (!index) {
			index = new Map();
			for (const [at, entry] of array.entries()) {
				if (isObject(entry) && '_id' in entry && !index.has(entry._id)) index.set(entry._id, at);
			}
			this.indexes.set(array, index);
		}
		return index;
	}

	private mergedArray(into: unknown[], from: unknown[]): unknown[] {
		const index = this.indexOf(into);
		for (const entry of from) {
			const id = isObject(entry) && '_id' in entry ? entry._id : undefined;
			const at = id === undefined ? undefined : index.get(id);
			if (at !== undefined) {
				into[at] = this.merged(into[at], entry);
				continue;
			}
			if (id !== undefined) index.set(id, into.length);
			into.push(this.adopted(entry));
		}
		return into;
	}

	private mergedObject(into: IDataObject, from: IDataObject): IDataObject {
		for (const key of Object.keys(from)) {
			const before = ownValue(into, key);
			if (key === '_id') withOwn(into, key, before ?? from._id);
			else withOwn(into, key, this.merged(before, from[key]));
		}
		return into;
	}
}
