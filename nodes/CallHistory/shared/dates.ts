import { DateTime } from 'luxon';

/** Before 1973-03-03 in milliseconds: a call-center timestamp this small is epoch seconds. */
const SMALLEST_PLAUSIBLE_MS = 100_000_000_000;

/** The farthest from 1970 a JavaScript date reaches, either way, in milliseconds. */
const MOST_EPOCH_MS = 8.64e15;

/** Whether `value` is an instant in epoch milliseconds that a JavaScript date can hold. */
export const isInstant = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MOST_EPOCH_MS;

export type ParsedDate =
	| { kind: 'empty' }
	| { kind: 'invalid'; reason: string }
	| { kind: 'date'; ms: number };

function fromText(text: string, timezone: string): ParsedDate {
	if (/^-?\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text));
	// A date-time without an offset (what n8n's date picker gives) is read in the workflow's time zone.
	for (const parse of [DateTime.fromISO, DateTime.fromSQL, DateTime.fromRFC2822]) {
		const parsed = parse(text, { zone: timezone });
		if (parsed.isValid) return { kind: 'date', ms: parsed.toMillis() };
	}
	return { kind: 'invalid', reason: `"${text}" is not a date` };
}

function fromNumber(ms: number): ParsedDate {
	if (!Number.isFinite(ms)) return { kind: 'invalid', reason: `${ms} is not a date` };
	if (!isInstant(ms)) {
		return {
			kind: 'invalid',
			reason: `${ms} is further from 1970 than any date can be (at most 8.64e15 milliseconds)`,
		};
	}
	if (Math.abs(ms) < SMALLEST_PLAUSIBLE_MS) {
		return {
			kind: 'invalid',
			reason: `${ms} looks like epoch seconds; the node expects epoch milliseconds (multiply by 1000)`,
		};
	}
	return { kind: 'date', ms: Math.trunc(ms) };
}

/**
 * Reads a date parameter as epoch milliseconds: a date-time from n8n's date picker (local time in
 * `timezone`), an ISO 8601 string with or without an offset, epoch milliseconds, or a Luxon
 * DateTime / JS Date handed over by an expression.
 */
export function parseDate(value: unknown, timezone: string): ParsedDate {
	if (value === undefined || value === null) return { kind: 'empty' };
	if (DateTime.isDateTime(value)) {
		return value.isValid
			? { kind: 'date', ms: value.toMillis() }
			: { kind: 'invalid', reason: value.invalidExplanation ?? 'invalid date' };
	}
	if (value instanceof Date) return fromNumber(value.getTime());
	if (typeof value === 'number') return fromNumber(value);
	if (typeof value === 'string') {
		const text = value.trim();
		return text === '' ? { kind: 'empty' } : fromText(text, timezone);
	}
	return { kind: 'invalid', reason: `a ${typeof value} is not a date` };
}

/** An instant as the user reads it: ISO 8601 in the workflow's time zone, to the millisecond. */
export function formatInstant(ms: number, timezone: string): string {
	return DateTime.fromMillis(ms, { zone: timezone }).toISO() ?? String(ms);
}
