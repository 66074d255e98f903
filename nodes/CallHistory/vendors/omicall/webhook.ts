import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { LOOPBACK_HOST } from '../../../../common/destinations';
import { isObject } from '../../../../common/json';
import { requirePlatform } from '../../engine/operation';
import { idText, text, type SimplifyContext } from '../../engine/simple';
import { apiRequest, transportFor, type Transport } from '../../engine/transport';
import type { EventSource, ReadEvent } from '../../engine/webhooks';
import { readTransportPolicy } from '../../fields/settings';
import { omicallApi, simplifyCall } from './api';

/**
 * OMICall's call webhook (../shared/api/WEBHOOKS.md): registered through its API, one per account.
 * OMICall does not publish the body it POSTs: it is read as the Call History API's call record
 * with the event's name, unknown fields passed through and missing ones left empty.
 */

export const WEBHOOK_LIST_PATH = '/api/webhooks/list';
export const WEBHOOK_REGISTER_PATH = '/api/webhooks/register';
export const WEBHOOK_DESTROY_PATH = '/api/webhooks/destroy';

export const OMICALL_EVENTS = [
	{ name: 'Ringing', value: 'ringing', description: 'A call starts ringing' },
	{ name: 'Answered', value: 'answered', description: 'A call is answered' },
	{ name: 'Hangup', value: 'hangup', description: 'A call ends: the whole call record' },
];
const EVENT_NAMES = OMICALL_EVENTS.map((event) => event.value);

export const omicallEventProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: OMICALL_EVENTS,
		default: ['hangup'],
		required: true,
		description: 'The call events OMICall sends to this workflow',
	},
	{
		displayName: 'Replace Existing Webhook',
		name: 'replaceExisting',
		type: 'boolean',
		default: false,
		description:
			"Whether to replace the call webhook another URL holds in the OMICall account: an account holds one, so that URL's workflow or integration stops receiving calls",
	},
];

/** Where the event's name may sit in a body OMICall has not published. */
const EVENT_KEYS = ['event', 'event_type', 'eventType', 'type', 'state'];

function eventNameOf(body: IDataObject): string {
	for (const key of EVENT_KEYS) {
		const name = text(body[key])?.toLowerCase();
		if (name && EVENT_NAMES.includes(name)) return name;
	}
	return 'unknown';
}

/** An OMICall call event: its name, its call's transaction ID, the call simplified, its recording. */
export function readOmicallEvent(body: IDataObject, around: SimplifyContext): ReadEvent {
	const event = eventNameOf(body);
	const callId = idText(body.transaction_id) ?? '';
	if (event === 'unknown' || callId === '') return { event: 'unknown', callId };
	const simple = simplifyCall(body, around);
	return { event, callId, simple, recordingUrls: simple.recordingUrls };
}

/** OMICall's events to the engine: a recording is a plain link, as Call › Get's are. */
export const omicallEventSource = (around: SimplifyContext): EventSource => ({
	api: omicallApi,
	read: (body) => readOmicallEvent(body, around),
});

/** The account's call webhook as the list answers it, if there is one. */
function callWebhookIn(data: unknown): { url: string; events: string[] } | undefined {
	const registrations = Array.isArray(data) ? data.filter(isObject) : [];
	const call = registrations.find((registration) => registration.type === 'call');
	if (!call) return undefined;
	const events = Array.isArray(call.events) ? call.events.map(String) : EVENT_NAMES;
	return { url: String(call.url ?? ''), events };
}

async function webhookTransport(context: IHookFunctions): Promise<Transport> {
	const transport = await transportFor(context, readTransportPolicy(context));
	requirePlatform(context.getNode(), transport, omicallApi.platforms, 'this trigger reads');
	return transport;
}

const placeOf = (context: IHookFunctions, operation: string) => ({
	api: omicallApi,
	operation,
	timezone: context.getTimezone(),
});

async function registered(context: IHookFunctions, transport: Transport) {
	const list = apiRequest(transport.baseUrl, 'GET', WEBHOOK_LIST_PATH, {});
	return callWebhookIn(await transport.api(list, placeOf(context, 'Listing webhooks')));
}

const pickedEvents = (context: IHookFunctions) =>
	context.getNodeParameter('events', []) as string[];
