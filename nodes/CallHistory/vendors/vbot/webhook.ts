import { DateTime } from 'luxon';
import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeProperties,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { isObject, objectOrEmpty } from '../../../../common/json';
import {
	packageInfo,
	platformInfo,
	platformOf,
	vendorFieldsRead,
} from '../../../../common/platforms';
import { idText, text, type SimpleCall, type SimplifyContext } from '../../engine/simple';
import type { RecordingLink } from '../../engine/vendor';
import { refuseEvent, sameSecret, type EventSource, type ReadEvent } from '../../engine/webhooks';
import { RECORD_PATH, simplifyLogCall } from './callLog';
import { simplifyHistoryRecord, vbotApi } from './history';

/**
 * VBot's webhooks (../shared/api/WEBHOOKS.md): set in the VBot console, one URL for every event
 * switched on, the bodies without the event's name. Each event is told by its body's shape; where
 * two events share a shape (an ordinary call's recording and a bot call's), it is named as the
 * first of them the user picked.
 */

interface EventShape {
	/** The events whose bodies have this shape, the likelier first. */
	events: string[];
	matches(body: IDataObject): boolean;
	callIdOf(body: IDataObject): unknown;
	/** The call simplified, when the body holds one. */
	simplify?(body: IDataObject, around: SimplifyContext): SimpleCall;
	/** The recording links of a body that holds no call to simplify. */
	recordingUrls?(body: IDataObject): string[];
}

const has = (body: IDataObject, ...keys: string[]) => keys.every((key) => body[key] != null);

/** A manualCallLog (camelCase) as the v3 call log's record, which Get Many simplifies. */
function manualAsLogRecord(log: IDataObject): IDataObject {
	return {
		trans_id: log.transId,
		type_call: log.typeCall,
		disposition: log.disposition,
		caller_info: { number: log.caller, name: log.callerName, member_no: log.callerMemberNo },
		callee_info: { number: log.callee, name: log.calleeName, member_no: log.calleeMemberNo },
		create_at: log.createAt,
		call_at: log.callAt,
		duration: log.durationCall,
		postage: log.postage,
		group_id: log.groupId,
		external_call_id: log.externalCallId,
		hotline: log.hotline,
	};
}

/** An autoCallLog (a bot's outgoing call) as the v3 call log's record. */
function autoAsLogRecord(log: IDataObject): IDataObject {
	return {
		trans_id: log.transId,
		type_call: 2,
		disposition: log.disposition,
		caller_info: { number: log.hotlineCode, name: log.memberName, member_no: log.memberNo },
		callee_info: { number: log.phone },
		create_at: log.createAt,
		call_at: log.answerAt,
		duration: log.duration,
		time_call: log.billsec,
		postage: log.postage,
		external_call_id: log.externalCallId,
		hotline: log.hotlineCode,
	};
}

/** `timeCall` is the ringing, `durationCall` the whole call: what is left was talk. */
function talkSecOf(log: IDataObject): number | null {
	const total = Number(log.durationCall);
	const ringing = Number(log.timeCall);
	return Number.isFinite(total) && Number.isFinite(ringing) ? Math.max(0, total - ringing) : null;
}

/** A body's `recordUrl` as recording links: it, or none. */
function recordUrls(recordUrl: unknown): string[] {
	const recording = text(recordUrl);
	return recording ? [recording] : [];
}

function simplifyManual(log: IDataObject, around: SimplifyContext, recordUrl?: unknown) {
	const call = simplifyLogCall(manualAsLogRecord(log), around);
	return { ...call, billSec: talkSecOf(log), recordingUrls: recordUrls(recordUrl) };
}

function simplifyAuto(log: IDataObject, around: SimplifyContext, recordUrl?: unknown) {
	return { ...simplifyLogCall(autoAsLogRecord(log), around), recordingUrls: recordUrls(recordUrl) };
}

/** The webhook's v2 record dates "dd/MM/yyyy HH:mm:ss"; the history list's "MM/dd/yyyy". */
function asHistoryRecord(body: IDataObject): IDataObject {
	const date = DateTime.fromFormat(String(body.date_create ?? ''), 'dd/MM/yyyy HH:mm:ss');
	const dateCreate = date.isValid ? date.toFormat('MM/dd/yyyy HH:mm:ss') : body.date_create;
	return { ...body, date_create: dateCreate };
}

