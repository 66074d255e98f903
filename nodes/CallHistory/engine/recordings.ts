import {
	NodeApiError,
	NodeOperationError,
	type IBinaryKeyData,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type JsonObject,
	type NodeEgressFilter,
} from 'n8n-workflow';
import { isObject, parseBounded } from '../../../common/json';
import type { RequestPlace } from './errors';
import type { Transport } from './transport';
import type { RecordingLink, RecordShape } from './vendor';

export const MB = 1024 * 1024;
/** The most recording links of one call the node downloads: each is a request and part of one item. */
const MOST_LINKS_PER_CALL = 10;

/** The audio types servers send, by the extension a file of that type gets. */
const EXTENSIONS: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/wave': 'wav',
	'audio/x-wav': 'wav',
	'audio/ogg': 'ogg',
	'audio/mp4': 'm4a',
	'audio/x-m4a': 'm4a',
	'audio/aac': 'aac',
	'audio/webm': 'webm',
};
/** The standard type of each extension, for a server that sends none that is audio. */
const MIME_TYPES: Record<string, string> = {
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	ogg: 'audio/ogg',
	m4a: 'audio/mp4',
	aac: 'audio/aac',
	webm: 'audio/webm',
};

/** The MIME type and extension of a file: its Content-Type if it is audio, else its link's ending. */
function typeOf(contentType: string | undefined, url: string): { mime: string; ext: string } {
	const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (EXTENSIONS[mime]) return { mime, ext: EXTENSIONS[mime] };
	const ending = /\.([a-z0-9]{2,4})(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? '';
	if (MIME_TYPES[ending]) return { mime: MIME_TYPES[ending], ext: ending };
	return { mime: mime || 'application/octet-stream', ext: ending || 'bin' };
}

/**
 * What downloading needs of the node: its identity and its binary and egress helpers, which an
 * action node's run and a webhook trigger's delivery both have.
 */
export type RecordingContext = Pick<IExecutePaginationFunctions, 'getNode'> & {
	helpers: Pick<
		IExecutePaginationFunctions['helpers'],
		'prepareBinaryData' | 'getSecureEgressFilter'
	>;
};

/** Why a recording is not downloaded: said in the error after "could not be downloaded: ". */
const refusal = (context: RecordingContext, reason: string) =>
	new NodeOperationError(context.getNode(), reason);

/** IPv4 loopback, private, link-local, shared (100.64/10) and unspecified ranges, as [first octets, prefix]. */
const PRIVATE_IPV4: Array<[number, number, number]> = [
	[0, 0, 8],
	[10, 0, 8],
	[100, 64, 10],
	[127, 0, 8],
	[169, 254, 16],
	[172, 16, 12],
	[192, 168, 16],
];

/** An IPv4 address as a number: written `a.b.c.d`, or mapped into IPv6 (`::ffff:a.b.c.d`, `::ffff:6440:1`). */
function ipv4Of(address: string): number | undefined {
	const dotted = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
	if (dotted) return dotted.slice(1).reduce((sum, octet) => sum * 256 + Number(octet), 0);
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
	if (mapped) return parseInt(mapped[1], 16) * 65536 + parseInt(mapped[2], 16);
	return undefined;
}

/** A URL's host name without the brackets of an IPv6 address. */
const unbracketed = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/**
 * Whether a host (a link's, or an address it resolved to) is a loopback, private, link-local,
 * shared or unspecified address, or `localhost`. The node's own list, applied whatever n8n's
 * egress filter lets through: n8n's lets 100.64/10 and `[::]` pass.
 */
function isPrivate(hostname: string): boolean {
	const host = unbracketed(hostname).toLowerCase();
	if (host === 'localhost' || host.endsWith('.localhost')) return true;
	const v4 = ipv4Of(host);
	if (v4 !== undefined) {
		return PRIVATE_IPV4.some(([a, b, prefix]) => {
			const base = (a * 256 + b) * 65536;
			return Math.floor(v4 / 2 ** (32 - prefix)) === Math.floor(base / 2 ** (32 - prefix));
		});
	}
	if (!host.includes(':')) return false;
	return (
		host === '::' ||
		host === '::1' ||
		/^f[cd][0-9a-f]{0,2}:/.test(host) ||
		/^fe[89ab][0-9a-f]?:/.test(host) ||
		/^::ffff:/.test(host)
	);
}

/** Every address n8n's egress filter resolves `host` to, each judged by the instance's ranges. */
async function resolvedThrough(filter: NodeEgressFilter, host: string): Promise<string[]> {
	const lookup = filter.createSecureLookup();
	return await new Promise((resolve, reject) =>
		lookup(host, { all: true }, (error, addresses) => {
			if (error) reject(error);
			else resolve((addresses as Array<{ address: string }>).map(({ address }) => address));
		}),
	);
}

/**
 * Refuses a recording link that is not http(s), or (unless private addresses are allowed) whose
 * host is or resolves to a loopback, private, link-local, shared or unspecified address: a link
 * in a vendor's answer must not reach this machine's or its network's services. The host is
 * resolved once, by n8n's own egress filter with the instance's ranges, and every address it
 * answers is judged by the node's list too. Answers the address judged: the download must connect
 * there, not look the name up again (a name can answer a public address now, 127.0.0.1 next).
 * Without a filter (n8n before 2.30, where a node may not look names up), only addresses written
 * as such are judged, and the download connects by name.
 */
async function checkLink(
	context: RecordingContext,
	url: string,
	allowPrivate: boolean,
): Promise<string | undefined> {
	let link: URL;
	try {
		link = new URL(url);
	} catch {
		throw refusal(context, 'its link is not a URL');
	}
	if (link.protocol !== 'http:' && link.protocol !== 'https:') {
		throw refusal(context, `its link is a ${link.protocol} link; only http and https are fetched`);
	}
	if (allowPrivate) return undefined;
	const refused = () =>
		refusal(
			context,
			`its link points to a private address (${link.hostname}). Turn on Allow Recordings From Private Addresses if your recordings are on your own network.`,
		);
	if (isPrivate(link.hostname)) throw refused();
	const filter = context.helpers.getSecureEgressFilter?.('enforced');
	if (!filter) return undefined;
	const addresses = await resolvedThrough(filter, unbracketed(link.hostname)).catch(() => {
		throw refused();
	});
	if (addresses.some(isPrivate)) throw refused();
	return addresses[0];
}

/**
 * A file name made of a vendor's call id: n8n reads the name as a path, so a separator would make
 * part of the id a directory (`tenantA/1` and `tenantB/1` both `1.wav`, `../..` a way out).
 */
const fileNameOf = (id: string) =>
	// eslint-disable-next-line no-control-regex
	id.replace(/[/\\]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '');

/** A JSON, HTML or text answer: a vendor's error page or envelope, served with HTTP 200 or not. */
const isPage = (contentType: string | undefined) =>
	/^\s*(application\/(?:[\w.+-]*\+)?json|text\/)/i.test(contentType ?? '');

/** The vendor's code and words in a JSON answer, shortened and quoted as data. */
function saidIn(answer: unknown): string {
	if (!isObject(answer)) return '';
	const code = answer.error ?? answer.status_code ?? answer.code;
	const words = typeof answer.message === 'string' ? answer.message.slice(0, 100) : undefined;
	const parts = [code === undefined ? undefined : `error ${JSON.stringify(code)}`];
	if (words) parts.push(JSON.stringify(words));
	const said = parts.filter((part) => part !== undefined).join(': ');
	return said ? ` (${said})` : '';
}

/** Why a page in place of a recording is refused: what it is, and the vendor's code if it gave one. */
const pageRefusal = (contentType: string | undefined, answer: unknown) =>
	`the vendor answered ${/json/i.test(contentType ?? '') ? 'JSON' : 'a text or HTML page'} instead of a recording${saidIn(answer)}`;

/** Where a recording is, for its file's extension: its link, or its path below the Base URL. */
const addressOf = (link: RecordingLink) => ('url' in link ? link.url : link.path);

/**
 * How Download Recordings downloads, as plain values (the caller reads them from the node's
 * options): the binary field of the first recording, Max Recording Size in bytes, and whether
 * links to private addresses are fetched.
 */
export interface RecordingSettings {
	property: string;
	mostBytes: number;
	allowPrivate: boolean;
}

/** A call's recordings: the id its files are named after, and its links. */
export interface Recording {
	id: string;
	links: RecordingLink[];
}

async function binaryOf(
	context: RecordingContext,
	transport: Transport,
	recording: Recording,
	settings: RecordingSettings,
	place: RequestPlace,
): Promise<IBinaryKeyData> {
	const { id, links } = recording;
	if (links.length > MOST_LINKS_PER_CALL) {
		throw refusal(
			context,
			`it has ${links.length} recording links, more than the ${MOST_LINKS_PER_CALL} the node downloads for one call`,
		);
	}
	const what = links.length === 1 ? 'it is' : 'its recordings together are';
	const tooBig = () =>
		refusal(context, `${what} larger than Max Recording Size (${settings.mostBytes / MB} MB)`);
	const binary: IBinaryKeyData = {};
	// Max Recording Size is the call's: each link may bring what the ones before it left.
	let bytesLeft = settings.mostBytes;
	for (const [index, link] of links.entries()) {
		const file = await transport.file(link, place, {
			mostBytes: bytesLeft,
			tooBig,
			checkLink: async (url) => await checkLink(context, url, settings.allowPrivate),
		});
		bytesLeft -= file.body.length;
		if (isPage(file.contentType)) {
			// The vendor answered with a page instead of a file: "none" (skipped), or a failure.
			const parsed = parseBounded(file.body);
			const answer = 'json' in parsed ? parsed.json : undefined;
			if ('path' in link && link.isNone?.(answer)) continue;
			throw refusal(context, pageRefusal(file.contentType, answer));
		}
		const { mime, ext } = typeOf(file.contentType, addressOf(link));
		const stem = fileNameOf(id);
		const name = links.length === 1 ? `${stem}.${ext}` : `${stem}-${index + 1}.${ext}`;
		const key = index === 0 ? settings.property : `${settings.property}_${index + 1}`;
		binary[key] = await context.helpers.prepareBinaryData(file.body, name, mime);
	}
	return binary;
}

/** Why a download failed, in a few words: the refusal, or the HTTP status or network code. */
function reasonOf(failure: unknown, timeout: number): string {
	// A refusal is the node's own (NodeOperationError); the transport's failures are the vendor's.
	if (failure instanceof NodeOperationError) return failure.message;
	// The transport's advice is about the API ("check Base URL"); a recording only has its code.
	const code = isObject(failure) ? String(failure.httpCode ?? '') : '';
	if (code === 'ETIMEDOUT') return `it did not arrive within Timeout (${timeout} s)`;
	return /^\d+$/.test(code) ? `HTTP ${code}` : code || 'it failed';
}

/** Why the recordings of call `id` could not be downloaded, as the item or the error says it. */
export const downloadFailure = (id: string, failure: unknown, timeoutMs: number) =>
	`The recording of call ${id} could not be downloaded: ${reasonOf(failure, timeoutMs / 1000)}`;

/** `item` with the recordings found (none: as it was) in its binary data. */
export const withBinary = (item: INodeExecutionData, binary: IBinaryKeyData) =>
	Object.keys(binary).length > 0 ? { ...item, binary: { ...item.binary, ...binary } } : item;

/** A call's recordings as binary data, or why they could not be downloaded (downloadFailure). */
export async function downloadRecording(
	context: RecordingContext,
	transport: Transport,
	recording: Recording,
	settings: RecordingSettings,
	place: RequestPlace,
): Promise<{ binary: IBinaryKeyData } | { failed: string }> {
	return await binaryOf(context, transport, recording, settings, place).then(
		(binary) => ({ binary }),
		(failure: unknown) => ({ failed: downloadFailure(recording.id, failure, transport.timeoutMs) }),
	);
}

/**
 * With Download Recordings on (`settings` given), puts each call's recording into the item's
 * binary data, as `<call id>.<ext>`. A call without a recording passes through as it is; one whose
 * download fails (or is refused) fails the node, or with Continue On Fail becomes that call with
 * an `error`.
 */
export async function withRecordings(
	context: RecordingContext & Pick<IExecutePaginationFunctions, 'continueOnFail'>,
	transport: Transport,
	items: INodeExecutionData[],
	shape: RecordShape,
	place: RequestPlace,
	settings: RecordingSettings | undefined,
): Promise<INodeExecutionData[]> {
	if (!settings) return items;
	const output: INodeExecutionData[] = [];
	for (const item of items) {
		const recordings = { id: shape.idsOf(item.json)[0] ?? '', links: shape.recordings(item.json) };
		if (recordings.links.length === 0) {
			output.push(item);
			continue;
		}
		const outcome = await downloadRecording(context, transport, recordings, settings, place);
		if ('binary' in outcome) {
			output.push(withBinary(item, outcome.binary));
			continue;
		}
		const message = outcome.failed;
		if (!context.continueOnFail()) {
			const error = new NodeApiError(
				context.getNode(),
				{ recording: recordings.id } as JsonObject,
				{
					message,
					description: 'Check the recording link in the call, or turn Download Recordings off.',
				},
			);
			// NodeApiError swaps a message that mentions a network code (ECONNRESET, …) for n8n's generic text.
			error.message = message;
			throw error;
		}
		output.push({ json: { ...item.json, error: message } });
	}
	return output;
}
