import type { IDataObject } from 'n8n-workflow';
import { CALL_TYPES, HOTLINE_SCOPES } from './filters';
import type { ParameterContext } from '../../fields/parameters';

/**
 * Filters › Call Type as the call log takes it. The API takes one `type_call` (none for every
 * type): one type chosen is sent; two are read as every type and kept here; none or all three,
 * every type.
 */
export function readCallTypes(context: ParameterContext): {
	qs: IDataObject;
	keep?: (call: IDataObject) => boolean;
} {
	const chosen = context.getNodeParameter('filters.callType', []);
	const types = (Array.isArray(chosen) ? chosen : [chosen])
		.map((type) => CALL_TYPES[String(type) as keyof typeof CALL_TYPES])
		.filter((type): type is (typeof CALL_TYPES)[keyof typeof CALL_TYPES] => type !== undefined);
	const distinct = [...new Set(types)];
	if (distinct.length === 1) return { qs: { type_call: distinct[0] } };
	if (distinct.length === 0 || distinct.length === Object.keys(CALL_TYPES).length)
		return { qs: {} };
	return { qs: {}, keep: (call) => distinct.includes(Number(call.type_call) as never) };
}

/** Filters › Hotline Calls as `has_hotline`: every call (1) unless the user chose otherwise. */
export function readHotlineScope(context: ParameterContext): { has_hotline: number } {
	const chosen = String(context.getNodeParameter('filters.hotlineScope', 'all'));
	const scope = HOTLINE_SCOPES[chosen as keyof typeof HOTLINE_SCOPES] ?? HOTLINE_SCOPES.all;
	return { has_hotline: scope };
}

/** What the call log's own filters add to every request's query, and a filter the API cannot apply. */
export function readCallLogQuery(context: ParameterContext): {
	qs: IDataObject;
	keep?: (call: IDataObject) => boolean;
} {
	const types = readCallTypes(context);
	return { qs: { ...types.qs, ...readHotlineScope(context) }, keep: types.keep };
}