/** The published shapes, the most specific first: a complete event holds a log. */
const SHAPES: EventShape[] = [
	{
		events: ['MANUAL_CALL_COMPLETE'],
		matches: (body) => isObject(body.manualCallLog),
		callIdOf: (body) => objectOrEmpty(body.manualCallLog).transId,
		simplify: (body, around) =>
			simplifyManual(
				objectOrEmpty(body.manualCallLog),
				around,
				objectOrEmpty(body.manualCallRecording).recordUrl,
			),
	},
	{
		events: ['AUTO_CALL_COMPLETE'],
		matches: (body) => isObject(body.autoCallLog),
		callIdOf: (body) => objectOrEmpty(body.autoCallLog).transId,
		simplify: (body, around) =>
			simplifyAuto(
				objectOrEmpty(body.autoCallLog),
				around,
				objectOrEmpty(body.autoCallRecording).recordUrl,
			),
	},
	{
		events: ['AUTO_CALL_LOG', 'CAMPAIGN_CALL'],
		matches: (body) =>
			has(body, 'transId') && ['botId', 'campaignName', 'inputLog'].some((key) => key in body),
		callIdOf: (body) => body.transId,
		simplify: (body, around) => simplifyAuto(body, around),
	},
	{
		events: ['MANUAL_CALL_LOG', 'P2P_CALL_LOG'],
		matches: (body) => has(body, 'transId', 'typeCall'),
		callIdOf: (body) => body.transId,
		simplify: (body, around) => simplifyManual(body, around),
	},
	{
		events: ['MANUAL_CALL_RECORDING', 'AUTO_CALL_RECORDING'],
		matches: (body) => has(body, 'transId', 'recordUrl'),
		callIdOf: (body) => body.transId,
		recordingUrls: (body) => recordUrls(body.recordUrl),
	},
	{
		events: ['MANUAL_CALL_AI_EXTRACTION', 'AUTO_CALL_AI_EXTRACTION'],
		matches: (body) => has(body, 'transId', 'callCollectedData'),
		callIdOf: (body) => body.transId,
	},
	{
		events: ['HISTORY_CALL', 'HISTORY_CALL_PEERTOPEER'],
		matches: (body) =>
			has(body, 'group_id') && (Array.isArray(body.caller) || Array.isArray(body.callee)),
		callIdOf: (body) => body.group_id,
		simplify: (body, around) => simplifyHistoryRecord(asHistoryRecord(body), around),
	},
];

/**
 * A VBot event: the first of its shape's events the user picked (else the shape's first, which the
 * trigger then passes over), its call's id, the call simplified where the body holds one, and its
 * recordings. A body of no published shape (IN_COMINGCALL's is not published) is `unknown`.
 */
export function readVbotEvent(
	body: IDataObject,
	picked: string[],
	around: SimplifyContext,
): ReadEvent {
	const shape = SHAPES.find((candidate) => candidate.matches(body));
	if (!shape) return { event: 'unknown', callId: idText(body.transId) ?? '' };
	const event = shape.events.find((name) => picked.includes(name)) ?? shape.events[0];
	const callId = idText(shape.callIdOf(body)) ?? '';
	const simple = shape.simplify?.(body, around);
	const recordingUrls = simple?.recordingUrls ?? shape.recordingUrls?.(body);
	return { event, callId, simple, recordingUrls };
}

/**
 * The record endpoint's path (RECORD_PATH and one id) that `url` names on the Base URL's host, to
 * ask below the credential's Base URL, or undefined. The docs' `recordUrl` is below /v2.0; a v3
 * credential asks the same recording below its own /v3.0.
 */
function recordPathOf(url: string, baseUrl: string): string | undefined {
	let link: URL;
	let base: URL;
	try {
		link = new URL(url);
		base = new URL(baseUrl);
	} catch {
		return undefined;
	}
	if (!/^https?:$/.test(link.protocol) || link.origin !== base.origin) return undefined;
	const at = link.pathname.lastIndexOf(`${RECORD_PATH}/`);
	const path = at < 0 ? '' : link.pathname.slice(at);
	return /^[^/]+$/.test(path.slice(RECORD_PATH.length + 1)) ? `${path}${link.search}` : undefined;
}

/**
 * A VBot event's recording fetched as the call log's are: VBot's record endpoint below the
 * credential's Base URL (the docs' `recordUrl`) with the credential, and no redirect followed;
 * any other link as a plain link, with no credential and its address checked.
 */
export function vbotRecordingLink(url: string, baseUrl: string): RecordingLink {
	const path = recordPathOf(url, baseUrl);
	return path === undefined ? { url } : { path };
}

