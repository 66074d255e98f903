import type { IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';
import { requirePlatform, routedSend } from '../engine/operation';
import { readCalls, type ReadPlan } from '../engine/readCalls';
import { withRecordings } from '../engine/recordings';
import { simplifiedIf } from '../engine/simple';
import { transportFor, type Transport } from '../engine/transport';
import type { CallList } from '../engine/vendor';
import type { OperationRunner } from './descriptions';
import { readConcurrency, readLimit, readOption, readWindows } from './parameters';
import { readRecordingSettings, readSimplify, readTransportPolicy } from './settings';

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
 * list read by date), with recordings and Simplify on top. It reads the operation's fields into
 * the plain values the engine takes, which is why it lives here and not in the engine.
 */
export function listOperation(operation: ListOperation): OperationRunner {
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
