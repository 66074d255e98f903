'use strict';
// The window cutter over many ranges: windows tile [from, to] exactly, newest first, none too long.

const {
	cutWindows,
	forEachWindow,
	DAY_MS,
} = require('../dist/nodes/CallHistory/engine/windows.js');
const { random } = require('./sandbox/seed');

/** What is wrong with the windows cut from [from, to]: an empty list when they tile it exactly. */
function tilingProblems(windows, from, to, windowMs) {
	const problems = [];
	const oldestFirst = [...windows].reverse();
	if (oldestFirst[0]?.from !== from)
		problems.push(`first window starts at ${oldestFirst[0]?.from}, not ${from}`);
	if (windows[0]?.to !== to) problems.push(`newest window ends at ${windows[0]?.to}, not ${to}`);
	oldestFirst.forEach((w, i) => {
		const length = w.to - w.from + 1;
		if (length <= 0 || length > windowMs) problems.push(`window ${i} is ${length} ms long`);
		if (i > 0 && w.from !== oldestFirst[i - 1].to + 1)
			problems.push(`gap or overlap before window ${i}`);
	});
	if (windows.length !== Math.ceil((to - from + 1) / windowMs))
		problems.push(`${windows.length} windows`);
	return problems;
}

function expectTiling(from, to, windowMs) {
	const windows = cutWindows(from, to, windowMs);
	expect(tilingProblems(windows, from, to, windowMs)).toEqual([]);
	return windows;
}

describe('cutWindows', () => {
	test('a range of one millisecond is one window', () => {
		expect(expectTiling(1000, 1000, 3 * DAY_MS)).toEqual([{ from: 1000, to: 1000 }]);
	});

	test('a range of exactly two windows is two full windows', () => {
		const from = Date.UTC(2026, 0, 1);
		expect(expectTiling(from, from + 6 * DAY_MS - 1, 3 * DAY_MS)).toEqual([
			{ from: from + 3 * DAY_MS, to: from + 6 * DAY_MS - 1 },
			{ from, to: from + 3 * DAY_MS - 1 },
		]);
	});

	test('one millisecond over a window is a full newest window and a 1 ms oldest one', () => {
		const from = Date.UTC(2026, 0, 1);
		expect(expectTiling(from, from + 3 * DAY_MS, 3 * DAY_MS)).toEqual([
			{ from: from + 1, to: from + 3 * DAY_MS },
			{ from, to: from },
		]);
	});

	test('tiles 2,000 random ranges exactly', () => {
		const rand = random(42);
		const problems = [];
		for (let i = 0; i < 2000; i++) {
			const from = Math.floor(rand() * 2e12);
			const to = from + Math.floor(rand() * 400 * DAY_MS);
			const windowMs = (1 + Math.floor(rand() * 30)) * DAY_MS;
			problems.push(
				...tilingProblems(cutWindows(from, to, windowMs), from, to, windowMs).map(
					(p) => `[${from}, ${to}]: ${p}`,
				),
			);
		}
		expect(problems).toEqual([]);
	});
});

describe('forEachWindow', () => {
	const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

	test('a window failing among halves of others still fails the walk, whatever the workers popped first', async () => {
		const from = Date.UTC(2026, 0, 1);
		const windows = cutWindows(from, from + 12 * DAY_MS - 1, 3 * DAY_MS);
		const used = [];
		let failedOnce = false;
		const walk = async (window) => {
			await tick();
			const length = window.to - window.from + 1;
			// The vendor refuses windows over 18 hours, so every 3-day window is cut in quarters...
			if (length > 0.75 * DAY_MS + 1) throw Object.assign(new Error('too long'), { split: true });
			// ...and the first quarter of the second window fails for good, a little slowly.
			if (window.to === windows[1].to && !failedOnce) {
				failedOnce = true;
				await tick();
				throw new Error('HTTP 500 after retries');
			}
			await tick();
			await tick();
			return window;
		};

		const walked = forEachWindow(windows, walk, (value, window) => used.push(window) > 0, {
			concurrency: 2,
			shouldSplit: (error) => error.split === true,
		});

		await expect(walked).rejects.toThrow('HTTP 500 after retries');
		// Every quarter of the first window was used, in order, before the failure was reached.
		expect(used.map((w) => w.to)).toEqual(
			cutWindows(windows[0].from, windows[0].to, 0.75 * DAY_MS).map((w) => w.to),
		);
	});
});
