import {
	NodeApiError,
	type IBinaryKeyData,
	type IDataObject,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';
import type { RequestPlace } from './envelope';
import { isObject } from './json';
import { vbotIdOf } from './simplify';
import { download } from './transport';

/** A call's id (for the file name) and the links of its recordings. */
export type RecordingsOf = (call: IDataObject) => { id: string; urls: string[] };

export const callHistoryRecordings: RecordingsOf = (call) => ({
	id: String(call.transaction_id ?? ''),
	urls: typeof call.recording_file === 'string' && call.recording_file ? [call.recording_file] : [],
});

export const vbotRecordings: RecordingsOf = (record) => ({
	id: vbotIdOf(record),
	urls: (Array.isArray(record.record_file) ? record.record_file : []).filter(
		(url): url is string => typeof url === 'string' && url !== '',
	),
});

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

async function binaryOf(
	context: IExecutePaginationFunctions,
	{ id, urls }: { id: string; urls: string[] },
	property: string,
	place: RequestPlace,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	for (const [index, url] of urls.entries()) {
		const file = await download(context, url, place);
		const { mime, ext } = typeOf(file.contentType, url);
		const name = urls.length === 1 ? `${id}.${ext}` : `${id}-${index + 1}.${ext}`;
		const key = index === 0 ? property : `${property}_${index + 1}`;
		binary[key] = await context.helpers.prepareBinaryData(file.body, name, mime);
	}
	return binary;
}

/**
 * With Download Recordings on (options), puts each call's recording into the item's binary data,
 * as `<call id>.<ext>`. A call without a recording passes through as it is; one whose download
 * fails fails the node, or with Continue On Fail becomes that call with an `error`.
 */
export async function withRecordings(
	context: IExecutePaginationFunctions,
	items: INodeExecutionData[],
	recordingsOf: RecordingsOf,
	place: RequestPlace,
): Promise<INodeExecutionData[]> {
	if (context.getNodeParameter('options.downloadRecordings', false) !== true) return items;
	const named = context.getNodeParameter('options.binaryPropertyName', 'data');
	const property = typeof named === 'string' && named.trim() !== '' ? named.trim() : 'data';
	const output: INodeExecutionData[] = [];
	for (const item of items) {
		const recordings = recordingsOf(item.json);
		if (recordings.urls.length === 0) {
			output.push(item);
			continue;
		}
		const outcome = await binaryOf(context, recordings, property, place).then(
			(binary) => ({ binary, failure: undefined }),
			(failure: unknown) => ({ binary: undefined, failure }),
		);
		if (outcome.binary) {
			output.push({ ...item, binary: { ...item.binary, ...outcome.binary } });
			continue;
		}
		// The transport's advice is about the API ("check Base URL"); a recording only has its code.
		const code = isObject(outcome.failure) ? String(outcome.failure.httpCode ?? '') : '';
		const reason = /^\d+$/.test(code) ? `HTTP ${code}` : code || 'it failed';
		const message = `The recording of call ${recordings.id} could not be downloaded: ${reason}`;
		if (!context.continueOnFail()) {
			throw new NodeApiError(context.getNode(), { recording: recordings.id } as JsonObject, {
				message,
				description: 'Check the recording link in the call, or turn Download Recordings off.',
			});
		}
		output.push({ json: { ...item.json, error: message } });
	}
	return output;
}
