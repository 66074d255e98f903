'use strict';
// Reads a V8 CPU profile (`node --cpu-prof`) for where a process spent its time during one span:
// the span from the first to the last sample whose stack holds a frame matching `spanOf`. Answers
// the span's length, its idle time, the self time per package and per function, and the
// inclusive time (the time a function was anywhere on the stack) of the functions that took most.

const path = require('node:path');

/** The package a script belongs to (the innermost node_modules folder), or what V8 calls it. */
function packageOf(url) {
	if (!url) return '(V8 / native)';
	if (url.startsWith('node:')) return 'node (built-in)';
	const parts = url.replace(/^file:\/\//, '').split(path.sep);
	const at = parts.lastIndexOf('node_modules');
	if (at < 0) return 'other';
	const name = parts[at + 1]?.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
	return name ?? 'other';
}

const BUILT_IN = ['node (built-in)', '(V8 / native)'];

function frameName({ functionName, url, lineNumber }) {
	const file = url ? url.split('/').slice(-2).join('/') : '';
	return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/**
 * `profile`: the parsed .cpuprofile. `spanOf(callFrame)`: true for the frames that mark the span.
 * `groups`: [{ name, test(callFrames, owner) }], the first whose test holds for a sample's stack
 * (leaf first) takes its time; `owner` is the package of the frame nearest the leaf that is not
 * Node's or V8's own. Answers { spanMs, sampledMs, idleMs, gcMs, byGroup, byPackage, bySelf,
 * byInclusive } (times in ms).
 */
function summarize(profile, spanOf, { top = 30, groups = [] } = {}) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id) => {
		const stack = [];
		for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at));
		return stack;
	};
	const times = [];
	let t = profile.startTime;
	for (const delta of profile.timeDeltas) times.push((t += delta));
	const marks = profile.samples
		.map((id, i) => (stackOf(id).some((node) => spanOf(node.callFrame)) ? times[i] : undefined))
		.filter((time) => time !== undefined);
	if (marks.length === 0) throw new Error('no sample matches the span');
	const [start, end] = [marks[0], marks.at(-1)];

	const self = new Map();
	const inclusive = new Map();
	const packages = new Map();
	const grouped = new Map();
	const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
	let sampledMs = 0;
	let idleMs = 0;
	let gcMs = 0;
	profile.samples.forEach((id, i) => {
		if (times[i] < start || times[i] > end) return;
		const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		const stack = stackOf(id);
		const leaf = stack[0].callFrame;
		sampledMs += ms;
		if (leaf.functionName === '(idle)') {
			idleMs += ms;
			return;
		}
		if (leaf.functionName === '(garbage collector)') gcMs += ms;
		add(self, frameName(leaf), ms);
		add(packages, packageOf(leaf.url), ms);
		const frames = stack.map((node) => node.callFrame);
		const owner =
			frames.map((frame) => packageOf(frame.url)).find((name) => !BUILT_IN.includes(name)) ??
			packageOf(leaf.url);
		add(grouped, groups.find((group) => group.test(frames, owner))?.name ?? owner, ms);
		for (const name of new Set(stack.map((node) => frameName(node.callFrame)))) {
			add(inclusive, name, ms);
		}
	});
	const sorted = (map) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([name, ms]) => ({ name, ms }));
	return {
		spanMs: (end - start) / 1000,
		sampledMs,
		idleMs,
		gcMs,
		byGroup: sorted(grouped),
		byPackage: sorted(packages),
		bySelf: sorted(self),
		byInclusive: sorted(inclusive),
	};
}

module.exports = { summarize, packageOf };
