import type { IDataObject } from 'n8n-workflow';
import { isObject } from './json';

/** Text that is a non-empty string, else undefined. */
export const nonEmptyText = (value: unknown) =>
	typeof value === 'string' && value !== '' ? value : undefined;

/**
 * OMICall's code of a failure (the credential's token request and the node's requests alike): in
 * `payload.error` (UPDATES-2026 § A), else in the top-level `message` (REFERENCE.md § A).
 */
export const omicallCodeOf = (answer: IDataObject) =>
	(isObject(answer.payload) ? nonEmptyText(answer.payload.error) : undefined) ??
	nonEmptyText(answer.message);

/** OMICall's API takes JSON: every request to it says so, GETs and the token request included. */
export const OMICALL_CONTENT_TYPE = { 'Content-Type': 'application/json' };

/** `headers` with OMICall's Content-Type, unless they name a Content-Type of their own (in any case). */
export function withOmicallContentType(headers: IDataObject = {}): IDataObject {
	const named = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	return named ? headers : { ...headers, ...OMICALL_CONTENT_TYPE };
}
