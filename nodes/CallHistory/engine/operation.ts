import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type INode,
} from 'n8n-workflow';
import { PLATFORMS, type Platform } from '../../../common/platforms';
import type { RequestPlace } from './errors';
import type { Transport } from './transport';
import type { Send } from './windowReader';

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
