'use strict';
// How a sandbox list serves its pages: neither vendor publishes an order, so a test can pick one.
//   'newest'    newest first (what the stores hold)
//   'oldest'    oldest first
//   'shuffled'  the newest-first pages, each page's items in no order (a fixed shuffle per page)

const { random } = require('./seed');

/** The page `page` (from 1) of `size` items of `newestFirst`, served in `order`. */
function pageOf(newestFirst, page, size, order = 'newest') {
	const list = order === 'oldest' ? [...newestFirst].reverse() : newestFirst;
	const items = list.slice((page - 1) * size, page * size);
	if (order !== 'shuffled') return items;
	const rand = random(page * 7919 + items.length);
	for (let i = items.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

module.exports = { pageOf };
