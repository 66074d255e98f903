'use strict';
// The sandbox's data: calls kept sorted by created_date so a date range is two binary searches,
// which keeps the benchmark's hundreds of thousands of calls cheap to page through.

function lowerBound(calls, ms) {
	let low = 0;
	let high = calls.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (calls[mid].created_date < ms) low = mid + 1;
		else high = mid;
	}
	return low;
}

class CallStore {
	constructor() {
		this.calls = [];
		this.byId = new Map();
	}

	add(...calls) {
		for (const call of calls.flat()) {
			if (this.byId.has(call.transaction_id))
				throw new Error(`duplicate call ${call.transaction_id}`);
			this.calls.splice(lowerBound(this.calls, call.created_date + 1), 0, call);
			this.byId.set(call.transaction_id, call);
		}
	}

	/** Replaces everything; faster than add() for large seeds. */
	replace(calls) {
		this.calls = [...calls].sort((a, b) => a.created_date - b.created_date);
		this.byId = new Map(this.calls.map((call) => [call.transaction_id, call]));
	}

	get(id) {
		return this.byId.get(id);
	}

	get size() {
		return this.calls.length;
	}

	/** Calls with from <= created_date <= to (both inclusive), newest first. */
	range(from, to) {
		const start = lowerBound(this.calls, from);
		const end = lowerBound(this.calls, to + 1);
		return this.calls.slice(start, end).reverse();
	}
}

class VbotStore {
	constructor() {
		this.entries = [];
	}

	add(...entries) {
		this.entries.push(...entries.flat());
		this.entries.sort((a, b) => b.meta.at - a.meta.at);
	}

	replace(entries) {
		this.entries = [];
		this.add(entries);
	}

	/** History of one customer phone in one project, newest first. */
	find({ vbotId, projectCode, phone }) {
		return this.entries
			.filter(
				(e) =>
					e.meta.vbotId === vbotId && e.meta.projectCode === projectCode && e.meta.phone === phone,
			)
			.map((e) => e.record);
	}
}

module.exports = { CallStore, VbotStore };
