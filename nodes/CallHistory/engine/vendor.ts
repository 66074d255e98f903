import type { IDataObject } from 'n8n-workflow';
import type { Advice, Platform } from '../../../common/platforms';
import type { Remedy } from './remedies';
import type { SimpleCall, SimplifyContext } from './simple';
import type { DateWindow } from './windows';

export type { Advice };

/** What a vendor's error code means: advice, and what the engine may do about it. */
export interface Meaning {
	advice: Advice;
	remedy?: Remedy;
}

/** The vendor's own failure inside an answer: its code, its words, and what that means. */
export interface VendorFailure {
	code: string;
	vendorMessage?: string;
	meaning: Meaning;
}

/**
 * What one vendor API is to the engine: its name in messages, how its answers unwrap, what its
 * codes mean. A vendor module describes this; the engine never names a vendor.
 */
export interface VendorApi {
	/** As errors name it: "Call History API". */
	name: string;
	/** The platforms (credentials) that speak this API. */
	platforms: Platform[];
	/** What an HTTP 2xx answer carries, the vendor's failure in it, or what breaks its contract. */
	unwrap(
		answer: IDataObject,
	): { data: unknown } | { failure: VendorFailure } | { malformed: string };
	/** The vendor's code in the body of an HTTP error answer, and its meaning when the code is known. */
	failureIn(body: unknown): { code: string; meaning?: Meaning } | undefined;
}

/** One page of a list, as a vendor module reads it from an answer's data. */
export interface ListPage {
	items: IDataObject[];
	/** Whether another page follows, when the answer says (a paging block); else a short page ends the list. */
	hasNext?: boolean;
	/** How many records the answer says the list holds, when it says. */
	total?: number;
	/** How many pages the answer says the list has, when it says. */
	declaredPages?: number;
}

/**
 * A recording of a record: a plain link, or a path below the Base URL fetched with the
 * credential, whose JSON answer may say there is none (`isNone`).
 */
export type RecordingLink =
	| { url: string }
	| { path: string; isNone?: (answer: unknown) => boolean };

/** What one record (a call) of a vendor is, whatever list it came from. */
export interface RecordShape {
	/** The record's id first, then any id it was known by before (a hash, before the vendor sent ids). */
	idsOf(record: IDataObject): string[];
	/** When the call was made, in epoch ms, or undefined when the record does not say. */
	madeAt(record: IDataObject): number | undefined;
	/** The one call shape of every platform (README, "Simplify"). */
	simplify(record: IDataObject, around: SimplifyContext): SimpleCall;
	/** The record's recordings: none, links, or paths below the Base URL. */
	recordings(record: IDataObject): RecordingLink[];
}

/** A list of calls as a vendor API serves it: how a page is asked for, read, and known to be the last. */
export interface CallList {
	api: VendorApi;
	path: string;
	/** The number of a list's first page: 1, or 0. */
	firstPage: number;
	/**
	 * For a list read by date window (the query takes the window's bounds): how many days a window
	 * covers unless the user says otherwise, and what the API allows, in the user's words.
	 */
	byDate?: { defaultDays: number; about: string };
	/** The query of one page (of one window, for a list read by date). */
	pageQuery(page: number, size: number, window?: DateWindow): IDataObject;
	/** Page `page` from an answer's data, or what is wrong with it. */
	readPage(data: unknown, page: number): ListPage | { malformed: string };
	/**
	 * For a list whose pages carry no paging block: the count of the same query, which tells the
	 * list's end from a server that serves fewer records per page than asked.
	 */
	count?: {
		path: string;
		query(window?: DateWindow): IDataObject;
		read(data: unknown): number | { malformed: string };
	};
	record: RecordShape;
}
