'use strict';
// The query of VBot v3's call log (UPDATES-2026 § C.1) read as the vendor documents it: `from` and
// `to` in epoch ms (both inclusive; absent: no bound), `page` from 0 (default 0), `size` (default
// 20), text filters matched exactly (`key_search`: part of the caller's or callee's number),
// numeric filters where -1 or absence means none, and `has_hotline`, whose default (-1 or empty)
// keeps only calls with a hotline (0: only those without, 1: all). A value not of its documented
// type (Long, Int, Double), or given twice, is a bad parameter.

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const NONE = -1;

/** The parameters read, each with the pattern its value must match (null: any text). */
const PARAMETERS = {
	from: INTEGER,
	to: INTEGER,
	key_search: null,
	group_member_no: null,
	member_no: null,
	hotline: null,
	disposition: null,
	customer_code: null,
	type_call: INTEGER,
	min_postage: DECIMAL,
	max_postage: DECIMAL,
	has_hotline: INTEGER,
};

/** The text filters: the values of a call each must equal one of. */
const EXACT = {
	group_member_no: (call) => [call.group_member_no],
	member_no: (call) => [call.caller_info.member_no, call.callee_info.member_no],
	hotline: (call) => [call.hotline],
	disposition: (call) => [call.disposition],
	customer_code: (call) => [call.customer_code],
};

/** One parameter: { value } (undefined when absent or empty), or { bad } naming it. */
function readOne(query, name, pattern) {
	const value = query[name];
	if (value === undefined || value === '') return { value: undefined };
	if (Array.isArray(value) || (pattern && !pattern.test(value))) return { bad: name };
	return { value: pattern ? Number(value) : value };
}

function readAll(query, parameters) {
	const values = {};
	for (const [name, pattern] of Object.entries(parameters)) {
		const { value, bad } = readOne(query, name, pattern);
		if (bad) return { bad };
		values[name] = value;
	}
	return { values };
}

const isOff = (value) => value === undefined || value === NONE;

function tests(values) {
	const all = [];
	const search = values.key_search;
	if (search !== undefined)
		all.push((call) =>
			[call.caller_info.number, call.callee_info.number].some((n) => n?.includes(search)),
		);
	for (const [name, valuesOf] of Object.entries(EXACT)) {
		if (values[name] !== undefined) all.push((call) => valuesOf(call).includes(values[name]));
	}
	if (!isOff(values.type_call)) all.push((call) => call.type_call === values.type_call);
	if (!isOff(values.min_postage)) all.push((call) => call.postage >= values.min_postage);
	if (!isOff(values.max_postage)) all.push((call) => call.postage <= values.max_postage);
	const hotline = values.has_hotline ?? NONE;
	if (hotline === NONE) all.push((call) => Boolean(call.hotline));
	if (hotline === 0) all.push((call) => !call.hotline);
	return all;
}

/** { from, to, matches(call) } for get-all and count-all, or { bad } naming the parameter at fault. */
function readCallQuery(query) {
	const { values, bad } = readAll(query, PARAMETERS);
	if (bad) return { bad };
	if (![undefined, NONE, 1, 2, 3].includes(values.type_call)) return { bad: 'type_call' };
	if (![undefined, NONE, 0, 1].includes(values.has_hotline)) return { bad: 'has_hotline' };
	const from = values.from ?? -Infinity;
	const to = values.to ?? Infinity;
	if (from > to) return { bad: 'from' };
	const all = tests(values);
	return { from, to, matches: (call) => all.every((test) => test(call)) };
}

/** { page, size } as asked (page from 0), or { bad }. */
function readPage(query) {
	const { values, bad } = readAll(query, { page: INTEGER, size: INTEGER });
	if (bad) return { bad };
	const { page = 0, size = 20 } = values;
	if (page < 0) return { bad: 'page' };
	if (size < 1) return { bad: 'size' };
	return { page, size };
}

module.exports = { readCallQuery, readPage };
