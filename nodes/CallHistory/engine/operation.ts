import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { PLATFORMS, type Platform } from '../../../common/platforms';
import { readConcurrency, readLimit, readOption, readWindows } from '../fields/parameters';
import { readRecordingSettings, readSimplify, readTransportPolicy } from '../fields/settings';
import type { RequestPlace } from './errors';
import { readCalls, type ReadPlan } from './readCalls';
import { withRecordings } from './recordings';
import { asksForShorterWindow } from './remedies';
import { simplifiedIf } from './simple';
import { transportFor, type Transport } from './transport';
import type { CallList } from './vendor';
import type { Send } from './windowReader';
import { forEachWindow, type DateWindow } from './windows';

const withArticle = (name: string) => `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;

/**
 * Refuses, before any request, a credential whose platform the operation does not read, in one
 * sentence naming both: n8n pre-selects the credential saved last, which may be another vendor's.
 * `whoReads` is the sentence's subject and verb: "Call operations read".
 */
export function requirePlatform(
	node: INode,
	transport: Transport,
	platforms: Platform[],
	whoReads: string,
): void {
	// A Base URL of another platform was refused when the transport was made (transportFor).
	if (platforms.includes(transport.platform)) return;
	const reads = platforms.map((platform) => PLATFORMS[platform].short).join(' or ');
	throw new NodeOperationError(
		node,
		`This credential is for ${PLATFORMS[transport.platform].short}; ${whoReads} ${reads}: pick or create ${withArticle(reads)} credential`,
		{ description: 'Set Platform in the credential, or pick another credential for this node.' },
	);
}

/** The list requests of an operation: its routing's request, to `path`, with `qs` on top of its query. */
export function routedSend(
	transport: Transport,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Send {
	const { options } = requestData;
	return async (path: string, qs: IDataObject, place: RequestPlace) =>
		await transport.api({ ...options, url: path, qs: { ...options.qs, ...qs } }, place);
}

type Run = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** What a Get Many operation is: its list, who reads it, its options, and what it checks first. */
export interface ListOperation {
	/** As errors name it: "Call › Get Many". */
	name: string;
	list: CallList;
	/** The subject and verb of the platform check's sentence: "Call operations read". */
	whoReads: string;
	pageSize: INodeProperties;
	/** For a list read by date window: its Days per Request. */
	windowDays?: INodeProperties;
	/**
	 * What the operation checks before any request, and adds to every page's query (and a filter
	 * the API cannot apply), beyond what its fields' routing sends.
	 */
	prepare?: (
		context: IExecutePaginationFunctions,
		transport: Transport,
	) => { qs?: IDataObject; keep?: (record: IDataObject) => boolean } | void;
}

/**
 * A Get Many operation's run: the list read up to Limit (window by window, newest first, for a
 * list read by date), with recordings and Simplify on top.
 */
export function listOperation(operation: ListOperation): Run {
	const { list } = operation;
	return async function (requestData) {
		const transport = await transportFor(this, readTransportPolicy(this));
		requirePlatform(this.getNode(), transport, list.api.platforms, operation.whoReads);
		const { qs = {}, keep } = operation.prepare?.(this, transport) ?? {};
		const limit = readLimit(this);
		const plan: ReadPlan = {
			operation: operation.name,
			windows: operation.windowDays ? readWindows(this, operation.windowDays) : undefined,
			limit,
			size: Math.min(readOption(this, operation.pageSize), limit),
			concurrency: operation.windowDays ? readConcurrency(this) : 1,
			keep,
		};
		const send = routedSend(transport, requestData);
		const { items } = await readCalls(this, list, plan, (path, more, place) =>
			send(path, { ...more, ...qs }, place),
		);
		const place = { api: list.api, operation: operation.name, timezone: this.getTimezone() };
		const recordings = readRecordingSettings(this);
		const output = await withRecordings(this, transport, items, list.record, place, recordings);
		const around = { timezone: place.timezone, baseUrl: transport.baseUrl };
		return simplifiedIf(readSimplify(this), output, list.record.simplify, around);
	};
}

/**
 * One request per window of From Date to To Date (Days per Request `windowDays`), Concurrency at
 * a time, a window the vendor refuses read in halves; hands each result to `use` in window order,
 * as soon as every window before it was used.
 */
export async function readEachWindow<T>(
	context: IExecutePaginationFunctions,
	windowDays: INodeProperties,
	read: (window: DateWindow) => Promise<T>,
	use: (value: T) => void,
): Promise<void> {
	await forEachWindow(readWindows(context, windowDays), read, (value) => (use(value), true), {
		concurrency: readConcurrency(context),
		shouldSplit: asksForShorterWindow,
	});
}