/** VBot's events to the engine. */
export const vbotEventSource = (around: SimplifyContext): EventSource => ({
	api: vbotApi,
	read: (body, picked) => readVbotEvent(body, picked, around),
	recordingLink: vbotRecordingLink,
});

const event = (value: string, description: string) => ({
	name: value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' '),
	value,
	description,
});

export const VBOT_EVENTS = [
	event('MANUAL_CALL_LOG', 'An ordinary call has just ended: its log'),
	event('MANUAL_CALL_RECORDING', "An ordinary call's recording is ready"),
	event('MANUAL_CALL_COMPLETE', 'An ordinary call with its log and recording'),
	event('MANUAL_CALL_AI_EXTRACTION', "The AI's extraction of an ordinary call"),
	event('AUTO_CALL_LOG', "A bot's call has just ended: its log"),
	event('AUTO_CALL_RECORDING', "A bot call's recording is ready"),
	event('AUTO_CALL_COMPLETE', "A bot's call with its log, recording and AI extraction"),
	event('AUTO_CALL_AI_EXTRACTION', "The AI's extraction of a bot's call"),
	event('P2P_CALL_LOG', 'An internal call has just ended'),
	event(
		'IN_COMINGCALL',
		'A call rings: its body is not published, so any body of no known shape arrives as event "unknown"',
	),
	event('HISTORY_CALL', 'Deprecated: a call as the v2 history record'),
	event('HISTORY_CALL_PEERTOPEER', 'Deprecated: an internal call as the v2 history record'),
	event('CAMPAIGN_CALL', "Deprecated: a campaign's call, as AUTO_CALL_LOG"),
];

export const vbotEventProperties: INodeProperties[] = [
	{
		displayName:
			"VBot sends webhooks to the URL set in its console: in VBot, open Webhooks (group manager), paste this node's Production URL above, set Auth header to the credential's Webhook Auth Header Value, and switch on the events picked here. With the credential's value empty, any sender is accepted.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: VBOT_EVENTS,
		default: ['MANUAL_CALL_LOG'],
		required: true,
		description: 'The events that start the workflow (switch the same ones on in the VBot console)',
	},
];

/**
 * The refusal (HTTP 401) of a request without the credential's Webhook Auth Header, or undefined
 * when it carries it or the credential sets none. The header's value is compared in constant time.
 */
export async function vbotSenderRefusal(
	context: IWebhookFunctions,
): Promise<IWebhookResponseData | undefined> {
	const credentials = await context.getCredentials(packageInfo().credentialType);
	if (!vendorFieldsRead(credentials, vbotApi.platforms)) {
		return refuseEvent(context, 401, "The credential's Webhook Auth Header cannot be read");
	}
	const expected = String(credentials.webhookHeaderValue ?? '');
	if (expected === '') return undefined;
	const name = String(credentials.webhookHeaderName || 'Authorization').toLowerCase();
	const given = context.getHeaderData()[name];
	if (typeof given === 'string' && sameSecret(given, expected)) return undefined;
	return refuseEvent(
		context,
		401,
		'The request does not carry the Auth header set for this webhook',
	);
}

/**
 * Fails activation with a credential of another vendor (no request reaches VBot to check it), or
 * one whose Auth header n8n does not read: a credential saved before Platform existed reads as the
 * first platform (VBot only by its Base URL), its header left out, so any sender would pass.
 */
export async function requireVbotCredential(context: IHookFunctions): Promise<boolean> {
	const credentials = await context.getCredentials(packageInfo().credentialType);
	const platform = platformOf(credentials);
	if (!vbotApi.platforms.includes(platform)) {
		throw new NodeOperationError(
			context.getNode(),
			`This credential is for ${platformInfo(platform).short}; this trigger receives VBot's webhooks: pick or create a VBot credential`,
			{ description: 'Set Platform in the credential, or pick another credential for this node.' },
		);
	}
	if (vendorFieldsRead(credentials, vbotApi.platforms)) return true;
	throw new NodeOperationError(
		context.getNode(),
		`This credential's Platform reads ${platformInfo(String(credentials.platform)).short} (it was saved before the field existed), so n8n does not read its Webhook Auth Header`,
		{
			description:
				'Open the credential, set Platform to VBot (or VBot V3), check Webhook Auth Header Value, and save.',
		},
	);
}

/** IN_COMINGCALL's body is not published: picking it takes the bodies of no known shape. */
export const takesUnknown = (picked: string[]) => picked.includes('IN_COMINGCALL');
