import { createHash, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { isObject, parseBounded } from '../../../common/json';
import {
	downloadFailure,
	downloadRecording,
	withBinary,
	type RecordingSettings,
} from './recordings';
import { transportFor, type TransportPolicy } from './transport';
import type { RecordingLink, VendorApi } from './vendor';

/** The largest event body read: a call event is a few KB; anything near this is no call event. */
export const MOST_EVENT_BYTES = 1024 * 1024;

/** How many recent events a trigger remembers to start one execution per event, retries or not. */
export const MOST_REMEMBERED_EVENTS = 1000;

/** One event as a vendor folder reads it from a body: its name, its call, and the call's record. */
export interface ReadEvent {
	/** The vendor's event name, or `unknown` for a body of no known shape. */
	event: string;
	/** The call's id, or '' when the body names none. */
	callId: string;
	/** The call's record as the vendor's lists know it, for Simplify, when the body holds one. */
	simple?: IDataObject;
	/** The links of the event's recordings: its simplified call's, or a recording event's own. */
	recordingUrls?: string[];
}

/** What a vendor's trigger gives the engine: its API, how it reads a body, how it fetches a recording. */
export interface EventSource {
	/** The API named in a download's errors. */
	api: VendorApi;
	read(body: IDataObject, picked: string[]): ReadEvent;
	/**
	 * A recording link fetched as the Call operations fetch the vendor's: a path below `baseUrl`
	 * (the credential's) goes with the credential. Without it every link is a plain link, with none.
	 */
	recordingLink?(url: string, baseUrl: string): RecordingLink;
}

/** Answers the sender `status` with `message` and starts no execution. */
export function refuseEvent(
	context: IWebhookFunctions,
	status: number,
	message: string,
): IWebhookResponseData {
	const res = context.getResponseObject();
	res.status(status).json({ message });
	return { noWebhookResponse: true };
}

/** The body's bytes as they arrived, or its parsed form again when n8n kept no raw bytes. */
function bytesOf(context: IWebhookFunctions): Buffer {
	const raw = (context.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	return Buffer.from(JSON.stringify(context.getBodyData() ?? {}), 'utf8');
}

/**
 * The request's JSON object, or the refusal to answer: 413 above MOST_EVENT_BYTES, 400 for a body
 * that is not a JSON object (no sender's text is echoed back).
 */
export function readEventBody(
	context: IWebhookFunctions,
): { body: IDataObject } | { refused: IWebhookResponseData } {
	const bytes = bytesOf(context);
	if (bytes.length > MOST_EVENT_BYTES) {
		const most = `${MOST_EVENT_BYTES / 1024 / 1024} MB`;
		return { refused: refuseEvent(context, 413, `The event body is larger than ${most}`) };
	}
	const parsed = parseBounded(bytes);
	if (!('json' in parsed) || !isObject(parsed.json) || Array.isArray(parsed.json)) {
		return { refused: refuseEvent(context, 400, 'The event body is not a JSON object') };
	}
	return { body: parsed.json };
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Whether `given` is `expected`, compared in constant time whatever their lengths. */
export const sameSecret = (given: string, expected: string): boolean =>
	timingSafeEqual(digest(given), digest(expected));

/** How many triggers this process remembers events for, the least recent forgotten first. */
const MOST_TRIGGERS_REMEMBERED = 1000;

/** Recent events by trigger (workflow and node), as short hashes, whatever the keys' length. */
const recentByTrigger = new Map<string, string[]>();

/**
 * Whether this is the first delivery of the event `key` among the last MOST_REMEMBERED_EVENTS of
 * `trigger`. Remembered in this process: n8n keeps no static data a webhook changes when it starts
 * an execution, and webhooks land on the main process in queue mode too.
 */
export function firstDelivery(trigger: string, key: string): boolean {
	const hash = createHash('sha256').update(key, 'utf8').digest('base64').slice(0, 16);
	const recent = recentByTrigger.get(trigger) ?? [];
	if (recent.includes(hash)) return false;
	recentByTrigger.delete(trigger);
	recentByTrigger.set(trigger, [...recent, hash].slice(-MOST_REMEMBERED_EVENTS));
	const oldest = recentByTrigger.keys().next().value;
	if (recentByTrigger.size > MOST_TRIGGERS_REMEMBERED && oldest) recentByTrigger.delete(oldest);
	return true;
}

/** The item of one event: its name and call id on top, then the simplified call or the body. */
export function eventItem(
	read: ReadEvent,
	body: IDataObject,
	simplify: boolean,
): INodeExecutionData {
	const json: IDataObject = { event: read.event, callId: read.callId };
	if (simplify && read.simple) return { json: { ...json, ...read.simple } };
	return { json: { ...json, body } };
}

/** What a trigger does with an event, as plain values (the caller reads them from its fields). */
export interface EventSettings {
	/** The event names the user picked. */
	picked: string[];
	simplify: boolean;
	/** Whether a body of no known shape starts an execution, as event `unknown`. */
	includeUnknown: boolean;
	/** With Download Recordings on: how the event's recordings are downloaded. */
	recordings?: EventRecordings;
}

/** Download Recordings for events: the Call operations' settings, and the transport's policy. */
export interface EventRecordings {
	settings: RecordingSettings;
	policy: TransportPolicy;
}

/** The event's recordings as binary data; the credential is loaded for an event that has some. */
async function eventRecordings(
	context: IWebhookFunctions,
	source: EventSource,
	event: ReadEvent,
	urls: string[],
	recordings: EventRecordings,
) {
	const transport = await transportFor(context, recordings.policy);
	const links = urls.map((url) => source.recordingLink?.(url, transport.baseUrl) ?? { url });
	const place = {
		api: source.api,
		operation: 'Download Recordings',
		timezone: context.getTimezone(),
	};
	const recording = { id: event.callId, links };
	return await downloadRecording(context, transport, recording, recordings.settings, place);
}

/**
 * The event's item with its recordings in its binary data, when Download Recordings is on and the
 * event has some. One that cannot be downloaded (or is refused) leaves the event as it came, with
 * `recordingError` saying why: the vendor is answered 200 and does not send the event again.
 */
async function withEventRecordings(
	context: IWebhookFunctions,
	source: EventSource,
	event: ReadEvent,
	item: INodeExecutionData,
	recordings: EventRecordings | undefined,
): Promise<INodeExecutionData> {
	const urls = event.recordingUrls ?? [];
	if (!recordings || urls.length === 0) return item;
	const outcome = await eventRecordings(context, source, event, urls, recordings).catch(
		(failure: unknown) => ({
			failed: downloadFailure(event.callId, failure, recordings.policy.timeoutMs),
		}),
	);
	if ('binary' in outcome) return withBinary(item, outcome.binary);
	return { ...item, json: { ...item.json, recordingError: outcome.failed } };
}

/**
 * One delivery: its body bounded and parsed, read into an event by the vendor's `source`, and,
 * when the user picked that event and it is not a repeat of a recent one, the execution's item,
 * with its recordings when asked. Any other delivery is answered 200 and starts nothing, so that
 * the vendor does not retry it.
 */
export async function receiveEvent(
	context: IWebhookFunctions,
	source: EventSource,
	settings: EventSettings,
): Promise<IWebhookResponseData> {
	const delivered = readEventBody(context);
	if ('refused' in delivered) return delivered.refused;
	const { body } = delivered;
	const event = source.read(body, settings.picked);
	const wanted =
		event.event === 'unknown' ? settings.includeUnknown : settings.picked.includes(event.event);
	if (!wanted) return { webhookResponse: { received: true, started: false } };
	// An unknown body may be any event of the call: told apart by the whole body, not its call id.
	const known = event.event !== 'unknown' && event.callId !== '';
	const key = `${event.event}\u0000${known ? event.callId : JSON.stringify(body)}`;
	const trigger = `${context.getWorkflow().id}\u0000${context.getNode().id}`;
	// A test event (the editor listening) may be sent again on purpose.
	const test = context.getMode() === 'manual';
	if (!test && !firstDelivery(trigger, key)) {
		return { webhookResponse: { received: true, started: false, repeated: true } };
	}
	const item = eventItem(event, body, settings.simplify);
	return {
		workflowData: [[await withEventRecordings(context, source, event, item, settings.recordings)]],
	};
}
