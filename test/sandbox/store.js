'use strict';
// The sandbox's data: calls kept sorted by their time (created_date; VBot v3: create_at) so a date
// range is two binary searches, which keeps the benchmark's hundreds of thousands of calls cheap to
// page through.

function lowerBound(calls, ms, time) {
	let low = 0;
	let high = calls.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (calls[mid][time] < ms) low = mid + 1;
		else high = mid;
	}
	return low;
}

class CallStore {
	/** `id` and `time` name the fields that identify and date a call. */
	constructor({ id = 'transaction_id', time = 'created_date' } = {}) {
		this.id = id;
		this.time = time;
		this.calls = [];
		this.byId = new Map();
	}

	add(...calls) {
		for (const call of calls.flat()) {
			if (this.byId.has(call[this.id])) throw new Error(`duplicate call ${call[this.id]}`);
			this.calls.splice(lowerBound(this.calls, call[this.time] + 1, this.time), 0, call);
			this.byId.set(call[this.id], call);
		}
	}

	/** Replaces everything; faster than add() for large seeds. */
	replace(calls) {
		this.calls = [...calls].sort((a, b) => a[this.time] - b[this.time]);
		this.byId = new Map(this.calls.map((call) => [call[this.id], call]));
	}

	get(id) {
		return this.byId.get(id);
	}

	get size() {
		return this.calls.length;
	}

	/** Calls with from <= created_date <= to (both inclusive), newest first. */
	range(from, to) {
		const start = lowerBound(this.calls, from, this.time);
		const end = lowerBound(this.calls, to + 1, this.time);
		return this.calls.slice(start, end).reverse();
	}
}

/**
 * VBot v3's project-wide call log: one row per call, by trans_id and create_at, and each call's
 * legs by group_id. A call given with a `legs` array keeps them apart from its row, so that the
 * rows are exactly what get-all serves.
 */
class VbotCallStore extends CallStore {
	constructor() {
		super({ id: 'trans_id', time: 'create_at' });
		this.groups = new Map();
	}

	add(...calls) {
		for (const { legs, ...row } of calls.flat()) {
			super.add(row);
			this.groups.set(row.group_id, { row, legs });
		}
	}

	replace(calls) {
		const groups = calls.map(({ legs, ...row }) => ({ row, legs }));
		super.replace(groups.map((group) => group.row));
		this.groups = new Map(groups.map((group) => [group.row.group_id, group]));
	}

	/** The row of the call with this group_id and the legs stored with it, or undefined. */
	group(groupId) {
		return this.groups.get(groupId);
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

	/**
	 * History of one customer phone in one project, newest first; with no vbotId and projectCode
	 * (VBot v3, whose API key is the project), in every project.
	 */
	find({ vbotId, projectCode, phone }) {
		const anyProject = vbotId === undefined && projectCode === undefined;
		return this.entries
			.filter(
				(e) =>
					(anyProject || (e.meta.vbotId === vbotId && e.meta.projectCode === projectCode)) &&
					e.meta.phone === phone,
			)
			.map((e) => e.record);
	}
}

module.exports = { CallStore, VbotCallStore, VbotStore };
