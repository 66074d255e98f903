import type { IDataObject } from 'n8n-workflow';

export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` when it is a JSON object, else an empty one: for reading a field that may be missing. */
export const objectOrEmpty = (value: unknown): IDataObject => (isObject(value) ? value : {});

/**
 * The deepest nesting a vendor answer may have: a call nests about six levels deep in its
 * envelope. Deeper data passes JSON.parse, but n8n then cannot stringify, copy or save the
 * execution that holds it.
 */
export const MOST_JSON_DEPTH = 32;
/**
 * The most values (objects, arrays and the items of either) one answer may hold: a page of 1,000
 * calls of 100 fields each is 100,000. Bounded before parsing: 64 MiB of `{},` is 22 million
 * objects, 1.4 GB of heap and 26 s of JSON.parse.
 */
export const MOST_JSON_VALUES = 1_000_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENS = new Set([0x7b, 0x5b]);
const CLOSES = new Set([0x7d, 0x5d]);
const COMMA = 0x2c;

/**
 * What makes `bytes` (JSON text) too large to parse: its nesting deeper than MOST_JSON_DEPTH or
 * more values than MOST_JSON_VALUES, counted outside strings in one pass; undefined when neither.
 */
function tooLargeToParse(bytes: Buffer): string | undefined {
	let depth = 0;
	let values = 0;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i];
		if (byte === QUOTE) {
			for (i++; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
		} else if (OPENS.has(byte)) {
			if (++depth > MOST_JSON_DEPTH) return `nests deeper than ${MOST_JSON_DEPTH} levels`;
			values++;
		} else if (CLOSES.has(byte)) {
			depth--;
		} else if (byte === COMMA) {
			values++;
		}
		if (values > MOST_JSON_VALUES) {
			return `holds more than ${MOST_JSON_VALUES.toLocaleString('en')} values`;
		}
	}
	return undefined;
}

/**
 * `bytes` parsed as JSON: `{ json }`, `{ text }` when they are not JSON, or `{ tooLarge }` saying
 * why they were not parsed at all (MOST_JSON_DEPTH, MOST_JSON_VALUES).
 */
export function parseBounded(
	bytes: Buffer,
): { json: unknown } | { text: string } | { tooLarge: string } {
	const tooLarge = tooLargeToParse(bytes);
	if (tooLarge) return { tooLarge };
	const text = bytes.toString('utf8');
	try {
		return { json: JSON.parse(text) };
	} catch {
		return { text };
	}
}
