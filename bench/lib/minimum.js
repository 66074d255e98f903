'use strict';
// The fewest requests each operation can make, from what the API offers (see ../../README.md,
// "Performance"): the bench's yardstick, and the tests' too.

/**
 * Call › Get Many: windows newest first, pages of `size`; a page's paging block says whether
 * another follows, so a window costs max(1, ceil(calls / size)), and with a Limit the walk ends
 * with the page that completes it.
 */
function fewestListRequests(callsPerWindowNewestFirst, limit, size) {
	let requests = 0;
	let need = limit;
	for (const count of callsPerWindowNewestFirst) {
		if (need <= count) return requests + Math.ceil(need / size);
		requests += Math.max(1, Math.ceil(count / size));
		need -= count;
	}
	return requests;
}

/**
 * VBot Call › Get Many: VBot's pages carry no paging block, so the end shows as a short page; when
 * the last page is full, one more request (an empty page, or the count) is the only way to know.
 */
function fewestVbotRequests(records, size) {
	return Math.ceil(records / size) + (records % size === 0 ? 1 : 0);
}

module.exports = { fewestListRequests, fewestVbotRequests };
