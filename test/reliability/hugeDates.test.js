'use strict';
// A date no JavaScript date can hold (|ms| > 8.64e15, NaN, Infinity) is refused before any work,
// naming the field; the window cutter throws rather than spin on a range it cannot cut. Run in a
// child process with a small heap and a deadline (hugeDates.child.js): a regression that freezes
// the event loop or runs out of memory kills the child, and this test reports it.

const { spawnSync } = require('node:child_process');
const path = require('node:path');

test('huge, infinite and NaN dates are refused before any request, and no cut spins', () => {
	const child = spawnSync(
		process.execPath,
		['--max-old-space-size=256', path.join(__dirname, 'hugeDates.child.js')],
		{ encoding: 'utf8', timeout: 25_000, env: process.env },
	);

	expect(child.signal).toBeNull();
	expect(child.status).toBe(0);
	const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
	const { runs, cut } = JSON.parse(line.slice('RESULT '.length));
	expect(runs).toHaveLength(6);
	for (const run of runs) {
		expect({ name: run.name, requests: run.requests }).toEqual({ name: run.name, requests: 0 });
		expect(run.message).toMatch(/^From Date is not a valid date: /);
	}
	expect(cut).toMatch(/^threw RangeError: Cannot cut/);
}, 30_000);
