'use strict';
// The range every bench sync reads: 90 days ending 2026-10-01 24:00 in Vietnam, fixed so that every
// run reads the same calls, in 3-day windows of 50-call pages, at 20 ms latency where the
// round trip matters.

const { DAY } = require('../../test/sandbox/seed');

const PAGE_SIZE = 50;
const WINDOW_DAYS = 3;
const LATENCY_MS = 20;
const TO = Date.UTC(2026, 9, 1, 17) - 1;
const FROM = TO + 1 - 90 * DAY;

/**
 * n8n cannot output more than about 125,000 items from one run of a declarative node (see
 * MOST_ITEMS_PER_RUN), so a bigger sync is run as consecutive runs of whole windows, newest first.
 */
function partsOf(calls) {
	// Parts of about 90,000, so that the random spread of the calls never pushes one past 100,000.
	const parts = calls <= 100_000 ? 1 : Math.ceil(calls / 90_000);
	const days = 90 / parts;
	if (!Number.isInteger(days / WINDOW_DAYS))
		throw new Error(`${parts} parts do not cut 90 days into whole windows`);
	return Array.from({ length: parts }, (_, i) => ({
		from: TO + 1 - (i + 1) * days * DAY,
		to: TO - i * days * DAY,
	}));
}

module.exports = { PAGE_SIZE, WINDOW_DAYS, LATENCY_MS, FROM, TO, partsOf };