const sameEvents = (a: string[], b: string[]) =>
	a.length === b.length && a.every((event) => b.includes(event));

/**
 * Whether this workflow's URL holds the account's call webhook with the events picked. Another
 * URL's is never taken over unless Replace Existing Webhook is on, and never by a test listener:
 * removed when the test ends, it would leave the account with no webhook.
 */
export async function omicallWebhookExists(context: IHookFunctions): Promise<boolean> {
	const url = context.getNodeWebhookUrl('default') ?? '';
	const transport = await webhookTransport(context);
	const current = await registered(context, transport);
	if (!current) return false;
	if (current.url === url) {
		context.getWorkflowStaticData('node').registeredUrl = url;
		return sameEvents(current.events, pickedEvents(context));
	}
	const listening = context.getMode() === 'manual';
	if (listening) throw takeOverForTest(context, current.url);
	if (context.getNodeParameter('replaceExisting', false) === true) return false;
	throw new NodeOperationError(
		context.getNode(),
		`The OMICall account already sends its call events to ${current.url}`,
		{
			description:
				'An OMICall account holds one call webhook. Replacing it stops the calls reaching that URL (another workflow, n8n or integration). Switch on Replace Existing Webhook to replace it, or remove it there first.',
		},
	);
}

/** The refusal to register a test listener's URL over another URL's registration. */
const takeOverForTest = (context: IHookFunctions, url: string) =>
	new NodeOperationError(
		context.getNode(),
		`The OMICall account already sends its call events to ${url}: listening for a test event would take it over`,
		{
			description:
				"A test listener never replaces the account's webhook, even with Replace Existing Webhook on: it is removed when the test ends, and the calls would stop reaching that URL. Deactivate the workflow that holds it (or remove it where it was set), then listen again.",
		},
	);

/** OMICall accepts HTTPS URLs only; n8n on this machine may use http for a sandbox here. */
function requireHttps(context: IHookFunctions, url: string, transport: Transport) {
	if (!URL.canParse(url)) {
		throw new NodeOperationError(context.getNode(), 'n8n gave no webhook URL for this node', {
			description:
				"Set n8n's WEBHOOK_URL to the https:// address n8n is reached at, and activate the workflow again.",
		});
	}
	const { protocol } = new URL(url);
	const sandbox = LOOPBACK_HOST.test(new URL(transport.baseUrl).hostname);
	if (protocol === 'https:' || sandbox) return;
	throw new NodeOperationError(
		context.getNode(),
		`n8n's webhook URL ${url} is not HTTPS, and OMICall accepts HTTPS URLs only`,
		{
			description:
				"Set n8n's WEBHOOK_URL environment variable to the https:// address n8n is reached at from the internet, and activate the workflow again.",
		},
	);
}

/** Registers this workflow's URL as the account's call webhook, with the events picked. */
export async function registerOmicallWebhook(context: IHookFunctions): Promise<boolean> {
	const url = context.getNodeWebhookUrl('default') ?? '';
	const transport = await webhookTransport(context);
	requireHttps(context, url, transport);
	const webhook = { type: 'call', url, events: pickedEvents(context) };
	const request = apiRequest(transport.baseUrl, 'POST', WEBHOOK_REGISTER_PATH, {}, { webhook });
	await transport.api(request, placeOf(context, 'Registering the webhook'));
	context.getWorkflowStaticData('node').registeredUrl = url;
	return true;
}

/** Removes the account's call webhook when it is still this node's own, and forgets it. */
export async function removeOmicallWebhook(context: IHookFunctions): Promise<boolean> {
	const store = context.getWorkflowStaticData('node');
	// n8n keeps no static data of a test registration: its URL, this node's own, tells it too.
	const own = [store.registeredUrl, context.getNodeWebhookUrl('default')].filter(Boolean);
	const transport = await webhookTransport(context);
	const current = await registered(context, transport);
	if (current && own.includes(current.url)) {
		const destroy = apiRequest(transport.baseUrl, 'POST', WEBHOOK_DESTROY_PATH, {
			hook_type: 'call',
		});
		await transport.api(destroy, placeOf(context, 'Removing the webhook'));
	}
	delete store.registeredUrl;
	return true;
}
