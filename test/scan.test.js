'use strict';
// npm run scan (chained from npm run lint) fails where n8n's package scanner would: on a copy of
// this package with 0.1.0's angle-bracket description put back in the source, and a global the
// verified-node rules forbid put into the compiled tarball.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const SHIPPED = [
	'package.json',
	'README.md',
	'LICENSE',
	'index.js',
	'nodes',
	'credentials',
	'dist',
];
const DESCRIPTIONS = 'nodes/CallHistory/fields/descriptions.ts';
const NODE_JS = 'dist/nodes/CallHistory/CallHistory.node.js';

let copy;

beforeAll(() => {
	copy = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-scan-test-'));
	for (const entry of SHIPPED) {
		fs.cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
	}
});

afterAll(() => {
	if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

function scan(folder) {
	return spawnSync(process.execPath, [path.join(root, 'scripts/scan.js'), folder], {
		cwd: root,
		encoding: 'utf8',
	});
}

function edit(file, change) {
	const target = path.join(copy, file);
	const before = fs.readFileSync(target, 'utf8');
	const after = change(before);
	expect(after).not.toBe(before);
	fs.writeFileSync(target, after);
}

test('fails on unencoded angle brackets in a description and on setTimeout in the compiled node', () => {
	edit(DESCRIPTIONS, (text) =>
		text.replace(/as a file named after the call ID[^.]*\([^)]*\)/, 'as <call ID>.<extension>'),
	);
	edit(NODE_JS, (text) => `${text}\nsetTimeout(() => {}, 1);\n`);

	const { status, stdout } = scan(copy);

	expect(status).toBe(1);
	expect(stdout).toMatch(/FAILED: the scanner's rules on the source/);
	expect(stdout).toContain(path.join(copy, DESCRIPTIONS));
	expect(stdout).toMatch(/n8n-nodes-base\/node-param-description-unencoded-angle-brackets/);
	expect(stdout).toMatch(/FAILED: the scanner's rules on the packed tarball/);
	expect(stdout).toMatch(/\/package\/dist\/nodes\/CallHistory\/CallHistory\.node\.js/);
	expect(stdout).toMatch(/@n8n\/community-nodes\/no-restricted-globals/);
}, 60_000);

test('refuses a tarball without the files the n8n block names, rather than scanning nothing', () => {
	fs.rmSync(path.join(copy, 'dist'), { recursive: true });

	const { status, stdout } = scan(copy);

	expect(status).toBe(1);
	expect(stdout).toContain(
		"FAILED: the scanner's rules on the packed tarball (no dist/credentials/CallHistoryApi.credentials.js",
	);
	expect(stdout).toContain('run npm run build first');
}, 60_000);
