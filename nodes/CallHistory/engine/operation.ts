import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type INode,
} from 'n8n-workflow';
import { platformInfo, type Platform } from '../../../common/platforms';
import type { RequestPlace } from './errors';
import { asksForShorterWindow } from './remedies';
import type { Transport } from './transport';
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
	const reads = platforms.map((platform) => platformInfo(platform).short).join(' or ');
	throw new NodeOperationError(
		node,
		`This credential is for ${platformInfo(transport.platform).short}; ${whoReads} ${reads}: pick or create ${withArticle(reads)} credential`,
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

/**
 * One request per window of `windows` (From Date to To Date cut by Days per Request),
 * `concurrency` at a time, a window the vendor refuses read in halves; hands each result to `use`
 * in window order, as soon as every window before it was used.
 */
export async function readEachWindow<T>(
	windows: DateWindow[],
	concurrency: number,
	read: (window: DateWindow) => Promise<T>,
	use: (value: T) => void,
): Promise<void> {
	await forEachWindow(windows, read, (value) => (use(value), true), {
		concurrency,
		shouldSplit: asksForShorterWindow,
	});
}
