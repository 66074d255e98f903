import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../../../../common/json';

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

/** The request of OMICall's report: the cheapest read-only one, for the credential's test too. */
export const OMICALL_REPORT_PATH = '/api/call_transaction/report';
