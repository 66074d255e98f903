import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
} from 'n8n-workflow';
import { checkAnswer, httpFailure, type RequestPlace } from './envelope';

export interface RequestChange {
	url?: string;
	/** Query parameters to set on top of those the node's routing put there. */
	qs?: IDataObject;
}

/**
 * The one place a request leaves the node: the request the routing built, with `change` on top,
 * through n8n's routing request (which authenticates it), then the vendor's answer checked.
 * Returns what the answer carries: `payload` (Call History API) or `data` (VBot).
 */
export async function send(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	change: RequestChange,
	place: RequestPlace,
): Promise<unknown> {
	const options = {
		...requestData.options,
		...(change.url === undefined ? {} : { url: change.url }),
		qs: { ...requestData.options.qs, ...change.qs },
	};
	let items;
	try {
		items = await context.makeRoutingRequest({ ...requestData, options });
	} catch (error) {
		throw httpFailure(context.getNode(), place, error);
	}
	// Without postReceive actions n8n hands back the body as one item, or one item per element of an array body.
	const answer = items.length === 1 ? items[0].json : items.map((item) => item.json);
	return checkAnswer(context.getNode(), place, answer);
}
