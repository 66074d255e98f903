import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { isObject } from '../../../common/json';

export type Direction = 'inbound' | 'outbound' | 'internal' | 'other';
export type Status = 'answered' | 'missed' | 'busy' | 'failed' | 'cancelled' | 'other';

/** One shape for a call of any platform (the README's "Simplify" table). */
export interface SimpleCall extends IDataObject {
	/** The vendor, as its module names it in this shape (README, "Simplify"). */
	platform: string;
	id: string;
	/** The keys a CRM matches a call on, where the vendor sends them (README, "Simplify"). */
	groupId: string | null;
	externalCallId: string | null;
	hotline: string | null;
	customerCode: string | null;
	direction: Direction;
	vendorDirection: string | null;
	status: Status;
	vendorStatus: string | null;
	from: string | null;
	to: string | null;
	startedAt: string | null;
	answeredAt: string | null;
	endedAt: string | null;
	durationSec: number | null;
	billSec: number | null;
	recordingUrls: string[];
	agent: { name: string | null; extension: string | null; email: string | null };
	customer: { name: string | null };
	tags: string[];
	note: string;
	cost: number | null;
}

/** Text, trimmed, or null when there is none. */
export const text = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** An identifier, text or a number, as trimmed text, or null when there is none. */
export const idText = (value: unknown): string | null =>
	text(typeof value === 'number' ? String(value) : value);

/** A finite number (from a number or numeric text), or null. */
export function number(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : null;
}

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The first object of a list, or an empty one: a record's first leg or agent. */
export const firstObject = (value: unknown): IDataObject => list(value).find(isObject) ?? {};

/** A vendor value mapped by its lower case through `table`, else `fallback`; the vendor's value kept. */
export function mapped<T extends string>(table: Record<string, T>, value: unknown, fallback: T) {
	const vendor = text(typeof value === 'number' ? String(value) : value);
	return { mapped: (vendor && table[vendor.toLowerCase()]) || fallback, vendor };
}

/** An instant as ISO 8601 in the workflow's time zone, or null when it is not one. */
export function isoOf(date: DateTime | undefined, timezone: string): string | null {
	return date?.isValid ? date.setZone(timezone).toISO() : null;
}

/** Epoch milliseconds (or seconds, with `unit`) as ISO 8601 in the workflow's time zone. */
export function isoFromEpoch(
	value: unknown,
	timezone: string,
	unit: 'ms' | 's' = 'ms',
): string | null {
	const epoch = number(value);
	if (epoch === null || epoch <= 0) return null;
	return isoOf(DateTime.fromMillis(unit === 's' ? epoch * 1000 : epoch), timezone);
}

/** What simplifying a record needs besides it: the workflow's time zone, the credential's Base URL. */
export interface SimplifyContext {
	timezone: string;
	baseUrl: string;
}

/** The output items as they are, or, with Simplify on, each simplified with `around`. */
export function simplifiedIf(
	on: boolean,
	items: INodeExecutionData[],
	simplify: (call: IDataObject, around: SimplifyContext) => SimpleCall,
	around: SimplifyContext,
): INodeExecutionData[] {
	if (!on) return items;
	return items.map((item) => {
		const json: IDataObject = simplify(item.json, around);
		// A call whose recording failed under Continue On Fail keeps its error.
		if (item.json.error !== undefined) json.error = item.json.error;
		return { ...item, json };
	});
}
